/**
 * Fréchet distance between Gaussians fitted to two feature sets (Heusel et al. 2017):
 * FID = ‖μ1 − μ2‖² + Tr Σ1 + Tr Σ2 − 2·Σᵢ √λᵢ(Σ1Σ2).
 * The eigenvalues of Σ1Σ2 are those of the symmetric PSD matrix Σ1^½ Σ2 Σ1^½, so two symmetric
 * eigen-decompositions give them exactly (no general matrix square root, as torch-fidelity).
 */
import { Matrix } from '../../datasets/matrix';
import { columnMeans, crossProducts, symmetricEigen } from '../../linear/linalg';
import { toMatrix, type FeatureInput } from './features';

export interface GaussianStats {
  mean: Float64Array;
  /** Unbiased covariance (divides by N − 1, as numpy's cov), row-major d × d. */
  cov: Float64Array;
  dim: number;
  count: number;
}

export function gaussianStats(features: FeatureInput): GaussianStats {
  const x = toMatrix(features);
  if (x.rows < 2) throw new RangeError(`gaussianStats: need at least 2 feature vectors, got ${x.rows}`);
  const mean = columnMeans(x);
  const { xtx } = crossProducts(x, mean, new Matrix(new Float64Array(0), x.rows, 0), new Float64Array(0));
  const d = x.cols;
  const cov = new Float64Array(d * d);
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) {
    const v = xtx[a * d + b] / (x.rows - 1);
    cov[a * d + b] = v;
    cov[b * d + a] = v;
  }
  return { mean, cov, dim: d, count: x.rows };
}

function matmulSquare(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const aik = a[i * n + k];
    if (aik === 0) continue;
    for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
  }
  return out;
}

/** Σ √λ(Σ1 Σ2): the trace of the square root of Σ1Σ2. */
export function traceSqrtProduct(s1: Float64Array, s2: Float64Array, n: number): number {
  const e = symmetricEigen(s1, n);
  // S = V diag(√max(λ, 0)) Vᵀ, the PSD square root of Σ1.
  const v = e.vectors.data;
  const vs = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vs[i * n + j] = v[i * n + j] * Math.sqrt(Math.max(e.values[j], 0));
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) {
    let acc = 0;
    for (let k = 0; k < n; k++) acc += vs[i * n + k] * v[j * n + k];
    s[i * n + j] = acc;
    s[j * n + i] = acc;
  }
  const m = matmulSquare(matmulSquare(s, s2, n), s, n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) { // symmetrise rounding
    const avg = (m[i * n + j] + m[j * n + i]) / 2;
    m[i * n + j] = avg;
    m[j * n + i] = avg;
  }
  let t = 0;
  for (const l of symmetricEigen(m, n).values) t += Math.sqrt(Math.max(l, 0));
  return t;
}

/** The Fréchet distance between two Gaussians. */
export function frechetDistance(a: GaussianStats, b: GaussianStats): number {
  if (a.dim !== b.dim) throw new RangeError(`frechetDistance: feature dimensions differ (${a.dim} vs ${b.dim})`);
  const n = a.dim;
  let diff = 0, tr = 0;
  for (let i = 0; i < n; i++) {
    diff += (a.mean[i] - b.mean[i]) ** 2;
    tr += a.cov[i * n + i] + b.cov[i * n + i];
  }
  return Math.max(0, diff + tr - 2 * traceSqrtProduct(a.cov, b.cov, n));
}

export interface FidResult {
  fid: number;
  /** E.g. fewer samples than feature dimensions (singular covariances: FID is biased and unstable). */
  warnings: string[];
}

/**
 * FID between real and generated features.
 * @example const { fid } = fidScore(await extractFeatures(real, f), await extractFeatures(fake, f));
 */
export function fidScore(real: FeatureInput, fake: FeatureInput, options: { onWarning?: (message: string) => void } = {}): FidResult {
  const a = gaussianStats(real), b = gaussianStats(fake);
  const warnings: string[] = [];
  for (const [name, s] of [['real', a], ['generated', b]] as const) {
    if (s.count <= s.dim) {
      warnings.push(`FID: ${s.count} ${name} samples for ${s.dim}-dimensional features (N ≤ d): the covariance is singular and FID is strongly biased; use more samples or smaller features`);
    }
  }
  for (const w of warnings) (options.onWarning ?? ((m: string) => console.warn(m)))(w);
  return { fid: frechetDistance(a, b), warnings };
}
