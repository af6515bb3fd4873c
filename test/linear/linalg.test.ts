import assert from 'node:assert/strict';
import { Matrix } from '../../kernel-lib/src/datasets/matrix';
import {
  cholesky, choleskySolve, matmul, orthonormalize, pseudoSolve, qrEconomic, symmetricEigen,
} from '../../kernel-lib/src/linear/linalg';
import { Rng } from '../../kernel-lib/src/random';

function gaussian(rows: number, cols: number, seed: number): Matrix {
  return new Matrix(new Rng(seed).fillNormal(new Float64Array(rows * cols)), rows, cols);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function identity(n: number): Float64Array {
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return I;
}

describe('linear/linalg', () => {
  it('matmul multiplies and refuses misaligned shapes', () => {
    const a = Matrix.fromArray([[1, 2], [3, 4], [5, 6]]);
    const b = Matrix.fromArray([[1, 0, 2], [0, 1, 3]]);
    assert.deepEqual(matmul(a, b).toArray(), [[1, 2, 8], [3, 4, 18], [5, 6, 28]]);
    assert.throws(() => matmul(a, a), /3 × 2 and 3 × 2 do not align/);
  });

  it('qrEconomic: Q has orthonormal columns, R is upper triangular, QR = A', () => {
    const a = gaussian(40, 7, 1);
    const { q, r } = qrEconomic(a);
    assert.deepEqual(q.shape, [40, 7]);
    assert.ok(maxAbsDiff(matmul(q.transpose(), q).data, identity(7)) < 1e-12);
    for (let i = 0; i < 7; i++) for (let j = 0; j < i; j++) assert.equal(r.get(i, j), 0);
    assert.ok(maxAbsDiff(matmul(q, r).data, a.data) < 1e-12);
  });

  it('orthonormalize spans A with a positive-diagonal R, and falls back on rank deficiency', () => {
    const a = gaussian(60, 5, 2);
    const q = orthonormalize(a);
    assert.ok(maxAbsDiff(matmul(q.transpose(), q).data, identity(5)) < 1e-12);
    const r = matmul(q.transpose(), a); // R = QᵀA
    for (let i = 0; i < 5; i++) {
      assert.ok(r.get(i, i) > 0);
      for (let j = 0; j < i; j++) assert.ok(Math.abs(r.get(i, j)) < 1e-12);
    }
    assert.ok(maxAbsDiff(matmul(q, r).data, a.data) < 1e-12);
    const twin = Matrix.fromArray(a.toArray().map((row) => [row[0], row[0], row[1]]));
    const q2 = orthonormalize(twin);
    assert.ok(maxAbsDiff(matmul(q2.transpose(), q2).data, identity(3)) < 1e-12);
  });

  it('symmetricEigen: A V = V Λ with orthonormal V and descending eigenvalues', () => {
    const g = gaussian(6, 6, 3);
    const s = matmul(g, g.transpose()); // symmetric PSD
    const { values, vectors } = symmetricEigen(s.data, 6);
    for (let i = 1; i < 6; i++) assert.ok(values[i - 1] >= values[i]);
    assert.ok(maxAbsDiff(matmul(vectors.transpose(), vectors).data, identity(6)) < 1e-12);
    const av = matmul(s, vectors);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) assert.ok(Math.abs(av.get(i, j) - vectors.get(i, j) * values[j]) < 1e-10);
    assert.throws(() => symmetricEigen(new Float64Array(5), 2), /expected 4 values/);
  });

  it('cholesky solves SPD systems and refuses indefinite matrices', () => {
    const g = gaussian(8, 4, 4);
    const a = matmul(g.transpose(), g);
    const xTrue = new Float64Array([1, -2, 0.5, 3]);
    const b = matmul(a, new Matrix(xTrue, 4, 1)).data;
    const x = choleskySolve(cholesky(a.data, 4), 4, b);
    assert.ok(maxAbsDiff(x, xTrue) < 1e-10);
    assert.throws(() => cholesky(new Float64Array([1, 2, 2, 1]), 2), /not positive definite \(pivot 1/);
  });

  it('pseudoSolve gives the minimum-norm solution for a singular Gram matrix', () => {
    // Columns x, x: any (a, b) with a + b = c fits; the minimum norm one is a = b = c/2.
    const x = gaussian(30, 1, 5).data;
    const X = new Matrix(Float64Array.from({ length: 60 }, (_, k) => x[k >> 1]), 30, 2);
    const y = new Matrix(x.map((v) => 3 * v), 30, 1);
    const g = matmul(X.transpose(), X);
    const w = pseudoSolve(g.data, 2, matmul(X.transpose(), y).data);
    assert.ok(maxAbsDiff(w, [1.5, 1.5]) < 1e-9);
  });
});
