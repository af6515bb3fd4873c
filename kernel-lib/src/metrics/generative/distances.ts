/** Squared Euclidean distances between the rows of two matrices (or within one). */
import type { Matrix } from '../../datasets/matrix';

function rowNorms(x: Matrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = 0;
    for (let j = 0, k = i * x.cols; j < x.cols; j++, k++) s += x.data[k] * x.data[k];
    out[i] = s;
  }
  return out;
}

/** D[i, j] = ‖aᵢ − bⱼ‖² as a row-major a.rows × b.rows array (clamped at 0 against rounding). */
export function squaredDistances(a: Matrix, b: Matrix): Float64Array {
  if (a.cols !== b.cols) throw new RangeError(`distances: feature dimensions differ (${a.cols} vs ${b.cols})`);
  const na = rowNorms(a), nb = rowNorms(b);
  const d = a.cols, out = new Float64Array(a.rows * b.rows);
  for (let i = 0; i < a.rows; i++) {
    const ai = i * d;
    for (let j = 0; j < b.rows; j++) {
      const bj = j * d;
      let dot = 0;
      for (let k = 0; k < d; k++) dot += a.data[ai + k] * b.data[bj + k];
      out[i * b.rows + j] = Math.max(0, na[i] + nb[j] - 2 * dot);
    }
  }
  return out;
}

/** Squared distance from each row of `x` to its k-th nearest other row (leave-one-out). */
export function kthNeighbourRadii(within: Float64Array, n: number, k: number): Float64Array {
  if (k >= n) throw new RangeError(`k-th neighbour: k = ${k} needs more than ${k} samples, got ${n}`);
  const out = new Float64Array(n);
  const row = new Float64Array(n - 1);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < n; j++) if (j !== i) row[m++] = within[i * n + j];
    row.sort();
    out[i] = row[k - 1];
  }
  return out;
}
