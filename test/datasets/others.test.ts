import assert from 'node:assert/strict';
import { makeBiclusters, makeCheckerboard } from '../../kernel-lib/src/datasets/biclusters';
import { makeSCurve, makeSwissRoll } from '../../kernel-lib/src/datasets/manifolds';
import { makeSparseSpdMatrix, makeSpdMatrix } from '../../kernel-lib/src/datasets/matrices';
import { makeMultilabelClassification } from '../../kernel-lib/src/datasets/multilabel';
import { makeGaussianQuantiles, makeHastie10_2 } from '../../kernel-lib/src/datasets/quantiles';
import { cholesky, symmetricEigen } from '../../kernel-lib/src/linear/linalg';
import { counts, mean } from './helpers';

describe('datasets/manifolds', () => {
  it('makeSCurve: (sin t, h, sign(t)(cos t − 1)) with t in ±3π/2 and h in [0, 2)', () => {
    const { X, t } = makeSCurve({ nSamples: 300, randomState: 1 });
    assert.deepEqual(X.shape, [300, 3]);
    for (let i = 0; i < 300; i++) {
      assert.ok(Math.abs(t[i]) <= 1.5 * Math.PI);
      assert.ok(Math.abs(X.get(i, 0) - Math.sin(t[i])) < 1e-12);
      assert.ok(X.get(i, 1) >= 0 && X.get(i, 1) < 2);
      assert.ok(Math.abs(X.get(i, 2) - Math.sign(t[i]) * (Math.cos(t[i]) - 1)) < 1e-12);
    }
    assert.throws(() => makeSCurve({ noise: -1 }), /makeSCurve: 'noise'/);
  });

  it('makeSwissRoll: (t cos t, h, t sin t); the hole leaves the centre cell empty', () => {
    const { X, t } = makeSwissRoll({ nSamples: 300, randomState: 2 });
    for (let i = 0; i < 300; i++) {
      assert.ok(t[i] >= 1.5 * Math.PI && t[i] <= 4.5 * Math.PI);
      assert.ok(Math.abs(X.get(i, 0) - t[i] * Math.cos(t[i])) < 1e-12 && Math.abs(X.get(i, 2) - t[i] * Math.sin(t[i])) < 1e-12);
      assert.ok(X.get(i, 1) >= 0 && X.get(i, 1) < 21);
    }
    const holed = makeSwissRoll({ nSamples: 2000, hole: true, randomState: 3 });
    let inHole = 0;
    for (let i = 0; i < 2000; i++) {
      const h = holed.X.get(i, 1);
      if (holed.t[i] > 2.5 * Math.PI && holed.t[i] < 3.5 * Math.PI && h > 7 && h < 14) inHole++;
    }
    assert.equal(inHole, 0);
    assert.throws(() => makeSwissRoll({ nSamples: 0 }), /makeSwissRoll: 'nSamples'/);
  });
});

