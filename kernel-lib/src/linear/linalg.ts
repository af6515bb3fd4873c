/**
 * The few dense linear-algebra routines Synthlab needs (generators and linear models), on
 * row-major `Float64Array`s. Small and exact rather than blocked and clever: the matrices
 * that reach the O(p³) routines are p × p with p in the hundreds.
 */
import { Matrix } from '../datasets/matrix';

/** A · B. */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`matmul: shapes ${a.rows} × ${a.cols} and ${b.rows} × ${b.cols} do not align`);
  const n = a.rows, m = a.cols, p = b.cols;
  const out = new Float64Array(n * p);
  const A = a.data, B = b.data;
  // i-k-j order: the inner loop runs along contiguous rows of B and of the output.
  for (let i = 0; i < n; i++) {
    const oi = i * p;
    for (let k = 0; k < m; k++) {
      const aik = A[i * m + k];
      if (aik === 0) continue;
      const bk = k * p;
      for (let j = 0; j < p; j++) out[oi + j] += aik * B[bk + j];
    }
  }
  return new Matrix(out, n, p);
}

/** Column means of X. */
export function columnMeans(x: Matrix): Float64Array {
  const { rows, cols, data } = x;
  const mean = new Float64Array(cols);
  for (let i = 0, k = 0; i < rows; i++) for (let j = 0; j < cols; j++, k++) mean[j] += data[k];
  for (let j = 0; j < cols; j++) mean[j] /= rows || 1;
  return mean;
}

/**
 * (X − 1·μᵀ)ᵀ (X − 1·μᵀ) as a dense p × p array, and (X − 1·μᵀ)ᵀ (Y − 1·νᵀ) as p × t, in one
 * pass over the rows (X is read once: what matters at 10^6 rows). Pass zero means for no centring.
 */
export function crossProducts(
  x: Matrix, mu: Float64Array, y: Matrix, nu: Float64Array,
): { xtx: Float64Array; xty: Float64Array } {
  const n = x.rows, p = x.cols, t = y.cols;
  if (y.rows !== n) throw new RangeError(`crossProducts: X has ${n} rows but Y has ${y.rows}`);
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p * t);
  const X = x.data, Y = y.data;
  // Blocks of R centred rows stored column by column, so each Gram entry is a contiguous dot
  // product summed in registers (four independent sums) instead of a memory read-modify-write per row.
  const R = 256;
  const bx = new Float64Array(p * R), by = new Float64Array(t * R);
  for (let start = 0; start < n; start += R) {
    const rows = Math.min(R, n - start);
    for (let i = 0; i < rows; i++) {
      const o = (start + i) * p;
      for (let j = 0; j < p; j++) bx[j * R + i] = X[o + j] - mu[j];
      const oy = (start + i) * t;
      for (let j = 0; j < t; j++) by[j * R + i] = Y[oy + j] - nu[j];
    }
    for (let a = 0; a < p; a++) {
      const ca = a * R;
      let b = a;
      // Four columns against column a at once: a's values are loaded once for four sums.
      for (; b + 3 < p; b += 4) {
        const c0 = b * R, c1 = c0 + R, c2 = c1 + R, c3 = c2 + R;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let i = 0; i < rows; i++) {
          const u = bx[ca + i];
          s0 += u * bx[c0 + i];
          s1 += u * bx[c1 + i];
          s2 += u * bx[c2 + i];
          s3 += u * bx[c3 + i];
        }
        xtx[a * p + b] += s0;
        xtx[a * p + b + 1] += s1;
        xtx[a * p + b + 2] += s2;
        xtx[a * p + b + 3] += s3;
      }
      for (; b < p; b++) xtx[a * p + b] += dot(bx, ca, bx, b * R, rows);
      for (let c = 0; c < t; c++) xty[a * t + c] += dot(bx, ca, by, c * R, rows);
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtx[a * p + b] = xtx[b * p + a];
  return { xtx, xty };
}

