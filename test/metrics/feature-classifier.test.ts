import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import * as tf from '../../kernel-lib/src/tf';
import { fileIO } from '../../kernel-lib/src/models/io';
import { ImageDataset } from '../../kernel-lib/src/images/dataset';
import { Rng } from '../../kernel-lib/src/random';
import { featureClassifier, extractFeatures, fidScore, pretrainedFeatures } from '../../kernel-lib/src/metrics/generative';
import { train } from '../../kernel-lib/src/training';
import { useCpu } from '../models/helpers';

/** Two classes of 8×8 images: dark noise (0) and bright noise with a bar (1). */
function twoClasses(n: number, seed: number): ImageDataset {
  const rng = new Rng(seed), size = 8 * 8 * 3;
  const px = new Uint8Array(n * size), labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    for (let j = 0; j < size; j++) {
      const bar = labels[i] === 1 && Math.floor(j / 24) % 8 === 3;
      px[i * size + j] = labels[i] === 0 ? rng.int(120) : bar ? 255 : 100 + rng.int(156);
    }
  }
  return ImageDataset.fromBytes(px, { height: 8, width: 8, channels: 3, range: '[-1,1]' }, { labels, classNames: ['dark', 'bright'] });
}

describe('metrics: in-project feature classifier', function () {
  this.timeout(60000);
  before(useCpu);

  it('learns the classes; its features separate them (FID between classes ≫ within a class)', async () => {
    const data = twoClasses(48, 1);
    const fc = featureClassifier({ imageSize: 8, numClasses: 2, width: 4, dim: 8, learningRate: 1e-2, seed: 1 });
    const res = await train(fc, data, { epochs: 3, batchSize: 8, view: 'none', sampleEvery: 0, seed: 2 });
    assert.ok(res.history.metrics.loss.at(-1)! < res.history.metrics.loss[0]);
    const test = twoClasses(40, 9);
    const x = await test.toTensor();
    assert.ok(fc.accuracy(x, test.labels) > 0.9);
    const byClass = (c: number) => test.subset(Int32Array.from(test.labels.keys()).filter((i) => test.labels[i] === c));
    const f0 = await extractFeatures(byClass(0), fc.extractor), f1 = await extractFeatures(byClass(1), fc.extractor);
    assert.deepEqual(f0.shape, [20, 8]);
    const half = (m: typeof f0, k: number) => ({ a: m.toArray().slice(0, k), b: m.toArray().slice(k) });
    const within = fidScore(half(f0, 10).a, half(f0, 10).b, { onWarning: () => undefined }).fid;
    const between = fidScore(f0, f1, { onWarning: () => undefined }).fid;
    assert.ok(between > 5 * within, `between ${between}, within ${within}`);
    x.dispose();
    fc.dispose();
  });
});

describe('metrics: pretrained tfjs-layers extractor', () => {
  before(useCpu);

  it('loads a layers model saved through the file handler and extracts [B, d] features at its input size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synthlab-pretrained-'));
    try {
      const net = tfl.sequential({ layers: [tfl.layers.globalAveragePooling2d({ inputShape: [6, 6, 3] }), tfl.layers.dense({ units: 5, kernelInitializer: 'ones' })] });
      await net.save(fileIO(dir));
      const f = await pretrainedFeatures(dir, { inputRange: '[0,1]' });
      const imgs = tf.fill([2, 8, 8, 3], -1) as tf.Tensor4D; // [-1,1] black → 0 after mapping to [0,1]
      const out = f(imgs);
      assert.deepEqual(out.shape, [2, 5]);
      assert.ok(out.dataSync().every((v) => Math.abs(v) < 1e-6));
      tf.dispose([imgs, out]);
      f.dispose();
      net.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
