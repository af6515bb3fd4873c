import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { Rng } from '../../kernel-lib/src/random';
import { sagan, dcgan } from '../../kernel-lib/src/models/sagan';
import { train } from '../../kernel-lib/src/training/trainer';
import { ImageDataset } from '../../kernel-lib/src/images/dataset';
import { randomBatch, useCpu } from './helpers';

describe('models: SAGAN and DCGAN', () => {
  before(useCpu);

  it('SAGAN G and D have the right shapes, attention γ starts at 0, and a step changes both nets', () => {
    const gan = sagan({ imageSize: 8, width: 8, latentDim: 16, attentionRes: 4, seed: 1 });
    const imgs = gan.sample(3, 7);
    assert.deepEqual(imgs.shape, [3, 8, 8, 3]);
    const v = imgs.dataSync();
    assert.ok(v.every((x) => x >= -1 && x <= 1), 'tanh output in [-1, 1]');
    imgs.dispose();
    const gammas = [...gan.generator.attentionGammas().values(), ...gan.discriminator.attentionGammas().values()];
    assert.equal(gammas.length, 2);
    for (const g of gammas) assert.equal(g.dataSync()[0], 0);
    const logits = tf.tidy(() => gan.discriminator.apply(tf.zeros([2, 8, 8, 3]), { training: true, updateStats: false }));
    assert.deepEqual(logits.shape, [2]);
    logits.dispose();

    const before = new Map([...gan.stateVariables()].map(([k, t]) => [k, t.dataSync().slice()]));
    const batch = randomBatch(4, 8, 3, 2);
    const m = gan.trainStep(batch, { rng: new Rng(3), step: 0 });
    for (const k of ['dLoss', 'gLoss', 'dReal', 'dFake']) assert.ok(Number.isFinite(m[k]), `${k} finite: ${m[k]}`);
    const changed = (prefix: string) => [...gan.stateVariables()].filter(([k, t]) => k.startsWith(prefix) && before.get(k)!.some((x, i) => x !== t.dataSync()[i])).length;
    assert.ok(changed('G/') > 5, 'G weights moved');
    assert.ok(changed('D/') > 5, 'D weights moved');
    batch.images.dispose();
    gan.dispose();
  });

  it('building and disposing models frees every tensor', () => {
    const n0 = tf.memory().numTensors;
    sagan({ imageSize: 8, width: 8, latentDim: 8, numClasses: 2, seed: 1, emaDecay: 0.9 }).dispose();
    dcgan({ imageSize: 8, width: 4, latentDim: 8, seed: 1 }).dispose();
    assert.equal(tf.memory().numTensors, n0);
  });

  it('a step leaks no tensors', () => {
    const gan = sagan({ imageSize: 8, width: 8, latentDim: 8, attentionRes: 4, seed: 2, emaDecay: 0.9 });
    const batch = randomBatch(2, 8, 3, 2);
    const rng = new Rng(1);
    gan.trainStep(batch, { rng, step: 0 });
    const n = tf.memory().numTensors;
    gan.trainStep(batch, { rng, step: 1 });
    gan.trainStep(batch, { rng, step: 2 });
    assert.equal(tf.memory().numTensors, n);
    batch.images.dispose();
    gan.dispose();
  });

  it('conditional SAGAN: different labels give different images from the same z', () => {
    const gan = sagan({ imageSize: 8, width: 8, latentDim: 8, numClasses: 3, attentionRes: 0, seed: 4 });
    const batch = randomBatch(4, 8, 3, 5, 3);
    const rng = new Rng(2);
    for (let s = 0; s < 2; s++) gan.trainStep(batch, { rng, step: s });
    const z = tf.tidy(() => tf.tile(tf.randomNormal([1, 8], 0, 1, 'float32', 9), [3, 1])) as tf.Tensor2D;
    const out = gan.generate(z, [0, 1, 2]);
    const d = tf.tidy(() => tf.max(tf.abs(tf.sub(tf.slice(out, 0, 1), tf.slice(out, 1, 1)))).dataSync()[0]);
    assert.ok(d > 1e-4, `class 0 and 1 images differ (max diff ${d})`);
    assert.throws(() => gan.generate(z), /class-conditional/);
    tf.dispose([z, out, batch.images]);
    gan.dispose();
  });

  it('conditional SAGAN: a one-hot classMix gives the labels\' images, a half/half mix lies between classes', () => {
    const gan = sagan({ imageSize: 8, width: 8, latentDim: 8, numClasses: 3, attentionRes: 0, seed: 4 });
    const batch = randomBatch(4, 8, 3, 5, 3);
    const rng = new Rng(2);
    for (let s = 0; s < 2; s++) gan.trainStep(batch, { rng, step: s });
    const z = tf.tidy(() => tf.tile(tf.randomNormal([1, 8], 0, 1, 'float32', 9), [3, 1])) as tf.Tensor2D;
    const byLabel = gan.generate(z, [0, 2, 1]);
    const oneHot = tf.tensor2d([1, 0, 0, 0, 0, 1, 0, 1, 0], [3, 3]);
    const byMix = gan.generate(z, undefined, { classMix: oneHot });
    const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
    assert.ok(maxDiff(byLabel, byMix) < 1e-5, 'one-hot mixes equal label lookups');
    const half = tf.tensor2d([0.5, 0, 0.5, 0.5, 0, 0.5, 0.5, 0, 0.5], [3, 3]);
    const between = gan.generate(z, undefined, { classMix: half });
    const mid = tf.slice(between, 0, 1);
    const [d0, d2, dBoth] = [maxDiff(mid, tf.slice(byLabel, 0, 1)), maxDiff(mid, tf.slice(byLabel, 1, 1)), maxDiff(tf.slice(byLabel, 0, 1), tf.slice(byLabel, 1, 1))];
    assert.ok(d0 > 1e-5 && d2 > 1e-5, `the mix differs from both classes (${d0}, ${d2})`);
    assert.ok(d0 < dBoth && d2 < dBoth, `and is closer to each than they are to each other (${d0}, ${d2} < ${dBoth})`);
    assert.throws(() => gan.generate(z, undefined, { classMix: tf.tensor2d([1, 0], [1, 2]) }), /classMix has shape \[1,2\], expected \[3, 3\]/);
    tf.dispose([z, byLabel, oneHot, byMix, half, between, batch.images]);
    gan.dispose();
  });

  it('DCGAN 16 px: shapes and a finite step', () => {
    const gan = dcgan({ imageSize: 16, width: 4, latentDim: 8, seed: 3 });
    const batch = randomBatch(2, 16, 3, 1);
    const m = gan.trainStep(batch, { rng: new Rng(1), step: 0 });
    assert.ok(Number.isFinite(m.dLoss) && Number.isFinite(m.gLoss));
    const s = gan.sample(2, 1);
    assert.deepEqual(s.shape, [2, 16, 16, 3]);
    tf.dispose([s, batch.images]);
    gan.dispose();
  });

  it('G-loss sharpness: finite, leaves every weight as it was, and is logged by a trainer monitor', async () => {
    const gan = sagan({ imageSize: 8, width: 8, latentDim: 8, attentionRes: 4, seed: 7 });
    const before = [...gan.stateVariables()].map(([, v]) => v.dataSync().slice());
    const lambda = gan.generatorSharpness({ batchSize: 2, iterations: 3 });
    assert.ok(Number.isFinite(lambda) && lambda !== 0, `λ = ${lambda}`);
    [...gan.stateVariables()].forEach(([k, v], i) => assert.deepEqual(v.dataSync(), before[i], k));
    const data = ImageDataset.fromBytes(new Uint8Array(4 * 8 * 8 * 3).fill(100), { height: 8, width: 8, channels: 3, range: '[-1,1]' });
    const { history } = await train(gan, data, {
      steps: 2, batchSize: 2, view: 'none', sampleEvery: 0,
      monitors: [{ every: 2, compute: () => ({ sharpness: gan.generatorSharpness({ batchSize: 2, iterations: 2 }) }) }],
    });
    assert.ok(Number.isNaN(history.metrics.sharpness[0]) && Number.isFinite(history.metrics.sharpness[1]));
    gan.dispose();
  });

  it('standing statistics: eval-mode samples then match batch-statistics samples; weights untouched', () => {
    const gan = dcgan({ imageSize: 8, width: 4, latentDim: 8, seed: 8 });
    const batch = randomBatch(4, 8, 3, 3);
    const rng = new Rng(1);
    for (let s = 0; s < 3; s++) gan.trainStep(batch, { rng, step: s });
    const z = tf.randomNormal([64, 8], 0, 1, 'float32', 3) as tf.Tensor2D;
    const gap = () => tf.tidy(() => tf.mean(tf.abs(tf.sub(gan.generate(z), gan.generate(z, undefined, { training: true })))).dataSync()[0]);
    const weights = gan.generator.params.trainable().map((v) => v.dataSync().slice());
    const before = gap();
    gan.standingStats({ passes: 16, batchSize: 64, seed: 4 });
    const after = gap();
    assert.ok(after < 0.5 * before, `eval vs batch-stat samples: ${before} → ${after}`);
    gan.generator.params.trainable().forEach((v, i) => assert.deepEqual(v.dataSync(), weights[i]));
    tf.dispose([z, batch.images]);
    gan.dispose();
  });

  it('rejects sizes that are not 4·2^k and bad attention resolutions', () => {
    assert.throws(() => sagan({ imageSize: 48 }), /imageSize must be/);
    assert.throws(() => sagan({ imageSize: 32, attentionRes: 32 }), /attentionRes/);
  });
});