describe('datasets/quantiles', () => {
  it('makeGaussianQuantiles: equal classes ordered by distance from the mean', () => {
    const mu = [5, -5, 1];
    const { X, y } = makeGaussianQuantiles({ nSamples: 1000, nFeatures: 3, nClasses: 3, mean: mu, cov: 2, randomState: 4 });
    assert.deepEqual(X.shape, [1000, 3]);
    assert.deepEqual(counts(y, 3), [333, 333, 334]);
    const dist = Array.from({ length: 1000 }, (_, i) => Math.hypot(...Array.from(X.row(i), (v, j) => v - mu[j])));
    for (let c = 0; c < 2; c++) {
      const inner = Math.max(...dist.filter((_, i) => y[i] === c));
      const outer = Math.min(...dist.filter((_, i) => y[i] === c + 1));
      assert.ok(inner <= outer);
    }
    const ordered = makeGaussianQuantiles({ nSamples: 10, nClasses: 2, shuffle: false, randomState: 4 });
    assert.deepEqual(Array.from(ordered.y), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    assert.throws(() => makeGaussianQuantiles({ nSamples: 2, nClasses: 3 }), /nSamples \(2\) must be at least nClasses \(3\)/);
    assert.throws(() => makeGaussianQuantiles({ mean: [0], nFeatures: 2 }), /'mean' must have 2 values; got 1/);
  });

  it('makeHastie10_2: ten normal features, y = ±1 split at the χ²₁₀ median', () => {
    const { X, y } = makeHastie10_2({ nSamples: 20000, randomState: 5 });
    assert.deepEqual(X.shape, [20000, 10]);
    for (let i = 0; i < 100; i++) assert.equal(y[i], X.row(i).reduce((a, v) => a + v * v, 0) > 9.34 ? 1 : -1);
    assert.ok(Math.abs(mean(y)) < 0.03);
  });
});

describe('datasets/makeMultilabelClassification', () => {
  it('X are word counts, Y the label indicators, distributions normalised', () => {
    const s = makeMultilabelClassification({ nSamples: 400, nFeatures: 30, nClasses: 4, nLabels: 2, length: 40, sparse: true, returnIndicator: 'sparse', randomState: 6 });
    assert.deepEqual(s.X.shape, [400, 30]);
    assert.deepEqual(s.Y?.shape, [400, 4]);
    assert.ok(Math.abs(s.pC.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    for (let c = 0; c < 4; c++) assert.ok(Math.abs(s.pWC.column(c).reduce((a, b) => a + b, 0) - 1) < 1e-12);
    for (let i = 0; i < 400; i++) {
      assert.ok(s.X.row(i).every((v) => Number.isInteger(v) && v >= 0));
      assert.ok(s.X.row(i).reduce((a, b) => a + b, 0) >= 1);
      assert.deepEqual(Array.from(s.Y?.row(i) ?? []), [0, 1, 2, 3].map((c) => (s.labels[i].includes(c) ? 1 : 0)));
    }
    // Mean document length ≈ length (Poisson, zero rejected).
    assert.ok(Math.abs(mean(Array.from({ length: 400 }, (_, i) => s.X.row(i).reduce((a, b) => a + b, 0))) - 40) < 1.5);
    // CSR forms agree with the dense ones.
    const csr = s.XCsr;
    assert.ok(csr);
    for (let i = 0; i < 400; i++) for (let k: number = csr.indptr[i]; k < csr.indptr[i + 1]; k++) assert.equal(csr.data[k], s.X.get(i, csr.indices[k]));
    assert.equal(csr.indptr[400], s.X.data.filter((v) => v > 0).length);
    assert.equal(s.YCsr?.indptr[400], s.labels.flat().length);
  });

  it('allowUnlabeled: false gives every sample a label; refusals', () => {
    const s = makeMultilabelClassification({ nSamples: 300, nLabels: 1, allowUnlabeled: false, returnIndicator: false, randomState: 7 });
    assert.ok(s.labels.every((l) => l.length >= 1 && l.length <= 5));
    assert.equal(s.Y, undefined);
    assert.throws(() => makeMultilabelClassification({ nClasses: 0 }), /'nClasses' must be an integer in the range \[1, inf\)/);
    assert.throws(() => makeMultilabelClassification({ length: 0 }), /'length' must be an integer in the range \[1, inf\)/);
    assert.throws(() => makeMultilabelClassification({ nLabels: 0, allowUnlabeled: false }), /can never draw a label/);
  });
});

describe('datasets/biclusters', () => {
  it('makeBiclusters: block-diagonal constants; every row and column in one cluster', () => {
    const s = makeBiclusters({ shape: [60, 40], nClusters: 3, randomState: 8 });
    assert.deepEqual(s.X.shape, [60, 40]);
    assert.equal(s.rows.length, 3);
    for (let i = 0; i < 60; i++) assert.equal(s.rows.reduce((a, r) => a + r[i], 0), 1);
    const value = new Map<number, number>();
    for (let i = 0; i < 60; i++) for (let j = 0; j < 40; j++) {
      const v = s.X.get(i, j);
      if (s.rowLabels[i] !== s.colLabels[j]) { assert.equal(v, 0); continue; }
      if (!value.has(s.rowLabels[i])) value.set(s.rowLabels[i], v);
      assert.equal(v, value.get(s.rowLabels[i]));
      assert.ok(v >= 10 && v < 100);
    }
    assert.throws(() => makeBiclusters({ shape: [10, 10], nClusters: 0 }), /makeBiclusters: 'nClusters'/);
    assert.throws(() => makeBiclusters({ shape: [10, 10], nClusters: 2, noise: -1 }), /'noise' must be a real number/);
  });

  it('makeCheckerboard: each (row cluster, column cluster) block is one constant', () => {
    const s = makeCheckerboard({ shape: [50, 30], nClusters: [3, 2], minval: 1, maxval: 2, randomState: 9 });
    assert.equal(s.rows.length, 6);
    const value = new Map<string, number>();
    for (let i = 0; i < 50; i++) for (let j = 0; j < 30; j++) {
      const key = `${s.rowLabels[i]},${s.colLabels[j]}`;
      if (!value.has(key)) value.set(key, s.X.get(i, j));
      assert.equal(s.X.get(i, j), value.get(key));
    }
    // Bicluster b = r·2 + c has row cluster r and column cluster c.
    for (let i = 0; i < 50; i++) assert.equal(s.rows[s.rowLabels[i] * 2][i], 1);
    for (let j = 0; j < 30; j++) assert.equal(s.cols[s.colLabels[j]][j], 1);
    assert.throws(() => makeCheckerboard({ shape: [10, 10], nClusters: [1, 2, 3] as unknown as [number, number] }), /\[rowClusters, colClusters\]/);
  });
});

describe('datasets/SPD matrices', () => {
  it('makeSpdMatrix is symmetric with eigenvalues in [1, 2)', () => {
    const S = makeSpdMatrix({ nDim: 8, randomState: 10 });
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) assert.equal(S.get(i, j), S.get(j, i));
    const { values } = symmetricEigen(S.data, 8);
    assert.ok(values.every((v) => v >= 1 - 1e-12 && v < 2 + 1e-12));
    assert.throws(() => makeSpdMatrix({ nDim: 0 }), /makeSpdMatrix: 'nDim'/);
  });

  it('makeSparseSpdMatrix is symmetric positive definite, sparser with larger alpha, unit diagonal with normDiag', () => {
    const dense = makeSparseSpdMatrix({ nDim: 30, alpha: 0.5, randomState: 11 });
    const sparse = makeSparseSpdMatrix({ nDim: 30, alpha: 0.98, randomState: 11 });
    for (const P of [dense, sparse]) {
      for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) assert.ok(Math.abs(P.get(i, j) - P.get(j, i)) < 1e-12);
      assert.doesNotThrow(() => cholesky(P.data, 30));
    }
    const zeros = (P: typeof dense) => P.data.filter((v) => v === 0).length;
    assert.ok(zeros(sparse) > zeros(dense));
    const normed = makeSparseSpdMatrix({ nDim: 10, alpha: 0.7, normDiag: true, randomState: 12 });
    for (let i = 0; i < 10; i++) assert.ok(Math.abs(normed.get(i, i) - 1) < 1e-12);
    assert.throws(() => makeSparseSpdMatrix({ smallestCoef: 0.8, largestCoef: 0.2 }), /smallestCoef \(0\.8\) must not exceed largestCoef \(0\.2\)/);
    assert.throws(() => makeSparseSpdMatrix({ alpha: 1.5 }), /'alpha' must be a real number in the range \[0, 1\]/);
  });
});
