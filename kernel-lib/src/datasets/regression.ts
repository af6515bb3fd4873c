/**
 * Regression generators: sklearn's make_regression, make_low_rank_matrix, the three Friedman
 * problems and make_sparse_uncorrelated.
 */
import { Rng } from '../random';
import { orthonormalize } from '../linear/linalg';
import { Matrix } from './matrix';
import type { RandomState, RegressionSet } from './types';
import { checkInt, checkReal } from './validate';

export interface MakeRegressionOptions {
  /** Default 100. */
  nSamples?: number;
  /** Default 100. */
  nFeatures?: number;
  /** Features with a non-zero coefficient (capped at nFeatures). Default 10. */
  nInformative?: number;
  /** Outputs per sample. Default 1. */
  nTargets?: number;
  /** Added to every target. Default 0. */
  bias?: number;
  /** null: X is standard normal; a number: X has a bell-shaped singular profile of this width (makeLowRankMatrix). Default null. */
  effectiveRank?: number | null;
  /** Weight of the fat tail of singular values when effectiveRank is set, in [0, 1]. Default 0.5. */
  tailStrength?: number;
  /** Standard deviation of the Gaussian noise on the targets. Default 0. */
  noise?: number;
  /** Shuffle rows and features. Default true. */
  shuffle?: boolean;
  /** Accepted for sklearn parity: the coefficients are always returned. */
  coef?: boolean;
  randomState?: RandomState;
}

export interface RegressionProblem extends RegressionSet {
  /** Targets, nSamples × nTargets (shares `y`'s buffer; `y` is it flattened row-major). */
  Y: Matrix;
  /** True coefficients, nFeatures × nTargets row-major (nTargets = 1: one per feature). */
  coef: Float64Array;
  coefMatrix: Matrix;
  /** Columns with non-zero coefficients. */
  informative: number[];
}

/**
 * A random linear regression problem (sklearn.datasets.make_regression): y = X·coef + bias + noise.
 *
 * Shuffling: rows of X are exchangeable (i.i.d. normal, or U S Vᵀ with Haar U), so shuffling
 * them changes nothing in distribution and is skipped; the feature shuffle is done by putting
 * the informative coefficients at random columns. Same distribution as sklearn, no copy of X.
 * @example const { X, y, coef } = makeRegression({ nSamples: 200, nFeatures: 5, noise: 0.1, randomState: 1 });
 */
export function makeRegression(options: MakeRegressionOptions = {}): RegressionProblem {
  const FN = 'makeRegression';
  const nSamples = checkInt(FN, 'nSamples', options.nSamples ?? 100, 1);
  const nFeatures = checkInt(FN, 'nFeatures', options.nFeatures ?? 100, 1);
  const nInformative = Math.min(nFeatures, checkInt(FN, 'nInformative', options.nInformative ?? 10, 0));
  const nTargets = checkInt(FN, 'nTargets', options.nTargets ?? 1, 1);
  const bias = checkReal(FN, 'bias', options.bias ?? 0, null, null, 'neither');
  const effectiveRank = options.effectiveRank ?? null;
  if (effectiveRank !== null) checkInt(FN, 'effectiveRank', effectiveRank, 1);
  const tailStrength = checkReal(FN, 'tailStrength', options.tailStrength ?? 0.5, 0, 1, 'both');
  const noise = checkReal(FN, 'noise', options.noise ?? 0, 0, null, 'left');
  const rng = Rng.from(options.randomState);

  const X = effectiveRank === null
    ? new Matrix(rng.fillNormal(new Float64Array(nSamples * nFeatures)), nSamples, nFeatures)
    : makeLowRankMatrix({ nSamples, nFeatures, effectiveRank, tailStrength, randomState: rng });
  const order = (options.shuffle ?? true) ? rng.permutation(nFeatures) : Int32Array.from({ length: nFeatures }, (_, j) => j);
  const informative = Array.from(order.subarray(0, nInformative)).sort((a, b) => a - b);
  const coef = new Float64Array(nFeatures * nTargets);
  for (const j of informative) for (let t = 0; t < nTargets; t++) coef[j * nTargets + t] = 100 * rng.float();

  const y = new Float64Array(nSamples * nTargets);
  if (noise > 0) rng.fillNormal(y, 0, noise);
  const xd = X.data;
  for (let i = 0; i < nSamples; i++) {
    const o = i * nFeatures;
    for (let t = 0; t < nTargets; t++) {
      let s = bias;
      for (const j of informative) s += xd[o + j] * coef[j * nTargets + t];
      y[i * nTargets + t] += s;
    }
  }
  return {
    X, y, Y: new Matrix(y, nSamples, nTargets), coef, coefMatrix: new Matrix(coef, nFeatures, nTargets), informative,
  };
}