function dot(u: Float64Array, ou: number, v: Float64Array, ov: number, len: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < len; i += 4) {
    s0 += u[ou + i] * v[ov + i];
    s1 += u[ou + i + 1] * v[ov + i + 1];
    s2 += u[ou + i + 2] * v[ov + i + 2];
    s3 += u[ou + i + 3] * v[ov + i + 3];
  }
  for (; i < len; i++) s0 += u[ou + i] * v[ov + i];
  return s0 + s1 + s2 + s3;
}

/**
 * Economic QR by Householder reflections: A (n × p, n ≥ p) = Q R with Q n × p orthonormal
 * columns and R p × p upper triangular (LAPACK's geqrf + orgqr, as scipy's mode="economic").
 */
export function qrEconomic(a: Matrix): { q: Matrix; r: Matrix } {
  const n = a.rows, p = a.cols;
  if (n < p) throw new RangeError(`qrEconomic: needs rows ≥ cols, got ${n} × ${p}`);
  // Work on the transpose so each column of A is a contiguous row.
  const at = a.transpose().data;
  const vs: Float64Array[] = [];
  const betas = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const ck = k * n;
    let norm = 0;
    for (let i = k; i < n; i++) norm += at[ck + i] * at[ck + i];
    norm = Math.sqrt(norm);
    const v = new Float64Array(n - k);
    if (norm === 0) { vs.push(v); continue; }
    const alpha = at[ck + k] > 0 ? -norm : norm;
    for (let i = k; i < n; i++) v[i - k] = at[ck + i];
    v[0] -= alpha;
    let vv = 0;
    for (let i = 0; i < v.length; i++) vv += v[i] * v[i];
    betas[k] = vv > 0 ? 2 / vv : 0;
    vs.push(v);
    at[ck + k] = alpha;
    for (let i = k + 1; i < n; i++) at[ck + i] = 0;
    for (let j = k + 1; j < p; j++) applyReflector(at, j * n + k, v, betas[k]);
  }
  const r = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) r[i * p + j] = at[j * n + i];
  // Q = H_0 H_1 … H_{p-1} applied to the first p unit vectors, reflectors in reverse order.
  const qt = new Float64Array(p * n);
  for (let j = 0; j < p; j++) qt[j * n + j] = 1;
  for (let k = p - 1; k >= 0; k--) {
    if (betas[k] === 0) continue;
    for (let j = k; j < p; j++) applyReflector(qt, j * n + k, vs[k], betas[k]);
  }
  return { q: new Matrix(qt, p, n).transpose(), r: new Matrix(r, p, p) };
}

/** x[off..] -= beta · v (vᵀ x[off..]) */
function applyReflector(x: Float64Array, off: number, v: Float64Array, beta: number): void {
  let dot = 0;
  for (let i = 0; i < v.length; i++) dot += v[i] * x[off + i];
  const f = beta * dot;
  if (f === 0) return;
  for (let i = 0; i < v.length; i++) x[off + i] -= f * v[i];
}

/**
 * Eigen-decomposition of a symmetric n × n matrix by cyclic Jacobi rotations (accurate to
 * machine precision, including tiny eigenvalues): A = V diag(values) Vᵀ, values descending,
 * eigenvectors in the columns of V.
 */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Matrix } {
  if (a.length !== n * n) throw new RangeError(`symmetricEigen: expected ${n * n} values, got ${a.length}`);
  const A = Float64Array.from(a);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, diag = 0;
    for (let i = 0; i < n; i++) {
      diag += A[i * n + i] * A[i * n + i];
      for (let j = i + 1; j < n; j++) off += A[i * n + j] * A[i * n + j];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const app = A[p * n + p], aqq = A[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) { // columns p, q
          const akp = A[k * n + p], akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) { // rows p, q
          const apk = A[p * n + k], aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p], vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[j * n + j] - A[i * n + i]);
  const values = Float64Array.from(order, (i) => A[i * n + i]);
  const vectors = new Float64Array(n * n);
  for (let c = 0; c < n; c++) for (let k = 0; k < n; k++) vectors[k * n + c] = V[k * n + order[c]];
  return { values, vectors: new Matrix(vectors, n, n) };
}

