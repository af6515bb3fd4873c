import assert from 'node:assert/strict';
import { makeRegression } from '../../kernel-lib/src/datasets/regression';
import { MIME, validatePayload, type ScatterPayload } from '../../kernel-lib/src/display/mime';
import { LinearRegression } from '../../kernel-lib/src/linear/models';
import { coefficientsPlot, predictionsPlot, regressionFigure } from '../../kernel-lib/src/linear/plot';

describe('linear/plot (figure 2)', () => {
  it('plots true vs fitted coefficients and predictions vs targets, with a y = x line and R²', () => {
    const { X, y, coef } = makeRegression({ nSamples: 200, nFeatures: 8, nInformative: 4, noise: 10, randomState: 1 });
    const model = new LinearRegression().fit(X, y);
    const [coefs, preds] = regressionFigure(model, X, y, coef);
    for (const out of [coefs, preds]) {
      assert.deepEqual(out.mimeTypes, [MIME.scatter, 'image/svg+xml', 'text/plain']);
      assert.deepEqual(validatePayload(MIME.scatter, out.bundle[MIME.scatter]), []);
      assert.match(out.bundle['image/svg+xml'] as string, /<path d="M[^"]+" fill="none" stroke="#888"/);
    }
    const cp = coefs.bundle[MIME.scatter] as ScatterPayload;
    assert.deepEqual(cp.x, Array.from(coef));
    assert.deepEqual(cp.y, Array.from(model.coef));
    const pp = preds.bundle[MIME.scatter] as ScatterPayload;
    assert.deepEqual(pp.x, Array.from(y));
    assert.equal(pp.y.length, 200);
    const r2 = model.score(X, y);
    assert.ok(preds.toString().includes(`R² = ${r2.toPrecision(6)}`));
    assert.match(coefs.toString(), /max \|fitted − true\| = /);
  });

  it('refuses mismatched lengths and multi-target models', () => {
    assert.throws(() => coefficientsPlot([1, 2], [1]), /2 true coefficients but 1 fitted ones/);
    assert.throws(() => predictionsPlot([1, 2], [1]), /2 targets but 1 predictions/);
    const { X, Y, coef } = makeRegression({ nSamples: 20, nFeatures: 3, nTargets: 2, randomState: 2 });
    const model = new LinearRegression().fit(X, Y);
    assert.throws(() => regressionFigure(model, X, Y.data, coef), /the model has 2 targets/);
  });
});