export interface MakeLowRankMatrixOptions {
  nSamples?: number;
  nFeatures?: number;
  /** Approximate number of singular vectors explaining most of the data. Default 10. */
  effectiveRank?: number;
  /** Relative weight of the fat noisy tail of singular values, in [0, 1]. Default 0.5. */
  tailStrength?: number;
  randomState?: RandomState;
}

/**
 * A mostly low-rank matrix with bell-shaped singular values (sklearn.datasets.make_low_rank_matrix):
 * U diag(s) Vᵀ with Haar-random U, V and sᵢ = (1 − tail)·exp(−(i/rank)²) + tail·exp(−0.1·i/rank).
 * @example const X = makeLowRankMatrix({ nSamples: 50, nFeatures: 25, effectiveRank: 5, randomState: 0 });
 */
export function makeLowRankMatrix(options: MakeLowRankMatrixOptions = {}): Matrix {
  const FN = 'makeLowRankMatrix';
  const nSamples = checkInt(FN, 'nSamples', options.nSamples ?? 100, 1);
  const nFeatures = checkInt(FN, 'nFeatures', options.nFeatures ?? 100, 1);
  const effectiveRank = checkInt(FN, 'effectiveRank', options.effectiveRank ?? 10, 1);
  const tail = checkReal(FN, 'tailStrength', options.tailStrength ?? 0.5, 0, 1, 'both');
  const rng = Rng.from(options.randomState);
  const n = Math.min(nSamples, nFeatures);
  const u = orthonormalize(new Matrix(rng.fillNormal(new Float64Array(nSamples * n)), nSamples, n)).data;
  const v = orthonormalize(new Matrix(rng.fillNormal(new Float64Array(nFeatures * n)), nFeatures, n)).data;
  const s = Float64Array.from({ length: n }, (_, i) =>
    (1 - tail) * Math.exp(-((i / effectiveRank) ** 2)) + tail * Math.exp((-0.1 * i) / effectiveRank));
  // (V diag(s))ᵀ as n × nFeatures, so each output row is a combination of contiguous rows.
  const svt = new Float64Array(n * nFeatures);
  for (let j = 0; j < nFeatures; j++) for (let k = 0; k < n; k++) svt[k * nFeatures + j] = v[j * n + k] * s[k];
  const out = new Float64Array(nSamples * nFeatures);
  for (let i = 0; i < nSamples; i++) {
    const o = i * nFeatures;
    for (let k = 0; k < n; k++) {
      const uik = u[i * n + k];
      const r = k * nFeatures;
      for (let j = 0; j < nFeatures; j++) out[o + j] += uik * svt[r + j];
    }
  }
  return new Matrix(out, nSamples, nFeatures);
}

export interface FriedmanOptions {
  nSamples?: number;
  /** Standard deviation of the Gaussian noise on y. Default 0. */
  noise?: number;
  randomState?: RandomState;
}

/**
 * Friedman #1 (sklearn.datasets.make_friedman1): X uniform on [0, 1]^nFeatures (≥ 5), and
 * y = 10 sin(π x₀ x₁) + 20 (x₂ − ½)² + 10 x₃ + 5 x₄ + noise·N(0, 1); the other columns are unused.
 */
