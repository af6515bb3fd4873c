import assert from 'node:assert/strict';
import { makeBlobs } from '../../kernel-lib/src/datasets/clusters';
import { datasetScatter } from '../../kernel-lib/src/datasets/plot';
import { scatter } from '../../kernel-lib/src/display/scatter';
import { MIME, validatePayload, type ScatterPayload } from '../../kernel-lib/src/display/mime';

describe('datasets/plot', () => {
  it('datasetScatter: a valid scatter payload coloured by label, an SVG with every point, a text summary', () => {
    const { X, y } = makeBlobs({ nSamples: 120, centers: 3, nFeatures: 3, randomState: 1 });
    const out = datasetScatter(X, y, { title: 'blobs', columns: [0, 2] });
    assert.deepEqual(out.mimeTypes, [MIME.scatter, 'image/svg+xml', 'text/plain']);
    const payload = out.bundle[MIME.scatter] as ScatterPayload;
    assert.deepEqual(validatePayload(MIME.scatter, payload), []);
    assert.deepEqual(payload.x, Array.from(X.column(0)));
    assert.deepEqual(payload.y, Array.from(X.column(2)));
    assert.deepEqual(payload.groups, Array.from(y));
    assert.equal(payload.xLabel, 'x0');
    const svg = out.bundle['image/svg+xml'] as string;
    assert.match(svg, /^<svg /);
    assert.equal(svg.match(/<circle /g)?.length, 120);
    assert.equal(out.toString(), 'blobs: 120 points, 3 groups: 0 ×40, 1 ×40, 2 ×40');
  });

  it('thins large sets to maxPoints by an even stride and drops non-finite points', () => {
    const { X, y } = makeBlobs({ nSamples: 10000, centers: 2, randomState: 2 });
    const out = datasetScatter(X, y, { maxPoints: 1000 });
    const payload = out.bundle[MIME.scatter] as ScatterPayload;
    assert.equal(payload.x.length, 1000);
    assert.equal(payload.groups?.length, 1000);
    assert.match(out.toString(), /10000 points \(showing 1000\)/);
    const withNaN = scatter([0, Number.NaN, 2], [1, 2, Infinity], null);
    assert.deepEqual((withNaN.bundle[MIME.scatter] as ScatterPayload).x, [0]);
  });

  it('refuses mismatched inputs and columns outside the set', () => {
    const { X, y } = makeBlobs({ nSamples: 10, nFeatures: 2, randomState: 3 });
    assert.throws(() => datasetScatter(X, y, { columns: [0, 2] }), /column 2 is outside 0..1 of a 10 × 2 set/);
    assert.throws(() => datasetScatter(X, y.subarray(0, 5)), /5 labels for 10 rows/);
    assert.throws(() => scatter([1, 2], [1], null), /x has 2 values but y has 1/);
    assert.throws(() => scatter([1], [1], null, { maxPoints: 0 }), /maxPoints must be a positive integer/);
  });
});
