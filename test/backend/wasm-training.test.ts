/**
 * End to end: a small conv net's loss and gradients (conv2d, batch norm, leakyRelu, maxPool,
 * conv2dTranspose, avgPool, tanh, sigmoid, dropout, dense, softmax cross-entropy) and Adam/RMSProp
 * updates are the same on wasm (with Synthlab's kernels) as on the cpu backend.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { assertSameOnWasm, maxScaledDiff, normal, useWasmAndCpu } from './wasm-support';

const shapes = {
  // No conv bias before batch norm: its true gradient is 0, and Adam would turn float noise into ±lr steps.
  c1: [3, 3, 3, 4], gamma: [4], beta: [4],
  c2: [4, 4, 4, 6], t1: [4, 4, 4, 6], dense: [36, 5], bd: [5],
} as const;
type Name = keyof typeof shapes;
const names = Object.keys(shapes) as Name[];

function params(): tf.Tensor[] {
  return names.map((k, i) => {
    const n = normal([...shapes[k]], 100 + i);
    // Small weights keep activations in range; gamma starts near 1.
    return k === 'gamma' ? tf.add(1, tf.mul(0.1, tf.tensor(n.values, n.shape))) : tf.mul(0.3, tf.tensor(n.values, n.shape));
  });
}

function loss(x: tf.Tensor4D, labels: tf.Tensor2D, p: tf.Tensor[]): tf.Scalar {
  const w = Object.fromEntries(names.map((k, i) => [k, p[i]])) as Record<Name, tf.Tensor>;
  let h: tf.Tensor4D = tf.conv2d(x, w.c1 as tf.Tensor4D, 1, 'same');
  const { mean, variance } = tf.moments(h, [0, 1, 2]);
  h = tf.batchNorm(h, mean, variance, w.beta, w.gamma, 1e-3) as tf.Tensor4D;
  h = tf.maxPool(tf.leakyRelu(h, 0.2), 2, 2, 'same'); // [2, 6, 6, 4]
  h = tf.relu(tf.conv2d(h, w.c2 as tf.Tensor4D, 2, 'same')); // [2, 3, 3, 6]
  h = tf.tanh(tf.conv2dTranspose(h, w.t1 as tf.Tensor4D, [2, 6, 6, 4], 2, 'same'));
  const flat = tf.reshape(tf.avgPool(h, 2, 2, 'valid'), [2, 36]);
  const logits = tf.add(tf.matMul(tf.dropout(flat, 0.25, undefined, 7), w.dense), w.bd);
  const ce = tf.losses.softmaxCrossEntropy(labels, logits);
  return tf.add(ce, tf.mean(tf.sigmoid(logits)));
}

const x = normal([2, 12, 12, 3], 1);
const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([1, 3], 'int32'), 5).arraySync() as number[][]);
const inputs = () => ({ x: tf.tensor4d(x.values, x.shape as [number, number, number, number]), y: tf.tensor2d(labels) });

describe('backend/wasm trains a small conv net like cpu', function () {
  this.timeout(60_000);
  useWasmAndCpu();

  it('loss and every parameter gradient match', async () => {
    await assertSameOnWasm('conv net loss + grads', () => {
      const { x: xt, y } = inputs();
      const { value, grads } = tf.valueAndGrads((...p: tf.Tensor[]) => loss(xt, y, p))(params());
      return [value, ...grads];
    }, 2e-5);
  });

  for (const [label, make] of [['Adam', () => tf.train.adam(0.01)], ['RMSProp', () => tf.train.rmsprop(0.01)]] as const) {
    it(`two ${label} steps give the same weights`, async () => {
      await assertSameOnWasm(`${label} steps`, () => {
        const { x: xt, y } = inputs();
        const vars = params().map((p) => tf.variable(p));
        const opt = make();
        for (let step = 0; step < 2; step++) opt.minimize(() => loss(xt, y, vars));
        const out = vars.map((v) => v.clone());
        opt.dispose();
        tf.dispose(vars);
        return out;
      }, 1e-4);
    });
  }
});

describe('backend/wasm trains a tfjs-layers model like cpu', function () {
  this.timeout(60_000);
  useWasmAndCpu();

  it('one Adam step of a small conv model gives the same loss and weights', async () => {
    const tfl = await import('@tensorflow/tfjs-layers');
    const seeded = (seed: number) => tfl.initializers.glorotNormal({ seed });
    const step = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const model = tfl.sequential({
        layers: [
          // No bias before batch norm (its gradient is float noise that Adam would scale to ±lr).
          tfl.layers.conv2d({ inputShape: [12, 12, 3], filters: 4, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: seeded(1) }),
          tfl.layers.batchNormalization(),
          tfl.layers.leakyReLU({ alpha: 0.2 }),
          tfl.layers.maxPooling2d({ poolSize: 2 }),
          tfl.layers.conv2dTranspose({ filters: 3, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: seeded(2) }),
          tfl.layers.flatten(),
          tfl.layers.dropout({ rate: 0.2, seed: 3 }),
          tfl.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: seeded(4) }),
        ],
      });
      const optimizer = tf.train.adam(0.01);
      model.compile({ optimizer, loss: 'categoricalCrossentropy' });
      const { x: xt, y } = inputs();
      const lossValue = await model.trainOnBatch(xt, y);
      const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
      model.dispose();
      optimizer.dispose();
      tf.dispose([xt, y]);
      assert.equal(tf.memory().numTensors, before, `${backend}: tensors leaked`);
      return [Float32Array.of(lossValue as number), ...weights];
    };
    const cpu = await step('cpu');
    const wasm = await step('wasm');
    const diff = maxScaledDiff(cpu, wasm);
    assert.ok(diff <= 1e-4, `layers model: wasm differs from cpu by ${diff.toExponential(2)} (scaled)`);
  });
});
