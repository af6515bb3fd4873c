import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../../kernel-lib/src/tf';
import { Rng } from '../../kernel-lib/src/random';
import { vae } from '../../kernel-lib/src/models/vae';
import { sagan } from '../../kernel-lib/src/models/sagan';
import { saveGenerator, loadGenerator, loadVae } from '../../kernel-lib/src/models/io';
import { attentionView } from '../../kernel-lib/src/models/attention-view';
import { maxAbsDiff, randomBatch, useCpu } from './helpers';

describe('models: VAE, save/load, attention view', () => {
  let dir: string;
  before(useCpu);
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'synthlab-models-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('VAE: shapes; the loss falls on a fixed batch; sample, reconstruct and interpolate', () => {
    const v = vae({ imageSize: 8, width: 4, latentDim: 4, seed: 1, learningRate: 3e-3 });
    const batch = randomBatch(4, 8, 3, 1);
    const rng = new Rng(2);
    const first = v.trainStep(batch, { rng, step: 0 });
    assert.ok(first.kl >= 0 && first.recon > 0);
    // BCE against uniform targets: about 0.5·log 4 + … per pixel; the loss must come down on one batch.
    let last = first;
    for (let s = 1; s < 25; s++) last = v.trainStep(batch, { rng, step: s });
    assert.ok(last.loss < first.loss, `loss ${first.loss} → ${last.loss}`);
    const s = v.sample(3, 1);
    assert.deepEqual(s.shape, [3, 8, 8, 3]);
    assert.ok(s.dataSync().every((x) => x >= -1 && x <= 1));
    const r = v.reconstruct(batch.images);
    assert.deepEqual(r.shape, [4, 8, 8, 3]);
    const a = tf.slice(batch.images, 0, 1), b = tf.slice(batch.images, 1, 1);
    const path = v.interpolate(a, b, 5);
    assert.deepEqual(path.shape, [5, 8, 8, 3]);
    // The ends of the path are the reconstructions of a and b.
    assert.ok(maxAbsDiff(tf.slice(path, 0, 1).dataSync(), tf.slice(r, 0, 1).dataSync()) < 1e-5);
    assert.ok(maxAbsDiff(tf.slice(path, 4, 1).dataSync(), tf.slice(r, 1, 1).dataSync()) < 1e-5);
    tf.dispose([s, r, a, b, path, batch.images]);
    v.dispose();
  });

  it('VAE with MSE and β: KL weight matters', () => {
    const mk = (beta: number) => vae({ imageSize: 8, width: 4, latentDim: 4, seed: 3, beta, reconstruction: 'mse' });
    const batch = randomBatch(2, 8, 3, 4);
    const a = mk(0), b = mk(10);
    const ma = a.trainStep(batch, { rng: new Rng(1), step: 0 }), mb = b.trainStep(batch, { rng: new Rng(1), step: 0 });
    assert.ok(Math.abs(ma.loss - ma.recon) < 1e-4, 'β = 0: loss = reconstruction');
    assert.ok(Math.abs(mb.loss - (mb.recon + 10 * mb.kl)) < 1e-3 * mb.loss);
    tf.dispose(batch.images);
    a.dispose(); b.dispose();
  });

  it('saves a generator as model.json + weights.bin and loads it back to the same samples', async () => {
    const gan = sagan({ imageSize: 8, width: 8, latentDim: 8, attentionRes: 4, numClasses: 2, seed: 2, emaDecay: 0.5 });
    const batch = randomBatch(2, 8, 3, 1, 2);
    gan.trainStep(batch, { rng: new Rng(1), step: 0 });
    await saveGenerator(gan, dir);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    assert.equal(json.format, 'synthlab-generator');
    assert.equal(json.weightsManifest[0].paths[0], 'weights.bin');
    assert.ok(existsSync(join(dir, 'weights.bin')));
    const g = await loadGenerator(dir);
    const a = gan.sample(3, 7, [0, 1, 0]), b = g.sample(3, 7, [0, 1, 0]);
    assert.equal(maxAbsDiff(a.dataSync(), b.dataSync()), 0);
    tf.dispose([a, b, batch.images]);
    await assert.rejects(loadVae(dir), /use loadGenerator/);
    await assert.rejects(loadGenerator(join(dir, 'nope')), /does not exist/);
    g.dispose();
    gan.dispose();
  });

  it('saves and loads a VAE', async () => {
    const v = vae({ imageSize: 8, width: 4, latentDim: 4, seed: 5 });
    await saveGenerator(v, dir);
    const w = await loadVae(dir);
    const a = v.sample(2, 3), b = w.sample(2, 3);
    assert.equal(maxAbsDiff(a.dataSync(), b.dataSync()), 0);
    tf.dispose([a, b]);
    v.dispose(); w.dispose();
  });

  it('attention view: one map per image over the pooled grid, summing to 1; a displayable grid', () => {
    const gan = sagan({ imageSize: 16, width: 8, latentDim: 8, attentionRes: 8, seed: 6 });
    const n0 = tf.memory().numTensors;
    const view = attentionView(gan, { count: 2, query: [3, 12] });
    assert.equal(tf.memory().numTensors, n0);
    assert.equal(view.side, 4);
    assert.equal(view.maps.length, 2);
    for (const m of view.maps) assert.ok(Math.abs(m.reduce((a, b) => a + b, 0) - 1) < 1e-5);
    assert.match(view.output.toString(), /image grid, 4 images of 16×16×3/);
    assert.throws(() => attentionView(gan, { query: [16, 0] }), /outside/);
    gan.dispose();
  });
});
