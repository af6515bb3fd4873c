/**
 * Classification-style metrics as the article reports them, each defined:
 * per class c (one-vs-rest): precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R),
 * specificity = TN/(TN+FP). Macro = unweighted mean over classes. Micro pools the counts of
 * all classes: for single-label multiclass data micro P = R = F1 = accuracy, and micro
 * specificity equals them only with 2 classes.
 */

export interface ClassMetrics { precision: number; recall: number; f1: number; specificity: number; support: number }

export interface ClassificationReport {
  accuracy: number;
  macro: Omit<ClassMetrics, 'support'>;
  micro: Omit<ClassMetrics, 'support'>;
  perClass: ClassMetrics[];
  confusion: number[][];
  definitions: string;
}

export const CLASSIFICATION_DEFINITIONS =
  'precision = TP/(TP+FP); recall = TP/(TP+FN); F1 = 2·P·R/(P+R); specificity = TN/(TN+FP); accuracy = correct/all. ' +
  'Per class one-vs-rest; macro = mean over classes; micro = from counts pooled over classes ' +
  '(single-label multiclass: micro P = R = F1 = accuracy; micro specificity equals them only with 2 classes). 0/0 is reported as 0.';

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function classificationReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses?: number): ClassificationReport {
  if (yTrue.length !== yPred.length) throw new Error(`classificationReport: ${yTrue.length} true labels but ${yPred.length} predictions`);
  if (yTrue.length === 0) throw new Error('classificationReport: no samples');
  let k = nClasses ?? 0;
  for (let i = 0; i < yTrue.length; i++) {
    for (const v of [yTrue[i], yPred[i]]) if (!Number.isInteger(v) || v < 0) throw new Error(`classificationReport: labels must be integers ≥ 0, got ${v} at ${i}`);
    if (nClasses === undefined) k = Math.max(k, yTrue[i] + 1, yPred[i] + 1);
    else if (yTrue[i] >= nClasses || yPred[i] >= nClasses) throw new Error(`classificationReport: label at ${i} is ≥ nClasses = ${nClasses}`);
  }
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) confusion[yTrue[i]][yPred[i]]++;
  const n = yTrue.length;
  let TP = 0, FP = 0, FN = 0, TN = 0, correct = 0;
  const perClass: ClassMetrics[] = [];
  for (let c = 0; c < k; c++) {
    const tp = confusion[c][c];
    let fp = 0, fn = 0;
    for (let j = 0; j < k; j++) if (j !== c) { fp += confusion[j][c]; fn += confusion[c][j]; }
    const tn = n - tp - fp - fn;
    TP += tp; FP += fp; FN += fn; TN += tn; correct += tp;
    const precision = ratio(tp, tp + fp), recall = ratio(tp, tp + fn);
    perClass.push({ precision, recall, f1: ratio(2 * precision * recall, precision + recall), specificity: ratio(tn, tn + fp), support: tp + fn });
  }
  const mean = (key: keyof ClassMetrics) => perClass.reduce((s, m) => s + m[key], 0) / k;
  const microP = ratio(TP, TP + FP), microR = ratio(TP, TP + FN);
  return {
    accuracy: correct / n,
    macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1'), specificity: mean('specificity') },
    micro: { precision: microP, recall: microR, f1: ratio(2 * microP * microR, microP + microR), specificity: ratio(TN, TN + FP) },
    perClass, confusion, definitions: CLASSIFICATION_DEFINITIONS,
  };
}

/** Binary metrics of "same"/"different" decisions (verification), positives = same. */
export function binaryReport(truth: ArrayLike<boolean>, predicted: ArrayLike<boolean>): ClassMetrics & { accuracy: number } {
  if (truth.length !== predicted.length) throw new Error(`binaryReport: ${truth.length} labels but ${predicted.length} predictions`);
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < truth.length; i++) {
    if (predicted[i]) { if (truth[i]) tp++; else fp++; } else if (truth[i]) fn++; else tn++;
  }
  const precision = ratio(tp, tp + fp), recall = ratio(tp, tp + fn);
  return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), specificity: ratio(tn, tn + fp), support: tp + fn, accuracy: ratio(tp + tn, truth.length) };
}