export function makeFriedman1(options: FriedmanOptions & { nFeatures?: number } = {}): RegressionSet {
  const FN = 'makeFriedman1';
  const nSamples = checkInt(FN, 'nSamples', options.nSamples ?? 100, 1);
  const nFeatures = checkInt(FN, 'nFeatures', options.nFeatures ?? 10, 5);
  const noise = checkReal(FN, 'noise', options.noise ?? 0, 0, null, 'left');
  const rng = Rng.from(options.randomState);
  const x = rng.fillUniform(new Float64Array(nSamples * nFeatures));
  const y = noiseVector(rng, nSamples, noise);
  for (let i = 0; i < nSamples; i++) {
    const o = i * nFeatures;
    y[i] += 10 * Math.sin(Math.PI * x[o] * x[o + 1]) + 20 * (x[o + 2] - 0.5) ** 2 + 10 * x[o + 3] + 5 * x[o + 4];
  }
  return { X: new Matrix(x, nSamples, nFeatures), y };
}

/** Friedman #2: y = (x₀² + (x₁x₂ − 1/(x₁x₃))²)^½ + noise, with x₀ ∈ [0,100], x₁ ∈ [40π,560π], x₂ ∈ [0,1], x₃ ∈ [1,11]. */
export function makeFriedman2(options: FriedmanOptions = {}): RegressionSet {
  const { X, y } = friedmanInputs('makeFriedman2', options);
  const x = X.data;
  for (let i = 0, o = 0; i < X.rows; i++, o += 4) {
    y[i] += Math.sqrt(x[o] ** 2 + (x[o + 1] * x[o + 2] - 1 / (x[o + 1] * x[o + 3])) ** 2);
  }
  return { X, y };
}

/** Friedman #3: y = arctan((x₁x₂ − 1/(x₁x₃)) / x₀) + noise, on Friedman #2's inputs. */
export function makeFriedman3(options: FriedmanOptions = {}): RegressionSet {
  const { X, y } = friedmanInputs('makeFriedman3', options);
  const x = X.data;
  for (let i = 0, o = 0; i < X.rows; i++, o += 4) {
    y[i] += Math.atan((x[o + 1] * x[o + 2] - 1 / (x[o + 1] * x[o + 3])) / x[o]);
  }
  return { X, y };
}

function friedmanInputs(fn: string, options: FriedmanOptions): { X: Matrix; y: Float64Array } {
  const nSamples = checkInt(fn, 'nSamples', options.nSamples ?? 100, 1);
  const noise = checkReal(fn, 'noise', options.noise ?? 0, 0, null, 'left');
  const rng = Rng.from(options.randomState);
  const x = rng.fillUniform(new Float64Array(nSamples * 4));
  for (let o = 0; o < x.length; o += 4) {
    x[o] *= 100;
    x[o + 1] = x[o + 1] * 520 * Math.PI + 40 * Math.PI;
    x[o + 3] = x[o + 3] * 10 + 1;
  }
  return { X: new Matrix(x, nSamples, 4), y: noiseVector(rng, nSamples, noise) };
}

function noiseVector(rng: Rng, n: number, noise: number): Float64Array {
  const y = new Float64Array(n);
  if (noise > 0) rng.fillNormal(y, 0, noise);
  return y;
}

/**
 * Sparse uncorrelated design (sklearn.datasets.make_sparse_uncorrelated, Celeux et al. 2009):
 * X ~ N(0, 1), y ~ N(x₀ + 2x₁ − 2x₂ − 1.5x₃, 1); only the first 4 of nFeatures (≥ 4) matter.
 */
export function makeSparseUncorrelated(options: { nSamples?: number; nFeatures?: number; randomState?: RandomState } = {}): RegressionSet {
  const FN = 'makeSparseUncorrelated';
  const nSamples = checkInt(FN, 'nSamples', options.nSamples ?? 100, 1);
  const nFeatures = checkInt(FN, 'nFeatures', options.nFeatures ?? 10, 4);
  const rng = Rng.from(options.randomState);
  const x = rng.fillNormal(new Float64Array(nSamples * nFeatures));
  const y = rng.fillNormal(new Float64Array(nSamples));
  for (let i = 0, o = 0; i < nSamples; i++, o += nFeatures) y[i] += x[o] + 2 * x[o + 1] - 2 * x[o + 2] - 1.5 * x[o + 3];
  return { X: new Matrix(x, nSamples, nFeatures), y };
}
