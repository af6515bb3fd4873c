/**
 * Mode-collapse and memorisation signals in feature space.
 * Diversity: mean pairwise distance among generated samples relative to that among real ones
 * (≈ 1 healthy, ≪ 1 collapse). Memorisation: each generated sample's distance to its nearest
 * real sample, against the real set's own leave-one-out nearest-neighbour distances; samples
 * much closer to a real image than real images are to each other look like copies.
 */
import { squaredDistances } from './distances';
import { toMatrix, type FeatureInput } from './features';

export interface DiversityResult {
  /** Mean pairwise Euclidean distance among generated samples. */
  generated: number;
  real: number;
  /** generated / real. */
  ratio: number;
}

function meanPairwise(d2: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sqrt(d2[i * n + j]);
  return (2 * s) / (n * (n - 1));
}

export function diversity(real: FeatureInput, fake: FeatureInput): DiversityResult {
  const x = toMatrix(real), y = toMatrix(fake);
  if (x.rows < 2 || y.rows < 2) throw new RangeError('diversity: need at least 2 samples in each set');
  const r = meanPairwise(squaredDistances(x, x), x.rows), g = meanPairwise(squaredDistances(y, y), y.rows);
  return { generated: g, real: r, ratio: g / r };
}

export interface MemorisationResult {
  /** Per generated sample: Euclidean distance to the nearest real sample. */
  nearestReal: Float64Array;
  /** Its index in the real set (to show the pair). */
  nearestIndex: Int32Array;
  meanNearestReal: number;
  /** Median leave-one-out nearest-neighbour distance within the real set. */
  realNeighbourMedian: number;
  /** Share of generated samples closer to a real one than `threshold` × realNeighbourMedian. */
  closeFraction: number;
  threshold: number;
}

export function memorisation(real: FeatureInput, fake: FeatureInput, options: { threshold?: number } = {}): MemorisationResult {
  const threshold = options.threshold ?? 0.5;
  const x = toMatrix(real), y = toMatrix(fake);
  if (x.rows < 2) throw new RangeError('memorisation: need at least 2 real samples');
  const cross = squaredDistances(y, x);
  const nearestReal = new Float64Array(y.rows), nearestIndex = new Int32Array(y.rows);
  for (let i = 0; i < y.rows; i++) {
    let best = Infinity, bi = -1;
    for (let j = 0; j < x.rows; j++) if (cross[i * x.rows + j] < best) { best = cross[i * x.rows + j]; bi = j; }
    nearestReal[i] = Math.sqrt(best);
    nearestIndex[i] = bi;
  }
  const within = squaredDistances(x, x);
  const loo = Float64Array.from({ length: x.rows }, (_, i) => {
    let best = Infinity;
    for (let j = 0; j < x.rows; j++) if (j !== i && within[i * x.rows + j] < best) best = within[i * x.rows + j];
    return Math.sqrt(best);
  }).sort();
  const median = x.rows % 2 ? loo[(x.rows - 1) / 2] : (loo[x.rows / 2 - 1] + loo[x.rows / 2]) / 2;
  const close = nearestReal.filter((d) => d < threshold * median).length;
  return {
    nearestReal, nearestIndex, meanNearestReal: nearestReal.reduce((a, b) => a + b, 0) / y.rows,
    realNeighbourMedian: median, closeFraction: close / y.rows, threshold,
  };
}
