import assert from 'node:assert/strict';
import { Matrix } from '../../kernel-lib/src/datasets/matrix';
import {
  makeFriedman1, makeFriedman2, makeFriedman3, makeLowRankMatrix, makeRegression, makeSparseUncorrelated,
} from '../../kernel-lib/src/datasets/regression';
import { matmul, symmetricEigen } from '../../kernel-lib/src/linear/linalg';
import { LinearRegression } from '../../kernel-lib/src/linear/models';
import { maxAbsDiff, mean, std } from './helpers';

describe('datasets/makeRegression', () => {
  it('returns X, y and a coef with nInformative non-zero entries in [0, 100)', () => {
    const r = makeRegression({ nSamples: 50, nFeatures: 40, nInformative: 7, randomState: 1 });
    assert.deepEqual(r.X.shape, [50, 40]);
    assert.equal(r.y.length, 50);
    assert.equal(r.coef.length, 40);
    const nonZero = Array.from(r.coef.keys()).filter((j) => r.coef[j] !== 0);
    assert.deepEqual(nonZero, r.informative);
    assert.equal(nonZero.length, 7);
    assert.ok(r.coef.every((c) => c >= 0 && c < 100));
    // Shuffled features: the informative ones are not simply the first 7.
    assert.notDeepEqual(r.informative, [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(makeRegression({ nSamples: 5, nFeatures: 10, nInformative: 3, shuffle: false, randomState: 1 }).informative, [0, 1, 2]);
    assert.equal(makeRegression({ nFeatures: 4, nInformative: 10, randomState: 1 }).informative.length, 4);
  });

  it('y = X·coef + bias exactly when noise = 0, and OLS recovers coef', () => {
    const r = makeRegression({ nSamples: 400, nFeatures: 25, nInformative: 10, bias: 4, randomState: 2 });
    const xc = matmul(r.X, new Matrix(r.coef, 25, 1)).data.map((v) => v + 4);
    assert.ok(maxAbsDiff(xc, r.y) < 1e-9);
    const model = new LinearRegression().fit(r.X, r.y);
    assert.ok(maxAbsDiff(model.coef, r.coef) < 1e-9);
    assert.ok(Math.abs(model.intercept - 4) < 1e-9);
  });

  it('adds Gaussian noise of the given standard deviation; X is standard normal', () => {
    const r = makeRegression({ nSamples: 20000, nFeatures: 5, nInformative: 5, noise: 3, randomState: 3 });
    const resid = matmul(r.X, r.coefMatrix).data.map((v, i) => r.y[i] - v);
    assert.ok(Math.abs(std(resid) - 3) < 0.05, `noise std ${std(resid)}`);
    assert.ok(Math.abs(mean(resid)) < 0.1);
    assert.ok(Math.abs(std(r.X.data) - 1) < 0.01 && Math.abs(mean(r.X.data)) < 0.01);
  });

  it('several targets: Y is nSamples × nTargets, one coefficient column per target', () => {
    const r = makeRegression({ nSamples: 30, nFeatures: 6, nInformative: 2, nTargets: 3, randomState: 4 });
    assert.deepEqual(r.Y.shape, [30, 3]);
    assert.deepEqual(r.coefMatrix.shape, [6, 3]);
    assert.ok(maxAbsDiff(matmul(r.X, r.coefMatrix).data, r.Y.data) < 1e-9);
  });

  it('effectiveRank gives X the low-rank singular profile', () => {
    const r = makeRegression({ nSamples: 80, nFeatures: 20, nInformative: 5, effectiveRank: 3, tailStrength: 0.2, randomState: 5 });
    const sv = singularValues(r.X);
    const profile = Array.from({ length: 20 }, (_, i) => 0.8 * Math.exp(-((i / 3) ** 2)) + 0.2 * Math.exp(-0.1 * i / 3));
    assert.ok(maxAbsDiff(sv, profile) < 1e-9);
  });

  it('refuses out-of-range parameters', () => {
    assert.throws(() => makeRegression({ nTargets: 0 }), /makeRegression: 'nTargets' must be an integer in the range \[1, inf\); got 0/);
    assert.throws(() => makeRegression({ noise: -1 }), /'noise' must be a real number in the range \[0, inf\)/);
    assert.throws(() => makeRegression({ tailStrength: 2 }), /'tailStrength' must be a real number in the range \[0, 1\]/);
    assert.throws(() => makeRegression({ effectiveRank: 0 }), /'effectiveRank' must be an integer in the range \[1, inf\)/);
    assert.throws(() => makeRegression({ bias: Number.NaN }), /'bias' must be a real number/);
  });
});

function singularValues(X: Matrix): number[] {
  return Array.from(symmetricEigen(matmul(X.transpose(), X).data, X.cols).values, (v) => Math.sqrt(Math.max(v, 0)));
}

describe('datasets/makeLowRankMatrix', () => {
  it('has singular values (1 − tail)·exp(−(i/rank)²) + tail·exp(−0.1·i/rank)', () => {
    for (const [n, p] of [[60, 15], [15, 40]]) {
      const X = makeLowRankMatrix({ nSamples: n, nFeatures: p, effectiveRank: 4, randomState: 6 });
      assert.deepEqual(X.shape, [n, p]);
      const k = Math.min(n, p);
      const sv = singularValues(p <= n ? X : X.transpose()).slice(0, k);
      const profile = Array.from({ length: k }, (_, i) => 0.5 * Math.exp(-((i / 4) ** 2)) + 0.5 * Math.exp(-0.1 * i / 4));
      assert.ok(maxAbsDiff(sv, profile) < 1e-9);
    }
    assert.throws(() => makeLowRankMatrix({ effectiveRank: 0 }), /makeLowRankMatrix: 'effectiveRank'/);
  });
});

describe('datasets/Friedman and sparse uncorrelated', () => {
  it('makeFriedman1 follows its formula on U(0,1) inputs and needs ≥ 5 features', () => {
    const { X, y } = makeFriedman1({ nSamples: 200, nFeatures: 7, randomState: 7 });
    assert.deepEqual(X.shape, [200, 7]);
    assert.ok(X.data.every((v) => v >= 0 && v < 1));
    const f = (r: Float64Array) => 10 * Math.sin(Math.PI * r[0] * r[1]) + 20 * (r[2] - 0.5) ** 2 + 10 * r[3] + 5 * r[4];
    assert.ok(maxAbsDiff(Array.from({ length: 200 }, (_, i) => f(X.row(i))), y) < 1e-12);
    assert.throws(() => makeFriedman1({ nFeatures: 4 }), /'nFeatures' must be an integer in the range \[5, inf\); got 4/);
    const noisy = makeFriedman1({ nSamples: 20000, noise: 2, randomState: 8 });
    const resid = Array.from({ length: 20000 }, (_, i) => noisy.y[i] - f(noisy.X.row(i)));
    assert.ok(Math.abs(std(resid) - 2) < 0.05);
  });

  it('makeFriedman2 and 3 draw inputs in their ranges and follow their formulas', () => {
    const two = makeFriedman2({ nSamples: 500, randomState: 9 });
    const three = makeFriedman3({ nSamples: 500, randomState: 9 });
    assert.deepEqual(two.X.data, three.X.data);
    const ranges = [[0, 100], [40 * Math.PI, 560 * Math.PI], [0, 1], [1, 11]];
    for (let i = 0; i < 500; i++) {
      const r = two.X.row(i);
      ranges.forEach(([lo, hi], j) => assert.ok(r[j] >= lo && r[j] <= hi));
      const inner = r[1] * r[2] - 1 / (r[1] * r[3]);
      assert.ok(Math.abs(two.y[i] - Math.sqrt(r[0] ** 2 + inner ** 2)) < 1e-9);
      assert.ok(Math.abs(three.y[i] - Math.atan(inner / r[0])) < 1e-12);
    }
    assert.throws(() => makeFriedman2({ noise: -0.5 }), /makeFriedman2: 'noise'/);
  });

  it('makeSparseUncorrelated: OLS finds (1, 2, −2, −1.5, 0, …) with unit noise', () => {
    const { X, y } = makeSparseUncorrelated({ nSamples: 20000, nFeatures: 6, randomState: 10 });
    const coef = new LinearRegression().fit(X, y).coef;
    // Standard error ≈ 1/√n = 0.007.
    assert.ok(maxAbsDiff(coef, [1, 2, -2, -1.5, 0, 0]) < 0.04);
    assert.throws(() => makeSparseUncorrelated({ nFeatures: 3 }), /'nFeatures' must be an integer in the range \[4, inf\)/);
  });
});
