/**
 * Kernel Inception Distance (Bińkowski et al. 2018): the unbiased estimate of MMD² with the
 * cubic polynomial kernel k(x, y) = (xᵀy / d + 1)³, averaged over random subsets (mean ± std).
 */
import type { Matrix } from '../../datasets/matrix';
import { Rng, type Seed } from '../../random';
import { toMatrix, type FeatureInput } from './features';

export interface KidOptions {
  /** Default 100. */
  subsets?: number;
  /** Samples per set in each subset (default min(1000, N_real, N_fake)). */
  subsetSize?: number;
  seed?: Seed | Rng;
}

export interface KidResult {
  mean: number;
  std: number;
  /** MMD² of each subset. */
  values: Float64Array;
  subsetSize: number;
}

function kernelSums(x: Matrix, xi: Int32Array, y: Matrix, yi: Int32Array, sameSet: boolean): number {
  const d = x.cols;
  let sum = 0;
  for (let a = 0; a < xi.length; a++) {
    const ra = xi[a] * d;
    for (let b = sameSet ? a + 1 : 0; b < yi.length; b++) {
      const rb = yi[b] * d;
      let dot = 0;
      for (let k = 0; k < d; k++) dot += x.data[ra + k] * y.data[rb + k];
      const v = dot / d + 1;
      sum += v * v * v;
    }
  }
  return sameSet ? 2 * sum : sum; // off-diagonal pairs counted both ways
}

/** Unbiased MMD² between the rows `xi` of x and `yi` of y. */
export function mmd2Unbiased(x: Matrix, xi: Int32Array, y: Matrix, yi: Int32Array): number {
  const m = xi.length, n = yi.length;
  return kernelSums(x, xi, x, xi, true) / (m * (m - 1)) + kernelSums(y, yi, y, yi, true) / (n * (n - 1)) - (2 * kernelSums(x, xi, y, yi, false)) / (m * n);
}

export function kidScore(real: FeatureInput, fake: FeatureInput, options: KidOptions = {}): KidResult {
  const x = toMatrix(real, 'KID real features'), y = toMatrix(fake, 'KID generated features');
  if (x.cols !== y.cols) throw new RangeError(`KID: feature dimensions differ (${x.cols} vs ${y.cols})`);
  const size = options.subsetSize ?? Math.min(1000, x.rows, y.rows);
  if (!(Number.isInteger(size) && size >= 2 && size <= x.rows && size <= y.rows)) {
    throw new RangeError(`KID: subsetSize must be an integer in [2, ${Math.min(x.rows, y.rows)}] (the smaller set), got ${size}`);
  }
  const subsets = options.subsets ?? 100;
  const rng = Rng.from(options.seed ?? 0);
  const values = new Float64Array(subsets);
  for (let s = 0; s < subsets; s++) {
    values[s] = mmd2Unbiased(x, rng.permutation(x.rows).subarray(0, size), y, rng.permutation(y.rows).subarray(0, size));
  }
  const mean = values.reduce((a, b) => a + b, 0) / subsets;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, subsets - 1));
  return { mean, std, values, subsetSize: size };
}
