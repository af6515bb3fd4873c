/** sklearn's make_multilabel_classification: bag-of-words documents with several labels each. */
import { Rng } from '../random';
import { Matrix } from './matrix';
import { poisson } from './sampling';
import type { RandomState } from './types';
import { checkInt, refuse } from './validate';

/** Compressed sparse rows (scipy's csr_matrix layout). */
export interface CsrMatrix {
  rows: number;
  cols: number;
  /** Row i's entries are indices/data[indptr[i] .. indptr[i+1]). */
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
}

export interface MakeMultilabelOptions {
  nSamples?: number;
  /** Vocabulary size. Default 20. */
  nFeatures?: number;
  /** Default 5. */
  nClasses?: number;
  /** Mean labels per sample (Poisson, rejected above nClasses). Default 2. */
  nLabels?: number;
  /** Mean words per document (Poisson, rejected at 0). Default 50. */
  length?: number;
  /** Allow samples with no label. Default true. */
  allowUnlabeled?: boolean;
  /** Also return X as CSR (`XCsr`). Default false. */
  sparse?: boolean;
  /** 'dense' (default): Y as a 0/1 Matrix; 'sparse': also `YCsr`; false: label lists only (`labels` is always there). */
  returnIndicator?: 'dense' | 'sparse' | false;
  /** Accepted for sklearn parity: pC and pWC are always returned. */
  returnDistributions?: boolean;
  randomState?: RandomState;
}

export interface MultilabelSet {
  /** Word counts, nSamples × nFeatures. */
  X: Matrix;
  XCsr?: CsrMatrix;
  /** Label indicators, nSamples × nClasses (absent when returnIndicator is false). */
  Y?: Matrix;
  YCsr?: CsrMatrix;
  /** Each sample's labels, ascending. */
  labels: number[][];
  /** Prior probability of each class. */
  pC: Float64Array;
  /** P(word | class), nFeatures × nClasses (each column sums to 1). */
  pWC: Matrix;
}

/**
 * A random multilabel problem (sklearn.datasets.make_multilabel_classification). Per sample:
 * n ~ Poisson(nLabels) labels (≤ nClasses; > 0 unless allowUnlabeled), drawn by P(c) without
 * repeats; k ~ Poisson(length) > 0 words drawn from the mixture of the labels' word
 * distributions (uniform words for an unlabelled sample).
 * @example const { X, Y } = makeMultilabelClassification({ nSamples: 100, nClasses: 3, randomState: 0 });
 */
export function makeMultilabelClassification(options: MakeMultilabelOptions = {}): MultilabelSet {
  const FN = 'makeMultilabelClassification';
  const n = checkInt(FN, 'nSamples', options.nSamples ?? 100, 1);
  const p = checkInt(FN, 'nFeatures', options.nFeatures ?? 20, 1);
  const k = checkInt(FN, 'nClasses', options.nClasses ?? 5, 1);
  const nLabels = checkInt(FN, 'nLabels', options.nLabels ?? 2, 0);
  const length = checkInt(FN, 'length', options.length ?? 50, 1);
  const allowUnlabeled = options.allowUnlabeled ?? true;
  const indicator = options.returnIndicator ?? 'dense';
  if (indicator !== 'dense' && indicator !== 'sparse' && indicator !== false) {
    refuse(FN, `'returnIndicator' must be 'dense', 'sparse' or false; got ${String(indicator)}.`);
  }
  if (nLabels === 0 && !allowUnlabeled) refuse(FN, `nLabels = 0 with allowUnlabeled = false can never draw a label (sklearn loops forever here).`);
  const rng = Rng.from(options.randomState);

  const pC = rng.fillUniform(new Float64Array(k));
  normalise(pC, 0, 1, k);
  const cumC = cumulative(pC);
  const pWC = rng.fillUniform(new Float64Array(p * k));
  for (let c = 0; c < k; c++) normalise(pWC, c, k, p);

  const indptr = new Int32Array(n + 1);
  const wordsPerDoc: Int32Array[] = [];
  const labels: number[][] = [];
  const mix = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    let size = k + 1;
    for (let tries = 0; (!allowUnlabeled && size === 0) || size > k; tries++) {
      if (tries === 100000) refuse(FN, `nLabels (${nLabels}) is too large for nClasses (${k}): a Poisson draw ≤ nClasses is too rare.`);
      size = poisson(rng, nLabels);
    }
    const chosen = new Set<number>();
    while (chosen.size < size) chosen.add(searchSorted(cumC, rng.float()));
    const y = [...chosen].sort((a, b) => a - b);
    let nWords = 0;
    while (nWords === 0) nWords = poisson(rng, length);
    const words = new Int32Array(nWords);
    if (y.length === 0) {
      for (let w = 0; w < nWords; w++) words[w] = rng.int(p);
    } else {
      let acc = 0;
      for (let f = 0; f < p; f++) {
        for (const c of y) acc += pWC[f * k + c];
        mix[f] = acc;
      }
      for (let f = 0; f < p; f++) mix[f] /= acc;
      for (let w = 0; w < nWords; w++) words[w] = searchSorted(mix, rng.float());
    }
    words.sort();
    wordsPerDoc.push(words);
    labels.push(y);
    indptr[i + 1] = indptr[i] + distinctCount(words);
  }

  const x = new Float64Array(n * p);
  const indices = new Int32Array(indptr[n]);
  const data = new Float64Array(indptr[n]);
  wordsPerDoc.forEach((words, i) => {
    let at = indptr[i] - 1;
    let last = -1;
    for (const w of words) {
      x[i * p + w]++;
      if (w !== last) { at++; indices[at] = w; last = w; }
      data[at]++;
    }
  });
  const out: MultilabelSet = { X: new Matrix(x, n, p), labels, pC, pWC: new Matrix(pWC, p, k) };
  if (options.sparse) out.XCsr = { rows: n, cols: p, indptr, indices, data };
  if (indicator !== false) {
    const Y = new Float64Array(n * k);
    labels.forEach((y, i) => { for (const c of y) Y[i * k + c] = 1; });
    out.Y = new Matrix(Y, n, k);
    if (indicator === 'sparse') {
      const yptr = new Int32Array(n + 1);
      labels.forEach((y, i) => { yptr[i + 1] = yptr[i] + y.length; });
      out.YCsr = { rows: n, cols: k, indptr: yptr, indices: Int32Array.from(labels.flat()), data: new Float64Array(yptr[n]).fill(1) };
    }
  }
  return out;
}

function normalise(a: Float64Array, start: number, stride: number, count: number): void {
  let s = 0;
  for (let i = 0; i < count; i++) s += a[start + i * stride];
  for (let i = 0; i < count; i++) a[start + i * stride] /= s;
}

function cumulative(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  let s = 0;
  for (let i = 0; i < a.length; i++) out[i] = s += a[i];
  return out;
}

/** numpy's searchsorted(side='left'), clamped to the last bin against rounding. */
function searchSorted(cum: Float64Array, u: number): number {
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < u) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function distinctCount(sorted: Int32Array): number {
  let c = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) c++;
  return c;
}
