/**
 * The data-organization experiment end to end on procedural faces (16 px, tiny network, on the
 * fastest backend here — the pure-JS cpu backend takes ~2 s a step even for this net): every arm, metric and seed lands in the result, training beats the untrained
 * embedding on held-out identities by a clear margin, and the numbers come out as rows.
 */
import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { init } from '../../kernel-lib/src/backend';
import { faceRecipe, proceduralFaces, renderFace } from '../../kernel-lib/src/faces';
import { compareDataOrganizations, organizationRows, syntheticFromFunction, TABLE_METRICS } from '../../kernel-lib/src/facenet';
import { Rng } from '../../kernel-lib/src/random';

const SIZE = 16, SEED = 3, PER = 6;

describe('facenet/compareDataOrganizations', function () {
  this.timeout(600_000);
  before(async () => { await init({ quiet: true }); });

  it('runs every arm × seed, beats the untrained net, and reports every metric', async () => {
    const faces = proceduralFaces({ identities: 44, imagesPerIdentity: PER, size: SIZE, seed: SEED, storage: 'memory' });
    const all = faces.batchSync(Int32Array.from({ length: faces.size }, (_, i) => i));
    const split = 24 * PER;
    const train = { images: tf.slice(all.images, [0, 0, 0, 0], [split, -1, -1, -1]) as tf.Tensor4D, labels: all.labels.slice(0, split) };
    const test = { images: tf.slice(all.images, [split, 0, 0, 0], [-1, -1, -1, -1]) as tf.Tensor4D, labels: all.labels.slice(split) };
    // An oracle "generator": new renders of the same identities (what a perfect conditional GAN would give).
    const recipe = faceRecipe(SEED);
    const oracle = syntheticFromFunction('renderer', 'conditional', 'fresh renders of the training identities', (ids, seed) => {
      const rng = new Rng(seed);
      const px = new Float32Array(ids.length * SIZE * SIZE * 3);
      ids.forEach((id, k) => {
        const img = renderFace(recipe.identity(id), recipe.variation(id, 1000 + rng.int(1000)), SIZE, 3, rng.seedInt());
        for (let j = 0; j < img.length; j++) px[k * img.length + j] = img[j] / 127.5 - 1;
      });
      return tf.tensor4d(px, [ids.length, SIZE, SIZE, 3]);
    });
    const runs: string[] = [];
    const result = await compareDataOrganizations({
      train, test, synthetic: oracle, ratio: 0.3, seeds: [1, 2], steps: 50, P: 6, K: 3,
      net: { depth: 2, width: 8, embeddingDim: 16 }, learningRate: 3e-3, sweep: [0, 0.3, 0.5], onRun: (_d, _t, label) => runs.push(label),
    });
    assert.equal(result.runs.length, 2 * 4 + 1, 'untrained, real, augmented, synthetic per seed, plus the 50 % sweep point');
    for (const arm of ['untrained', 'real', 'real+synthetic', 'real+augmented']) {
      for (const metric of Object.keys(TABLE_METRICS)) {
        const m = result.summary[arm][metric];
        assert.equal(m.n, 2, `${arm} / ${metric} over both seeds`);
        assert.ok(Number.isFinite(m.mean), `${arm} / ${metric} is a number`);
      }
    }
    const acc = (arm: string) => result.summary[arm]['verification accuracy'].mean;
    assert.ok(acc('real') > acc('untrained') + 0.05, `trained ${acc('real')} vs untrained ${acc('untrained')}`);
    assert.deepEqual(result.sweep.map((s) => s.ratio), [0, 0.3, 0.5]);
    assert.equal(result.strategy.chosen, 'renderer');
    assert.ok(result.paired['real+synthetic vs real']['verification accuracy'].difference.n === 2);
    const rows = organizationRows(result);
    assert.equal(rows.length, result.runs.length);
    assert.ok(rows.every((r) => typeof r['rank-1'] === 'number' && typeof r.seed === 'number'));
    assert.match(result.outputs[0].toString(), /real\+synthetic \| /);
    assert.equal(runs.length, result.runs.length);
    tf.dispose([all.images, train.images, test.images]);
  });
});