/** Lower Cholesky factor L of a symmetric positive-definite n × n matrix (A = L Lᵀ). */
export function cholesky(a: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    if (!(d > 0)) throw new RangeError(`cholesky: matrix is not positive definite (pivot ${j} is ${d})`);
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / ljj;
    }
  }
  return L;
}

/** Solves L Lᵀ X = B for X (B is n × t, row-major), given the Cholesky factor L. */
export function choleskySolve(L: Float64Array, n: number, b: Float64Array, t = 1): Float64Array {
  const x = Float64Array.from(b);
  for (let c = 0; c < t; c++) {
    for (let i = 0; i < n; i++) {
      let s = x[i * t + c];
      for (let k = 0; k < i; k++) s -= L[i * n + k] * x[k * t + c];
      x[i * t + c] = s / L[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i * t + c];
      for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k * t + c];
      x[i * t + c] = s / L[i * n + i];
    }
  }
  return x;
}

/**
 * Minimum-norm solution of the normal equations G X = B (G symmetric PSD, p × p; B p × t)
 * through G's pseudo-inverse: eigenvalues below `rcond · λmax` count as zero, so collinear
 * columns (e.g. makeClassification's redundant ones) get the same answer as numpy's lstsq.
 */
export function pseudoSolve(g: Float64Array, p: number, b: Float64Array, t = 1, rcond = 1e-12): Float64Array {
  const { values, vectors } = symmetricEigen(g, p);
  const V = vectors.data;
  const cutoff = rcond * Math.max(values[0], 0);
  const x = new Float64Array(p * t);
  const proj = new Float64Array(t);
  for (let e = 0; e < p; e++) {
    if (!(values[e] > cutoff)) continue;
    proj.fill(0);
    for (let k = 0; k < p; k++) for (let c = 0; c < t; c++) proj[c] += V[k * p + e] * b[k * t + c];
    for (let c = 0; c < t; c++) proj[c] /= values[e];
    for (let k = 0; k < p; k++) for (let c = 0; c < t; c++) x[k * t + c] += V[k * p + e] * proj[c];
  }
  return x;
}

/**
 * An orthonormal basis of A's columns (A n × p, n ≥ p, full column rank) with R's diagonal
 * positive, so a Gaussian A gives a Haar-distributed Q. Cholesky QR (Q = A R⁻¹, RᵀR = AᵀA):
 * one streaming pass for the Gram and one for the solve, half Householder's work; it falls
 * back to Householder when A is too ill-conditioned for the Gram's Cholesky.
 */
export function orthonormalize(a: Matrix): Matrix {
  const n = a.rows, p = a.cols;
  const zeros = new Float64Array(p);
  const { xtx } = crossProducts(a, zeros, new Matrix(new Float64Array(n), n, 1), new Float64Array(1));
  let L: Float64Array | null = null;
  try {
    L = cholesky(xtx, p);
    // A pivot under 1e-5 of its column norm means near-dependent columns: Q = A R⁻¹ would lose orthogonality.
    for (let j = 0; j < p && L; j++) if (L[j * p + j] ** 2 < 1e-10 * xtx[j * p + j]) L = null;
  } catch {
    L = null;
  }
  if (L === null) {
    const { q, r } = qrEconomic(a);
    for (let j = 0; j < p; j++) if (r.data[j * p + j] < 0) for (let i = 0; i < n; i++) q.data[i * p + j] = -q.data[i * p + j];
    return q;
  }
  const Q = new Float64Array(n * p);
  const A = a.data;
  for (let i = 0; i < n; i++) {
    const o = i * p;
    // row q with q R = a, R = Lᵀ upper triangular: forward substitution over columns.
    for (let j = 0; j < p; j++) {
      let s = A[o + j];
      for (let k = 0; k < j; k++) s -= Q[o + k] * L[j * p + k];
      Q[o + j] = s / L[j * p + j];
    }
  }
  return new Matrix(Q, n, p);
}
