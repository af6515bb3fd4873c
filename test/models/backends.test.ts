import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { registerOnnxBackend } from '../../kernel-lib/src/backend/onnx';
import { Rng } from '../../kernel-lib/src/random';
import { sagan } from '../../kernel-lib/src/models/sagan';
import { vae } from '../../kernel-lib/src/models/vae';
import { EmbeddingNet } from '../../kernel-lib/src/facenet/model';
import { FaceNetStep } from '../../kernel-lib/src/facenet/step';
import type { Metrics, TrainStep } from '../../kernel-lib/src/training/types';
import type { ImageBatch } from '../../kernel-lib/src/images/types';
import { randomBatch } from './helpers';

/** Two training steps of a freshly built model on `backend`: metrics and final weights. */
async function twoSteps(backend: string, make: () => TrainStep<ImageBatch> & { dispose(): void }, classes = 0): Promise<{ metrics: Metrics[]; weights: Float32Array[] }> {
  await tf.setBackend(backend);
  const model = make();
  const batch = randomBatch(4, 8, 3, 1, classes);
  const rng = new Rng(2);
  const metrics = [model.trainStep(batch, { rng, step: 0 }), model.trainStep(batch, { rng, step: 1 })];
  const weights = [...model.stateVariables().values()].map((v) => v.dataSync() as Float32Array);
  batch.images.dispose();
  model.dispose();
  return { metrics, weights };
}

/** A FaceNet step that also frees its network. */
function facenet(): TrainStep<ImageBatch> & { dispose(): void } {
  const net = new EmbeddingNet({ imageSize: 8, depth: 2, width: 4, embeddingDim: 8, seed: 3 });
  const step = new FaceNetStep(net);
  return Object.assign(step, { dispose: () => { FaceNetStep.prototype.dispose.call(step); net.dispose(); } });
}

describe('models: the same training steps on the cpu and onnx backends', function () {
  this.timeout(120000);
  before(function () {
    if (!registerOnnxBackend({ threads: 1 }).ok) this.skip();
  });
  after(async () => { await tf.setBackend('cpu'); });

  const cases: [string, () => TrainStep<ImageBatch> & { dispose(): void }, number][] = [
    ['conditional SAGAN (SN, attention, CBN, projection)', () => sagan({ imageSize: 8, width: 8, latentDim: 8, attentionRes: 4, numClasses: 2, seed: 3, emaDecay: 0.9 }), 2],
    ['VAE', () => vae({ imageSize: 8, width: 4, latentDim: 4, seed: 3 }), 0],
    ['FaceNet embedding (fused batch norm, pool before relu)', facenet, 2],
  ];
  for (const [name, make, classes] of cases) {
    it(name, async () => {
      const cpu = await twoSteps('cpu', make, classes);
      const onnx = await twoSteps('onnx', make, classes);
      for (let s = 0; s < 2; s++) {
        for (const k of Object.keys(cpu.metrics[s])) {
          const a = cpu.metrics[s][k], b = onnx.metrics[s][k];
          assert.ok(Math.abs(a - b) <= 1e-3 * Math.max(1, Math.abs(a)), `step ${s} ${k}: cpu ${a}, onnx ${b}`);
        }
      }
      let worst = 0;
      cpu.weights.forEach((w, i) => w.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - onnx.weights[i][j])); }));
      assert.ok(worst < 1e-3, `largest weight difference after 2 steps: ${worst}`);
    });
  }
});
