/** Random symmetric positive-definite matrices: sklearn's make_spd_matrix and make_sparse_spd_matrix. */
import { Rng } from '../random';
import { symmetricEigen } from '../linear/linalg';
import { Matrix } from './matrix';
import type { RandomState } from './types';
import { checkInt, checkReal, refuse } from './validate';

/**
 * A random symmetric positive-definite matrix (sklearn.datasets.make_spd_matrix):
 * U diag(1 + U(0,1)) Uᵀ with U the eigenvectors of AᵀA, A uniform on [0, 1); eigenvalues in [1, 2).
 * @example const S = makeSpdMatrix({ nDim: 5, randomState: 0 });
 */
export function makeSpdMatrix(options: { nDim: number; randomState?: RandomState }): Matrix {
  const n = checkInt('makeSpdMatrix', 'nDim', options.nDim, 1);
  const rng = Rng.from(options.randomState);
  const a = rng.fillUniform(new Float64Array(n * n));
  const ata = new Float64Array(n * n);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) {
    const aki = a[k * n + i];
    for (let j = 0; j < n; j++) ata[i * n + j] += aki * a[k * n + j];
  }
  // AᵀA is symmetric PSD, so its SVD is its eigen-decomposition: U = V.
  const U = symmetricEigen(ata, n).vectors.data;
  const d = Float64Array.from({ length: n }, () => 1 + rng.float());
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += U[i * n + k] * d[k] * U[j * n + k];
    out[i * n + j] = s;
    out[j * n + i] = s;
  }
  return new Matrix(out, n, n);
}

export interface MakeSparseSpdMatrixOptions {
  /** Size of the matrix. Default 1. */
  nDim?: number;
  /** Probability that a coefficient of the Cholesky factor is zero, in [0, 1]. Default 0.95. */
  alpha?: number;
  /** Rescale so the diagonal is all ones. Default false. */
  normDiag?: boolean;
  /** Smallest and largest non-zero off-diagonal coefficient of the factor, in [0, 1]. Defaults 0.1, 0.9. */
  smallestCoef?: number;
  largestCoef?: number;
  randomState?: RandomState;
}

/**
 * A sparse symmetric positive-definite (precision) matrix (sklearn.datasets.make_sparse_spd_matrix):
 * CᵀC with C = −I + a permuted strictly lower-triangular matrix whose entries are non-zero
 * with probability 1 − alpha. The sparsity is the factor's, not exactly the result's.
 * @example const P = makeSparseSpdMatrix({ nDim: 20, alpha: 0.9, randomState: 0 });
 */
export function makeSparseSpdMatrix(options: MakeSparseSpdMatrixOptions = {}): Matrix {
  const FN = 'makeSparseSpdMatrix';
  const n = checkInt(FN, 'nDim', options.nDim ?? 1, 1);
  const alpha = checkReal(FN, 'alpha', options.alpha ?? 0.95, 0, 1, 'both');
  const lo = checkReal(FN, 'smallestCoef', options.smallestCoef ?? 0.1, 0, 1, 'both');
  const hi = checkReal(FN, 'largestCoef', options.largestCoef ?? 0.9, 0, 1, 'both');
  if (lo > hi) refuse(FN, `smallestCoef (${lo}) must not exceed largestCoef (${hi}).`);
  const rng = Rng.from(options.randomState);
  const aux = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    if (rng.float() > alpha) aux[i * n + j] = lo + (hi - lo) * rng.float();
  }
  // aux[perm].T[perm]: C[i][j] = aux[perm[j]][perm[i]]; the permutation removes the triangle's asymmetry.
  const perm = rng.permutation(n);
  const chol = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) chol[i * n + j] = aux[perm[j] * n + perm[i]] - (i === j ? 1 : 0);
  const prec = new Float64Array(n * n);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) {
    const cki = chol[k * n + i];
    if (cki === 0) continue;
    for (let j = 0; j < n; j++) prec[i * n + j] += cki * chol[k * n + j];
  }
  if (options.normDiag) {
    const d = Float64Array.from({ length: n }, (_, i) => 1 / Math.sqrt(prec[i * n + i]));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) prec[i * n + j] *= d[i] * d[j];
  }
  return new Matrix(prec, n, n);
}
