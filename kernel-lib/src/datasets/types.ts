import type { Rng, Seed } from '../random';

/** What every generator's `randomState` takes: a seed or an `Rng` (sklearn's random_state). */
export type RandomState = Seed | Rng;

/** X with integer labels (classification and clustering sets). */
export interface LabelledSet {
  /** nSamples × nFeatures. */
  X: import('./matrix').Matrix;
  /** One label per row. */
  y: Int32Array;
}

/** X with real-valued targets (regression sets and manifolds' positions). */
export interface RegressionSet {
  X: import('./matrix').Matrix;
  y: Float64Array;
}
