import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../../kernel-lib/src/tf';
import { ImageDataset } from '../../kernel-lib/src/images/dataset';
import { Rng } from '../../kernel-lib/src/random';
import { sagan } from '../../kernel-lib/src/models/sagan';
import { vae } from '../../kernel-lib/src/models/vae';
import { train, DivergenceError, listCheckpoints, type TrainStep } from '../../kernel-lib/src/training';
import type { ImageBatch } from '../../kernel-lib/src/images/types';
import { registerOnnxBackend } from '../../kernel-lib/src/backend/onnx';
import { useCpu } from '../models/helpers';

function randomImages(n: number, size: number, seed: number): ImageDataset {
  const rng = new Rng(seed);
  const px = Uint8Array.from({ length: n * size * size * 3 }, () => rng.int(256));
  return ImageDataset.fromBytes(px, { height: size, width: size, channels: 3, range: '[-1,1]' });
}

const tiny = () => sagan({ imageSize: 8, width: 8, latentDim: 8, attentionRes: 4, seed: 5, emaDecay: 0.9 });

function weights(model: TrainStep<ImageBatch>): Map<string, Float32Array> {
  return new Map([...model.stateVariables()].map(([k, v]) => [k, v.dataSync() as Float32Array]));
}

describe('training: the generic trainer', function () {
  this.timeout(120000);
  let dir: string;
  before(useCpu);
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'synthlab-train-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // On onnx the fused Adam kernel updates the weights and slots (cpu composes tfjs ops).
  for (const backend of ['cpu', 'onnx']) it(`resuming from a checkpoint gives exactly the uninterrupted run (weights, optimizer, RNG, history) on ${backend}`, async () => {
    assert.ok(backend === 'cpu' || registerOnnxBackend().ok, 'onnx backend did not register');
    await tf.setBackend(backend);
    const data = randomImages(8, 8, 1);
    const opts = { batchSize: 2, seed: 9, view: 'none' as const, sampleEvery: 0 };
    const straight = tiny();
    const a = await train(straight, data, { ...opts, steps: 6 });
    const first = tiny();
    await train(first, data, { ...opts, steps: 3, checkpointDir: dir, checkpointEvery: 3 });
    first.dispose();
    const resumed = tiny(); // fresh weights: everything must come from the checkpoint
    const b = await train(resumed, data, { ...opts, steps: 6, checkpointDir: dir, resume: true });
    const wa = weights(straight), wb = weights(resumed);
    assert.equal(wa.size, wb.size);
    for (const [k, v] of wa) assert.deepEqual(wb.get(k), v, `state "${k}" equal`);
    assert.deepEqual(b.history, a.history);
    assert.equal(b.steps, 6);
    straight.dispose();
    resumed.dispose();
    await tf.setBackend('cpu');
  });

  it('keeps the K latest checkpoints, each complete; no temporary folders stay behind', async () => {
    const model = tiny();
    const seen: number[] = [];
    await train(model, randomImages(4, 8, 2), {
      steps: 5, batchSize: 2, checkpointDir: dir, checkpointEvery: 1, keepCheckpoints: 2, view: 'none', sampleEvery: 0,
      callbacks: { onCheckpoint: (_p, s) => seen.push(s) },
    });
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    const left = listCheckpoints(dir);
    assert.deepEqual(left.map((p) => p.slice(-14)), ['ckpt-000000004', 'ckpt-000000005']);
    for (const p of left) assert.ok(existsSync(join(p, 'weights.bin')) && existsSync(join(p, 'checkpoint.json')));
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.')), []);
    model.dispose();
  });

  it('the number of live tensors is the same after every epoch (GAN with EMA, and VAE)', async () => {
    for (const model of [tiny(), vae({ imageSize: 8, width: 4, latentDim: 4, seed: 1 })] as TrainStep<ImageBatch>[]) {
      const counts: number[] = [];
      await train(model, randomImages(4, 8, 3), {
        epochs: 3, batchSize: 2, view: 'none', sampleEvery: 1, checkpointDir: dir,
        callbacks: { onEpochEnd: () => { counts.push(tf.memory().numTensors); } },
      });
      assert.equal(counts.length, 3);
      assert.ok(counts.every((c) => c === counts[0]), `tensors per epoch: ${counts.join(', ')}`);
      (model as unknown as { dispose(): void }).dispose();
    }
  });

  it('sample grids come from one fixed latent batch, kept as frames', async () => {
    const model = tiny();
    const res = await train(model, randomImages(4, 8, 4), { steps: 4, batchSize: 2, sampleEvery: 2, sampleCount: 3, view: 'none' });
    assert.deepEqual(res.frames.map((f) => f.step), [0, 2, 4]);
    assert.equal(res.frames[0].images.length, 3);
    // Same latents each time: once G moved, frames differ, but a re-draw now equals the last frame.
    const again = model.preview!(3, Rng.from(0).derive('preview').seedInt());
    assert.deepEqual(Array.from(again.dataSync().slice(0, 10)), Array.from(res.frames[2].images[0].data.slice(0, 10)));
    again.dispose();
    model.dispose();
  });

  it('a NaN loss stops the run with a clear message and keeps the last good checkpoint', async () => {
    const w = tf.variable(tf.scalar(1), true, `nan_test_${Date.now()}`);
    const model: TrainStep<ImageBatch> = {
      trainStep: (_b, { step }) => ({ loss: step === 3 ? NaN : 1 / (step + 1) }),
      stateVariables: () => new Map([['w', w]]),
      stateJson: () => ({}),
      loadStateJson: () => undefined,
    };
    await assert.rejects(
      train(model, randomImages(4, 8, 5), { steps: 10, batchSize: 2, checkpointDir: dir, checkpointEvery: 2, view: 'none' }),
      (e: unknown) => e instanceof DivergenceError && /step 3 gave loss = NaN/.test(e.message) && /ckpt-000000002/.test(e.message) && e.history.steps.length === 3,
    );
    assert.deepEqual(listCheckpoints(dir).map((p) => p.slice(-1)), ['2']);
    w.dispose();
  });
});
