/** Classes by distance from a centre: sklearn's make_gaussian_quantiles and make_hastie_10_2. */
import { Rng } from '../random';
import { Matrix } from './matrix';
import type { LabelledSet, RandomState } from './types';
import { checkInt, checkReal, checkReals, refuse } from './validate';

export interface MakeGaussianQuantilesOptions {
  /** Centre of the Gaussian, nFeatures values. Default the origin. */
  mean?: readonly number[] | null;
  /** The covariance is cov · I. Default 1. */
  cov?: number;
  nSamples?: number;
  nFeatures?: number;
  nClasses?: number;
  shuffle?: boolean;
  randomState?: RandomState;
}

/**
 * Nested spherical shells with equal numbers of points (sklearn.datasets.make_gaussian_quantiles):
 * points of N(mean, cov·I) labelled by the quantile of their distance to the mean; the
 * remainder of nSamples / nClasses goes to the outermost class.
 * @example const { X, y } = makeGaussianQuantiles({ nSamples: 300, nFeatures: 2, nClasses: 3, randomState: 0 });
 */
export function makeGaussianQuantiles(options: MakeGaussianQuantilesOptions = {}): LabelledSet {
  const FN = 'makeGaussianQuantiles';
  const cov = checkReal(FN, 'cov', options.cov ?? 1, 0, null, 'left');
  const n = checkInt(FN, 'nSamples', options.nSamples ?? 100, 1);
  const p = checkInt(FN, 'nFeatures', options.nFeatures ?? 2, 1);
  const nClasses = checkInt(FN, 'nClasses', options.nClasses ?? 3, 1);
  if (n < nClasses) refuse(FN, `nSamples (${n}) must be at least nClasses (${nClasses}).`);
  const mean = options.mean ? checkReals(FN, 'mean', options.mean, p) : new Float64Array(p);
  const rng = Rng.from(options.randomState);
  const x = rng.fillNormal(new Float64Array(n * p), 0, Math.sqrt(cov));
  const dist = new Float64Array(n);
  for (let i = 0, o = 0; i < n; i++, o += p) {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[o + j] * x[o + j];
    dist[i] = s;
    for (let j = 0; j < p; j++) x[o + j] += mean[j];
  }
  const byDistance = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[a] - dist[b]);
  const step = Math.floor(n / nClasses);
  const labelOfRank = (r: number) => Math.min(Math.floor(r / step), nClasses - 1);
  if (options.shuffle ?? true) {
    // Rows are i.i.d., so their drawing order is already a uniformly random order:
    // label them in place instead of sorting then shuffling (sklearn's way, same distribution).
    const y = new Int32Array(n);
    for (let r = 0; r < n; r++) y[byDistance[r]] = labelOfRank(r);
    return { X: new Matrix(x, n, p), y };
  }
  const sorted = new Float64Array(n * p);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    sorted.set(x.subarray(byDistance[r] * p, byDistance[r] * p + p), r * p);
    y[r] = labelOfRank(r);
  }
  return { X: new Matrix(sorted, n, p), y };
}

/**
 * Hastie et al. (2009) example 10.2 (sklearn.datasets.make_hastie_10_2): ten standard normal
 * features, y = 1 where Σ xⱼ² > 9.34 (the χ²₁₀ median), else −1.
 * @example const { X, y } = makeHastie10_2({ nSamples: 12000, randomState: 0 });
 */
export function makeHastie10_2(options: { nSamples?: number; randomState?: RandomState } = {}): LabelledSet {
  const n = checkInt('makeHastie10_2', 'nSamples', options.nSamples ?? 12000, 1);
  const rng = Rng.from(options.randomState);
  const x = rng.fillNormal(new Float64Array(n * 10));
  const y = new Int32Array(n);
  for (let i = 0, o = 0; i < n; i++, o += 10) {
    let s = 0;
    for (let j = 0; j < 10; j++) s += x[o + j] * x[o + j];
    y[i] = s > 9.34 ? 1 : -1;
  }
  return { X: new Matrix(x, n, 10), y };
}
