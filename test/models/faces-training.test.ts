import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { proceduralFaces } from '../../kernel-lib/src/faces';
import { sagan } from '../../kernel-lib/src/models/sagan';
import { latents } from '../../kernel-lib/src/models/gan';
import { Rng } from '../../kernel-lib/src/random';
import { train } from '../../kernel-lib/src/training';
import { extractFeatures, fidScore, pixelFeatures } from '../../kernel-lib/src/metrics/generative';
import { registerOnnxBackend } from '../../kernel-lib/src/backend/onnx';

describe('models: SAGAN on procedural faces (32 px)', function () {
  this.timeout(600000);
  // tfjs's cpu backend takes ~1 s per Conv2DBackpropFilter call here (minutes per step at 32 px);
  // the onnx backend (the one init() picks on this machine) gives the same steps (backends.test.ts).
  before(async function () {
    if (!registerOnnxBackend({ threads: 1 }).ok) this.skip();
    await tf.setBackend('onnx');
  });
  after(async () => { await tf.setBackend('cpu'); });

  it('D and G losses stay finite and the samples\' FID improves from step 0', async () => {
    const faces = proceduralFaces({ identities: 8, imagesPerIdentity: 16, size: 32, storage: 'memory', seed: 1, range: '[-1,1]' });
    // Paper settings except the learning rates, raised (G 1e-3, D 2e-3) so that 40 steps show progress.
    const gan = sagan({ imageSize: 32, width: 8, latentDim: 32, attentionRes: 16, seed: 1, lrG: 1e-3, lrD: 2e-3 });
    const features = pixelFeatures(4);
    const real = await extractFeatures(faces, features);
    const fid = async () => {
      // Batch statistics in G's batch norm: running averages lag behind a G moving this fast.
      const z = latents(128, 32, new Rng(99));
      const fake = gan.generate(z, undefined, { training: true });
      z.dispose();
      const f = await extractFeatures(fake, features);
      fake.dispose();
      return fidScore(real, f).fid;
    };
    const before = await fid();
    const t = performance.now();
    const { history } = await train(gan, faces, { steps: 40, batchSize: 16, seed: 2, view: 'none', sampleEvery: 0 });
    const after = await fid();
    console.log(`      FID (4×4 pixel features) ${before.toFixed(2)} → ${after.toFixed(2)} in ${history.steps.length} steps, ${((performance.now() - t) / 1000).toFixed(1)} s`);
    for (const k of ['dLoss', 'gLoss']) assert.ok(history.metrics[k].every(Number.isFinite), `${k} finite`);
    assert.ok(after < 0.8 * before, `FID ${before} → ${after}`);
    gan.dispose();
  });
});
