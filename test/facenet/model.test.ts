import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { Rng } from '../../kernel-lib/src/random';
import { EmbeddingNet } from '../../kernel-lib/src/facenet/model';
import { FaceNetStep } from '../../kernel-lib/src/facenet/step';
import { PkSampler } from '../../kernel-lib/src/facenet/sampler';

/** Tiny labelled images: each identity is a fixed random pattern; each image adds noise. */
function toyFaces(identities: number, perIdentity: number, size: number, seed: number): { images: Float32Array; labels: Int32Array } {
  const rng = new Rng(seed);
  const px = size * size * 3;
  const images = new Float32Array(identities * perIdentity * px);
  const labels = new Int32Array(identities * perIdentity);
  for (let id = 0; id < identities; id++) {
    const base = rng.fillNormal(new Float32Array(px), 0, 0.6);
    for (let k = 0; k < perIdentity; k++) {
      const i = id * perIdentity + k;
      labels[i] = id;
      for (let j = 0; j < px; j++) images[i * px + j] = Math.tanh(base[j] + rng.normal(0, 0.4));
    }
  }
  return { images, labels };
}

describe('facenet/EmbeddingNet + FaceNetStep', () => {
  before(async () => { await tf.setBackend('cpu'); });

  it('embeds to unit vectors and refuses the wrong input shape', () => {
    const net = new EmbeddingNet({ imageSize: 8, channels: 3, depth: 2, width: 4, embeddingDim: 8, seed: 1 });
    const x = tf.randomNormal([3, 8, 8, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const e = net.apply(x);
    assert.deepEqual(e.shape, [3, 8]);
    const norms = tf.norm(e, 'euclidean', 1).dataSync();
    for (const n of norms) assert.ok(Math.abs(n - 1) < 1e-5);
    assert.throws(() => net.apply(tf.zeros([1, 16, 16, 3]) as tf.Tensor4D), /expected images \[B, 8, 8, 3\], got \[1, 16, 16, 3\]/);
    assert.throws(() => new EmbeddingNet({ imageSize: 8, depth: 4 }), /too small for 4 pooling blocks/);
    tf.dispose([x, e]);
    net.dispose();
  });

  it('learns: held-out triplet loss falls and accuracy rises; same seed, same weights; no leaks', () => {
    const size = 8;
    const data = toyFaces(8, 6, size, 3);
    const all = tf.tensor4d(data.images, [data.labels.length, size, size, 3]);
    const run = (seed: number) => {
      const net = new EmbeddingNet({ imageSize: size, channels: 3, depth: 2, width: 8, embeddingDim: 16, seed });
      const step = new FaceNetStep(net, { learningRate: 3e-3 });
      const sampler = new PkSampler(data.labels, { P: 4, K: 3, seed });
      const evalBatch = { images: all, labels: data.labels, indices: new Int32Array(0) };
      const before = step.evaluate(evalBatch);
      const tensorsBefore = tf.memory().numTensors;
      for (let i = 0; i < 40; i++) {
        const idx = sampler.batch(Math.floor(i / sampler.batchesPerEpoch), i % sampler.batchesPerEpoch);
        const images = tf.tidy(() => tf.gather(all, tf.tensor1d(idx, 'int32')) as tf.Tensor4D);
        step.trainStep({ images, labels: Int32Array.from(idx, (j) => data.labels[j]), indices: idx });
        images.dispose();
      }
      const tensorsAfter = tf.memory().numTensors;
      const after = step.evaluate(evalBatch);
      const weights = net.params.trainable()[0].dataSync().slice();
      step.dispose(); net.dispose();
      return { before, after, weights, leaked: tensorsAfter - tensorsBefore };
    };
    const a = run(1);
    assert.ok(a.after.loss < 0.7 * a.before.loss, `held-out loss ${a.before.loss} → ${a.after.loss}`);
    assert.ok(a.after.tripletAccuracy > a.before.tripletAccuracy, `triplet accuracy ${a.before.tripletAccuracy} → ${a.after.tripletAccuracy}`);
    assert.equal(a.leaked, 0, 'training steps must not leak tensors');
    assert.deepEqual(run(1).weights, a.weights, 'one seed reproduces the run exactly');
    all.dispose();
  });
});
