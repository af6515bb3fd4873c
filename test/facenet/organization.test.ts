/**
 * The data-organization experiment end to end on procedural faces (16 px, tiny network, on the
 * fastest backend here — the pure-JS cpu backend takes ~2 s a step even for this net): every arm, metric and seed lands in the result, training beats the untrained
 * embedding on held-out identities by a clear margin, and the numbers come out as rows.
 */
import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { init } from '../../kernel-lib/src/backend';
import { faceRecipe, proceduralFaces, renderFace } from '../../kernel-lib/src/faces';
import { compareDataOrganizations, newIdentityGanFaces, organizationRows, runArm, syntheticFromFunction, TABLE_METRICS, type EmbeddingContext, type SyntheticFaces, type SyntheticImages } from '../../kernel-lib/src/facenet';
import { sagan } from '../../kernel-lib/src/models/sagan';
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
    // A strategy that never adds an image cannot be the synthetic arm, however it scores.
    const empty: SyntheticFaces = {
      name: 'empty', kind: 'new-identities', description: 'turns every candidate down', warmup: 0.5,
      generate: (_n, _ids, _rng, context) => ({ images: tf.zeros([0, SIZE, SIZE, 3]) as tf.Tensor4D, labels: new Int32Array(0), note: `none kept (first new label ${context?.firstNewLabel})` }),
    };
    const runs: string[] = [];
    const result = await compareDataOrganizations({
      train, test, synthetic: [oracle, empty], ratio: 0.3, seeds: [1, 2], steps: 50, P: 6, K: 3,
      net: { depth: 2, width: 8, embeddingDim: 16 }, learningRate: 3e-3, sweep: [0, 0.3, 0.5], onRun: (_d, _t, label) => runs.push(label),
    });
    assert.equal(result.runs.length, 2 * 5 + 1, 'untrained, real, augmented, two synthetic strategies per seed, plus the 50 % sweep point');
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
    assert.match(result.strategy.why, /; empty added 0 of 43 images \(not a candidate\)$/);
    assert.deepEqual(result.strategy.candidates.map((c) => c.extraImages.mean), [Math.round(144 * 0.3), 0]);
    assert.equal(result.runs.find((r) => r.strategy === 'empty')?.syntheticNote, 'none kept (first new label 24)', 'new labels start above the real ones');
    assert.ok(result.paired['real+synthetic vs real']['verification accuracy'].difference.n === 2);
    const rows = organizationRows(result);
    assert.equal(rows.length, result.runs.length);
    assert.ok(rows.every((r) => typeof r['rank-1'] === 'number' && typeof r.seed === 'number'));
    assert.match(result.outputs[0].toString(), /real\+synthetic \| /);
    assert.equal(runs.length, result.runs.length);
    tf.dispose([all.images, train.images, test.images]);
  });

  it('new identities (strategy b): keeps whole identities that the embedding finds compact and apart from real and earlier ones', () => {
    const gan = sagan({ imageSize: 8, width: 8, latentDim: 8, numClasses: 3, attentionRes: 0, seed: 5 });
    const dim = 8, K = 3;
    const unit = (v: number[]) => { const n = Math.hypot(...v); return v.map((x) => x / n); };
    const axis = (i: number, eps = 0) => unit(Array.from({ length: dim }, (_, d) => (d === i ? 1 : 0) + (d === (i + 1) % dim ? eps : 0)));
    // Real identities 0 and 1 sit on axes 0 and 1 (two images each).
    const realEmbeddings = Float32Array.from([...axis(0), ...axis(0, 0.05), ...axis(1), ...axis(1, 0.05)]);
    // Candidates (identity-major, K images each): 0 compact on axis 4 → kept; 1 scattered → rejected;
    // 2 compact on axis 0 (a real identity) → rejected; 3 compact on axis 4 again (a kept one) → rejected;
    // 4 compact on axis 6 → kept; 5 never examined (two kept already is what is wanted).
    const plan = [[4, 4, 4], [2, 5, 7], [0, 0, 0], [4, 4, 4], [6, 6, 6], [3, 3, 3]];
    let calls = 0;
    const context: EmbeddingContext = {
      dim, realEmbeddings, realLabels: Int32Array.from([7, 7, 9, 9]), firstNewLabel: 10,
      embed: (images) => {
        calls++;
        assert.equal(images.shape[0], 18, '⌈4 / 3⌉ identities wanted × 3 oversample × K images');
        return Float32Array.from(plan.flatMap((axes) => axes.flatMap((a, k) => axis(a, 0.02 * k))));
      },
    };
    const strategy = newIdentityGanFaces(gan, { imagesPerIdentity: K, oversample: 3 });
    assert.equal(strategy.kind, 'new-identities');
    const out = strategy.generate(4, new Int32Array(4), new Rng(1), context) as SyntheticImages;
    assert.equal(calls, 1);
    assert.deepEqual([...out.labels], [10, 10, 10, 11, 11, 11], 'two whole new identities, numbered above the real ones');
    assert.deepEqual(out.images.shape, [6, 8, 8, 3]);
    assert.match(out.note ?? '', /^2 of 6 candidate identities kept \(6 images\); turned down: 1 too spread, 1 like a real identity, 1 like a kept one \(τ = 0\.9\d\d\)$/, 'τ between the same pairs (≈0) and the different ones (≈2)');
    assert.throws(() => strategy.generate(4, new Int32Array(4), new Rng(1)), /needs the embedding being trained/);
    out.images.dispose();
    gan.dispose();
  });

  it('new identities (strategy b) in a run: warm-up on real faces, then the kept identities join training', async () => {
    const faces = proceduralFaces({ identities: 34, imagesPerIdentity: 4, size: SIZE, seed: SEED, storage: 'memory' });
    const all = faces.batchSync(Int32Array.from({ length: faces.size }, (_, i) => i));
    const split = 10 * 4;
    const train = { images: tf.slice(all.images, [0, 0, 0, 0], [split, -1, -1, -1]) as tf.Tensor4D, labels: all.labels.slice(0, split) };
    const test = { images: tf.slice(all.images, [split, 0, 0, 0], [-1, -1, -1, -1]) as tf.Tensor4D, labels: all.labels.slice(split) };
    const gan = sagan({ imageSize: SIZE, width: 8, latentDim: 8, attentionRes: 0, seed: 2 });
    const strategy = newIdentityGanFaces(gan, { imagesPerIdentity: 2, oversample: 4, spread: 0.05 });
    const options = { train, test, synthetic: strategy, ratio: 0.3, steps: 6, P: 4, K: 2, net: { depth: 2, width: 8, embeddingDim: 16 } };
    const a = await runArm(options, 'real+synthetic', 1, 0.3, strategy);
    const b = await runArm(options, 'real+synthetic', 1, 0.3, strategy);
    assert.match(a.syntheticNote ?? '', /^[1-9]\d* of 24 candidate identities kept \(\d+ images\); turned down: \d+ too spread, \d+ like a real identity, \d+ like a kept one \(τ = [\d.]+\)$/, 'some near-identical latent groups pass the check');
    assert.equal(a.syntheticNote, b.syntheticNote, 'seeded: the same identities are kept');
    assert.equal(a.extraImages, 2 * Number(/^(\d+) of/.exec(a.syntheticNote ?? '')?.[1]), 'every kept identity trains with its 2 images');
    assert.equal(a.evaluation.verification.accuracy.mean, b.evaluation.verification.accuracy.mean);
    assert.ok(Number.isFinite(a.finalLoss));
    tf.dispose([all.images, train.images, test.images]);
    gan.dispose();
  });
});
