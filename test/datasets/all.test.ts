import assert from 'node:assert/strict';
import * as d from '../../kernel-lib/src/datasets';
import { Rng } from '../../kernel-lib/src/random';

/** Every generator: its output arrays and their expected shapes, for one seed. */
const generators: [string, (seed: number | Rng) => [ArrayLike<number>, number[]][]][] = [
  ['makeClassification', (s) => { const r = d.makeClassification({ nSamples: 30, nFeatures: 7, randomState: s }); return [[r.X.data, [30, 7]], [r.y, [30]]]; }],
  ['makeRegression', (s) => { const r = d.makeRegression({ nSamples: 30, nFeatures: 7, nTargets: 2, randomState: s }); return [[r.X.data, [30, 7]], [r.y, [60]], [r.coef, [14]]]; }],
  ['makeBlobs', (s) => { const r = d.makeBlobs({ nSamples: 30, nFeatures: 4, centers: 3, randomState: s }); return [[r.X.data, [30, 4]], [r.y, [30]], [r.centers.data, [3, 4]]]; }],
  ['makeMoons', (s) => { const r = d.makeMoons({ nSamples: 31, noise: 0.1, randomState: s }); return [[r.X.data, [31, 2]], [r.y, [31]]]; }],
  ['makeCircles', (s) => { const r = d.makeCircles({ nSamples: 31, noise: 0.1, randomState: s }); return [[r.X.data, [31, 2]], [r.y, [31]]]; }],
  ['makeFriedman1', (s) => { const r = d.makeFriedman1({ nSamples: 30, nFeatures: 6, randomState: s }); return [[r.X.data, [30, 6]], [r.y, [30]]]; }],
  ['makeFriedman2', (s) => { const r = d.makeFriedman2({ nSamples: 30, randomState: s }); return [[r.X.data, [30, 4]], [r.y, [30]]]; }],
  ['makeFriedman3', (s) => { const r = d.makeFriedman3({ nSamples: 30, randomState: s }); return [[r.X.data, [30, 4]], [r.y, [30]]]; }],
  ['makeSCurve', (s) => { const r = d.makeSCurve({ nSamples: 30, randomState: s }); return [[r.X.data, [30, 3]], [r.t, [30]]]; }],
  ['makeSwissRoll', (s) => { const r = d.makeSwissRoll({ nSamples: 30, randomState: s }); return [[r.X.data, [30, 3]], [r.t, [30]]]; }],
  ['makeLowRankMatrix', (s) => [[d.makeLowRankMatrix({ nSamples: 30, nFeatures: 8, randomState: s }).data, [30, 8]]]],
  ['makeSparseUncorrelated', (s) => { const r = d.makeSparseUncorrelated({ nSamples: 30, nFeatures: 5, randomState: s }); return [[r.X.data, [30, 5]], [r.y, [30]]]; }],
  ['makeGaussianQuantiles', (s) => { const r = d.makeGaussianQuantiles({ nSamples: 30, nFeatures: 3, randomState: s }); return [[r.X.data, [30, 3]], [r.y, [30]]]; }],
  ['makeHastie10_2', (s) => { const r = d.makeHastie10_2({ nSamples: 30, randomState: s }); return [[r.X.data, [30, 10]], [r.y, [30]]]; }],
  ['makeMultilabelClassification', (s) => { const r = d.makeMultilabelClassification({ nSamples: 30, nFeatures: 9, nClasses: 4, randomState: s }); return [[r.X.data, [30, 9]], [r.Y?.data ?? [], [30, 4]]]; }],
  ['makeBiclusters', (s) => { const r = d.makeBiclusters({ shape: [12, 9], nClusters: 3, noise: 1, randomState: s }); return [[r.X.data, [12, 9]], [r.rowLabels, [12]], [r.colLabels, [9]]]; }],
  ['makeCheckerboard', (s) => { const r = d.makeCheckerboard({ shape: [12, 9], nClusters: [2, 3], noise: 1, randomState: s }); return [[r.X.data, [12, 9]], [r.rowLabels, [12]], [r.colLabels, [9]]]; }],
  ['makeSpdMatrix', (s) => [[d.makeSpdMatrix({ nDim: 6, randomState: s }).data, [6, 6]]]],
  ['makeSparseSpdMatrix', (s) => [[d.makeSparseSpdMatrix({ nDim: 6, alpha: 0.5, randomState: s }).data, [6, 6]]]],
];

describe('datasets: every generator', () => {
  it('covers the 19 sklearn generators of the issue', () => {
    assert.equal(generators.length, 19);
  });

  for (const [name, make] of generators) {
    it(`${name}: shapes, finite values, one seed → one result, an Rng is accepted`, () => {
      const a = make(7), b = make(7), c = make(8), viaRng = make(new Rng(7));
      for (const [values, shape] of a) {
        assert.equal(values.length, shape.reduce((x, y) => x * y, 1));
        assert.ok(Array.from(values).every(Number.isFinite));
      }
      assert.deepEqual(a, b);
      assert.deepEqual(viaRng, a);
      assert.notDeepEqual(a.map(([v]) => Array.from(v)), c.map(([v]) => Array.from(v)));
    });
  }

  it('refuses nSamples < 1 everywhere it is a count', () => {
    assert.throws(() => d.makeHastie10_2({ nSamples: 0 }), /makeHastie10_2: 'nSamples' must be an integer in the range \[1, inf\); got 0/);
    assert.throws(() => d.makeFriedman3({ nSamples: -1 }), /makeFriedman3: 'nSamples'/);
    assert.throws(() => d.makeSCurve({ nSamples: 1.5 }), /makeSCurve: 'nSamples'/);
    assert.throws(() => d.makeLowRankMatrix({ nSamples: 0 }), /makeLowRankMatrix: 'nSamples'/);
    assert.throws(() => d.makeGaussianQuantiles({ nSamples: 0 }), /makeGaussianQuantiles: 'nSamples'/);
    assert.throws(() => d.makeMultilabelClassification({ nSamples: 0 }), /makeMultilabelClassification: 'nSamples'/);
    assert.throws(() => d.makeBiclusters({ shape: [0, 3], nClusters: 1 }), /makeBiclusters: 'shape\[0\]'/);
  });
});
