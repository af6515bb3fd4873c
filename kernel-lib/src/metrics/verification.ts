/**
 * Face verification, LFW protocol: same/different pairs from held-out identities in 10
 * identity-disjoint folds; for each fold the threshold is chosen on the other nine (maximum
 * accuracy) and scored on it. Reports accuracy ± std, VAL@FAR, ROC AUC and EER, as FaceNet's
 * `evaluate` does (thresholds here are exact midpoints between scores, not a fixed grid).
 */
import { Rng, type Seed } from '../random';
import { equalErrorRate, rocAuc, rocCurve, tarAtFar, type RocCurve } from './roc';

export interface VerificationPairs {
  a: Int32Array;
  b: Int32Array;
  same: boolean[];
  fold: Int32Array;
  folds: number;
}

function groupByLabel(labels: ArrayLike<number>): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const g = groups.get(labels[i]);
    if (g) g.push(i); else groups.set(labels[i], [i]);
  }
  return groups;
}

/**
 * Draws verification pairs: identities are split into `folds` disjoint groups; each fold holds
 * `pairsPerFold / 2` same pairs and as many different pairs, all from its own identities.
 */
export function makeVerificationPairs(labels: ArrayLike<number>, options: { folds?: number; pairsPerFold?: number; seed?: Seed | Rng } = {}): VerificationPairs {
  const folds = options.folds ?? 10;
  const half = Math.floor((options.pairsPerFold ?? 600) / 2);
  const rng = Rng.from(options.seed);
  const groups = groupByLabel(labels);
  const ids = rng.shuffle([...groups.keys()].sort((x, y) => x - y));
  if (ids.length < 2 * folds) throw new Error(`makeVerificationPairs: ${ids.length} identities for ${folds} folds; need at least ${2 * folds} (2 per fold)`);
  const a: number[] = [], b: number[] = [], same: boolean[] = [], fold: number[] = [];
  for (let f = 0; f < folds; f++) {
    const mine = ids.filter((_, i) => i % folds === f);
    const multi = mine.filter((id) => (groups.get(id) as number[]).length >= 2);
    if (multi.length === 0) throw new Error(`makeVerificationPairs: fold ${f} has no identity with 2 or more images, so no "same" pair can be made`);
    for (let k = 0; k < half; k++) {
      const imgs = groups.get(rng.pick(multi)) as number[];
      const i = rng.int(imgs.length);
      let j = rng.int(imgs.length - 1);
      if (j >= i) j++;
      a.push(imgs[i]); b.push(imgs[j]); same.push(true); fold.push(f);
      const p = rng.int(mine.length);
      let q = rng.int(mine.length - 1);
      if (q >= p) q++;
      a.push(rng.pick(groups.get(mine[p]) as number[])); b.push(rng.pick(groups.get(mine[q]) as number[])); same.push(false); fold.push(f);
    }
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b), same, fold: Int32Array.from(fold), folds };
}

/** The threshold that maximises accuracy of `score ≥ t → same` (midpoint between scores). */
export function bestAccuracyThreshold(scores: ArrayLike<number>, same: ArrayLike<boolean>, options: { balanced?: boolean } = {}): { threshold: number; accuracy: number } {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((x, y) => scores[x] - scores[y]);
  let pos = 0;
  for (let i = 0; i < same.length; i++) if (same[i]) pos++;
  const neg = scores.length - pos;
  // Balanced: each class weighs half (the accuracy is the mean of TPR and TNR), so that a set of
  // all pairs, mostly different, does not pull the threshold toward "always different".
  const wPos = options.balanced ? (pos ? 0.5 / pos : 0) : 1, wNeg = options.balanced ? (neg ? 0.5 / neg : 0) : 1;
  const total = options.balanced ? (pos && neg ? 1 : 0.5) : scores.length;
  // Threshold below everything: all predicted same → correct = pos.
  let correct = pos * wPos, best = correct, bestT = scores.length ? scores[order[0]] - 1 : 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    correct += same[i] ? -wPos : wNeg; // pair i falls below the threshold → predicted different
    if (k + 1 < order.length && scores[order[k + 1]] === scores[i]) continue;
    if (correct > best + 1e-12) {
      best = correct;
      bestT = k + 1 < order.length ? (scores[i] + scores[order[k + 1]]) / 2 : scores[i] + 1;
    }
  }
  return { threshold: bestT, accuracy: scores.length ? best / total : 0 };
}

export interface VerificationResult {
  accuracy: { mean: number; std: number; perFold: number[] };
  thresholds: number[];
  /** VAL@FAR per fold (threshold for the FAR target chosen on the training folds). */
  valAtFar: { far: number; mean: number; std: number; achievedFar: number };
  auc: number;
  eer: number;
  roc: RocCurve;
}

const meanStd = (xs: number[]) => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean: m, std: Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length) };
};

/**
 * Scores pairs with the LFW protocol. `scores[i]` is the similarity of pair i (e.g. the negated
 * squared distance between embeddings).
 */
export function verificationProtocol(scores: ArrayLike<number>, pairs: Pick<VerificationPairs, 'same' | 'fold' | 'folds'>, options: { far?: number } = {}): VerificationResult {
  const far = options.far ?? 1e-3;
  if (scores.length !== pairs.same.length) throw new Error(`verificationProtocol: ${scores.length} scores for ${pairs.same.length} pairs`);
  const perFold: number[] = [], thresholds: number[] = [], vals: number[] = [], fars: number[] = [];
  for (let f = 0; f < pairs.folds; f++) {
    const trainS: number[] = [], trainY: boolean[] = [], testS: number[] = [], testY: boolean[] = [];
    for (let i = 0; i < scores.length; i++) {
      if (pairs.fold[i] === f) { testS.push(scores[i]); testY.push(pairs.same[i]); } else { trainS.push(scores[i]); trainY.push(pairs.same[i]); }
    }
    if (testS.length === 0) throw new Error(`verificationProtocol: fold ${f} has no pairs`);
    const { threshold } = bestAccuracyThreshold(trainS, trainY);
    thresholds.push(threshold);
    let correct = 0;
    for (let i = 0; i < testS.length; i++) if ((testS[i] >= threshold) === testY[i]) correct++;
    perFold.push(correct / testS.length);
    const { threshold: tFar } = tarAtFar(trainS, trainY, far);
    let ta = 0, fa = 0, ns = 0, nd = 0;
    for (let i = 0; i < testS.length; i++) {
      if (testY[i]) { ns++; if (testS[i] >= tFar) ta++; } else { nd++; if (testS[i] >= tFar) fa++; }
    }
    vals.push(ns ? ta / ns : 0);
    fars.push(nd ? fa / nd : 0);
  }
  const acc = meanStd(perFold), val = meanStd(vals);
  return {
    accuracy: { ...acc, perFold }, thresholds,
    valAtFar: { far, mean: val.mean, std: val.std, achievedFar: meanStd(fars).mean },
    auc: rocAuc(scores, pairs.same), eer: equalErrorRate(scores, pairs.same), roc: rocCurve(scores, pairs.same),
  };
}
