import assert from 'node:assert/strict';
import { Matrix } from '../../kernel-lib/src/datasets/matrix';
import { makeClassification } from '../../kernel-lib/src/datasets/classification';
import { makeRegression } from '../../kernel-lib/src/datasets/regression';
import { LinearRegression, Ridge, r2Score } from '../../kernel-lib/src/linear/models';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('linear/models', () => {
  it('LinearRegression recovers makeRegression coef and bias exactly when noise = 0', () => {
    const { X, y, coef } = makeRegression({ nSamples: 500, nFeatures: 30, nInformative: 8, bias: -7.5, randomState: 11 });
    const model = new LinearRegression().fit(X, y);
    assert.ok(maxAbsDiff(model.coef, coef) < 1e-9, `coef error ${maxAbsDiff(model.coef, coef)}`);
    assert.ok(Math.abs(model.intercept + 7.5) < 1e-9);
    assert.ok(Math.abs(model.score(X, y) - 1) < 1e-12);
  });

  it('LinearRegression with noise: R² matches 1 − σ²/Var(y) and coef errors shrink like σ/√n', () => {
    const noise = 20;
    const { X, y, coef } = makeRegression({ nSamples: 4000, nFeatures: 10, nInformative: 5, noise, randomState: 3 });
    const model = new LinearRegression().fit(X, y);
    let mean = 0;
    for (const v of y) mean += v / y.length;
    let variance = 0;
    for (const v of y) variance += (v - mean) ** 2 / y.length;
    const r2 = model.score(X, y);
    assert.ok(Math.abs(r2 - (1 - noise ** 2 / variance)) < 0.01, `R² ${r2}`);
    // Standard error of each coefficient ≈ σ/√n = 0.32; 5 standard errors.
    assert.ok(maxAbsDiff(model.coef, coef) < 5 * noise / Math.sqrt(4000));
  });

  it('fits several targets at once, each as its own regression', () => {
    const { X, Y, coefMatrix } = makeRegression({ nSamples: 200, nFeatures: 6, nInformative: 6, nTargets: 3, bias: 2, randomState: 5 });
    const model = new LinearRegression().fit(X, Y);
    assert.equal(model.nTargets, 3);
    // sklearn's layout: coef is nTargets × nFeatures.
    assert.ok(maxAbsDiff(new Matrix(model.coef, 3, 6).transpose().data, coefMatrix.data) < 1e-9);
    assert.deepEqual(Array.from(model.intercepts, (b) => Math.round(b * 1e9) / 1e9), [2, 2, 2]);
    assert.equal(model.predict(X).length, 600);
  });

  it('fitIntercept: false fits through the origin', () => {
    const X = Matrix.fromArray([[1], [2], [3]]);
    const model = new LinearRegression({ fitIntercept: false }).fit(X, [3, 5, 7]);
    // Least squares through 0: Σxy / Σx² = 34 / 14.
    assert.ok(Math.abs(model.coef[0] - 34 / 14) < 1e-12);
    assert.equal(model.intercept, 0);
  });

  it('regresses makeClassification redundant columns exactly on the informative ones (collinear X)', () => {
    const set = makeClassification({ nSamples: 400, nFeatures: 8, nInformative: 3, nRedundant: 2, nRepeated: 1, randomState: 9 });
    // X holds informative, redundant and repeated columns: rank 3 out of 6 predictors.
    const cols = [...set.informative, ...set.redundant, ...set.repeated];
    const Xi = Matrix.fromArray(Array.from({ length: set.X.rows }, (_, i) => cols.map((c) => set.X.get(i, c))));
    for (const r of set.redundant) {
      const target = set.X.column(r);
      const model = new LinearRegression().fit(Xi, target);
      assert.ok(maxAbsDiff(model.predict(Xi), target) < 1e-8);
    }
  });

  it('Ridge satisfies its normal equations, shrinks with alpha, and equals OLS at alpha = 0', () => {
    const { X, y } = makeRegression({ nSamples: 300, nFeatures: 12, nInformative: 6, noise: 5, randomState: 21 });
    const ols = new LinearRegression().fit(X, y);
    assert.ok(maxAbsDiff(new Ridge({ alpha: 0 }).fit(X, y).coef, ols.coef) < 1e-9);
    const norms = [1, 100, 10000].map((alpha) => {
      const ridge = new Ridge({ alpha }).fit(X, y);
      // Gradient of ‖y − Xw − b‖² + α‖w‖² is zero: Xᵀ(y − ŷ) = α w and Σ(y − ŷ) = 0.
      const resid = ridge.predict(X).map((p, i) => y[i] - p);
      assert.ok(Math.abs(resid.reduce((a, b) => a + b, 0)) < 1e-7);
      for (let j = 0; j < X.cols; j++) {
        let g = 0;
        for (let i = 0; i < X.rows; i++) g += X.get(i, j) * resid[i];
        assert.ok(Math.abs(g - alpha * ridge.coef[j]) < 1e-6 * Math.max(1, Math.abs(g)), `feature ${j}: ${g} vs ${alpha * ridge.coef[j]}`);
      }
      return Math.hypot(...ridge.coef);
    });
    assert.ok(norms[0] > norms[1] && norms[1] > norms[2]);
    assert.ok(new Ridge({ alpha: 1 }).fit(X, y).score(X, y) <= ols.score(X, y));
  });

  it('refuses bad input with messages naming the problem', () => {
    const X = Matrix.fromArray([[1, 2], [3, 4]]);
    assert.throws(() => new Ridge({ alpha: -1 }), /'alpha' must be a real number in the range \[0, inf\); got -1/);
    assert.throws(() => new LinearRegression().predict(X), /LinearRegression.predict: call fit\(X, y\) first/);
    assert.throws(() => new LinearRegression().fit(X, [1, 2, 3]), /X has 2 rows but y has 3/);
    const m = new LinearRegression().fit(X, [1, 2]);
    assert.throws(() => m.predict(Matrix.fromArray([[1, 2, 3]])), /X has 3 columns; the model was fitted on 2/);
  });

  it('r2Score: 1 for perfect, 0 for the mean, sklearn’s convention for constant targets', () => {
    assert.equal(r2Score([1, 2, 3], [1, 2, 3]), 1);
    assert.equal(r2Score([1, 2, 3], [2, 2, 2]), 0);
    assert.equal(r2Score([1, 2, 3], [3, 2, 1]), -3);
    assert.equal(r2Score([5, 5], [5, 5]), 1);
    assert.equal(r2Score([5, 5], [4, 5]), 0);
  });
});
