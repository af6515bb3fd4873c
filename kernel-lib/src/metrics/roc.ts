/**
 * ROC analysis of a similarity score: higher score = more likely "same". For distances, pass
 * negated distances. Ties are handled exactly (all pairs with one score move together).
 */

export interface RocCurve {
  /** False-positive rates, from 0 to 1, one point per distinct threshold. */
  fpr: number[];
  tpr: number[];
  /** Score thresholds: a pair is "same" when score ≥ threshold. thresholds[0] = +Infinity. */
  thresholds: number[];
}

function checkInputs(scores: ArrayLike<number>, same: ArrayLike<boolean>, fn: string): void {
  if (scores.length !== same.length) throw new Error(`${fn}: ${scores.length} scores but ${same.length} labels`);
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) throw new Error(`${fn}: score ${i} is NaN`);
  }
}

export function rocCurve(scores: ArrayLike<number>, same: ArrayLike<boolean>): RocCurve {
  checkInputs(scores, same, 'rocCurve');
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let pos = 0, neg = 0;
  for (let i = 0; i < same.length; i++) { if (same[i]) pos++; else neg++; }
  if (pos === 0 || neg === 0) throw new Error(`rocCurve: needs both same and different pairs (got ${pos} same, ${neg} different)`);
  const fpr = [0], tpr = [0], thresholds = [Infinity];
  let tp = 0, fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (same[i]) tp++; else fp++;
    if (k + 1 < order.length && scores[order[k + 1]] === scores[i]) continue; // tie: one step
    fpr.push(fp / neg); tpr.push(tp / pos); thresholds.push(scores[i]);
  }
  return { fpr, tpr, thresholds };
}

/** Area under the ROC curve (trapezoids; equals the Mann–Whitney probability with ties as ½). */
export function rocAuc(scores: ArrayLike<number>, same: ArrayLike<boolean>): number {
  const { fpr, tpr } = rocCurve(scores, same);
  let auc = 0;
  for (let i = 1; i < fpr.length; i++) auc += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
  return auc;
}

/** Equal error rate: where FPR = 1 − TPR, linearly interpolated between ROC points. */
export function equalErrorRate(scores: ArrayLike<number>, same: ArrayLike<boolean>): number {
  const { fpr, tpr } = rocCurve(scores, same);
  for (let i = 1; i < fpr.length; i++) {
    const fnrPrev = 1 - tpr[i - 1], fnr = 1 - tpr[i];
    if (fpr[i] >= fnr) {
      // d(t) = fpr − fnr changes sign between points i−1 and i.
      const d0 = fpr[i - 1] - fnrPrev, d1 = fpr[i] - fnr;
      const t = d1 === d0 ? 0 : -d0 / (d1 - d0);
      return fpr[i - 1] + t * (fpr[i] - fpr[i - 1]);
    }
  }
  return 1;
}

/**
 * True-accept rate at a false-accept rate ≤ `far`: the best TPR among thresholds whose FPR does
 * not exceed `far` (VAL@FAR in FaceNet's terms).
 */
export function tarAtFar(scores: ArrayLike<number>, same: ArrayLike<boolean>, far: number): { tar: number; threshold: number; far: number } {
  const { fpr, tpr, thresholds } = rocCurve(scores, same);
  let best = 0;
  for (let i = 0; i < fpr.length; i++) if (fpr[i] <= far) best = i;
  return { tar: tpr[best], threshold: thresholds[best], far: fpr[best] };
}
