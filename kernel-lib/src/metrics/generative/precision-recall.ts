/**
 * Improved precision and recall (Kynkäänniemi et al. 2019). Each set's manifold is the union of
 * balls around its samples with radius = distance to the k-th nearest neighbour (k = 3).
 * Precision: share of generated samples inside the real manifold (quality). Recall: share of
 * real samples inside the generated manifold (coverage; low recall = mode collapse).
 */
import { squaredDistances, kthNeighbourRadii } from './distances';
import { toMatrix, type FeatureInput } from './features';

export interface PrecisionRecall {
  precision: number;
  recall: number;
  k: number;
}

function coverage(cross: Float64Array, nQuery: number, nRef: number, radii: Float64Array): number {
  let inside = 0;
  for (let q = 0; q < nQuery; q++) {
    for (let r = 0; r < nRef; r++) {
      if (cross[q * nRef + r] <= radii[r]) { inside++; break; }
    }
  }
  return inside / nQuery;
}

export function precisionRecall(real: FeatureInput, fake: FeatureInput, options: { k?: number } = {}): PrecisionRecall {
  const k = options.k ?? 3;
  const x = toMatrix(real, 'precision/recall real features'), y = toMatrix(fake, 'precision/recall generated features');
  const realRadii = kthNeighbourRadii(squaredDistances(x, x), x.rows, k);
  const fakeRadii = kthNeighbourRadii(squaredDistances(y, y), y.rows, k);
  const fakeToReal = squaredDistances(y, x);
  const realToFake = squaredDistances(x, y);
  return { precision: coverage(fakeToReal, y.rows, x.rows, realRadii), recall: coverage(realToFake, x.rows, y.rows, fakeRadii), k };
}
