import assert from 'node:assert/strict';
import type { OnnxBackend } from '../../kernel-lib/src/backend/onnx';
import { compareBackends, tf, useOnnx, values } from './onnx-support';

type T4 = tf.Tensor4D;

/** A small conv net touching every onnx kernel family: conv, BN, leakyReLU, 1×1 conv, convT, pool, dense. */
function net(x: tf.Tensor, w1: tf.Tensor, b1: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, w2: tf.Tensor, wt: tf.Tensor, wd: tf.Tensor): tf.Scalar {
  // (No bias before batch norm: its true gradient is 0, and both backends give only rounding noise.)
  let h = tf.conv2d(x as T4, w1 as T4, 2, 'same'); // [2,8,8,16]
  const { mean, variance } = tf.moments(h, [0, 1, 2]);
  h = tf.leakyRelu(tf.batchNorm(h, mean, variance, beta, gamma, 1e-5), 0.2) as T4;
  h = tf.add(tf.conv2d(h, w2 as T4, 1, 'valid'), b1) as T4; // 1×1 → [2,8,8,12]
  h = tf.relu(tf.conv2dTranspose(h, wt as T4, [2, 16, 16, 6], 2, 'same'));
  h = tf.maxPool(h, 2, 2, 'valid'); // [2,8,8,6]
  const e = tf.matMul(tf.reshape(h, [2, -1]) as tf.Tensor2D, wd as tf.Tensor2D);
  return tf.mean(tf.square(e)) as tf.Scalar;
}
const SHAPES = [[2, 16, 16, 3], [4, 4, 3, 16], [12], [16], [16], [1, 1, 16, 12], [4, 4, 6, 12], [8 * 8 * 6, 5]];

describe('backend/onnx: a small conv net end to end', function () {
  before(() => useOnnx());

  it('has the same loss and the same gradients for every parameter on onnx and cpu', async () => {
    const calls = await compareBackends(net, SHAPES, { tol: 1e-4, label: 'net' });
    assert.ok(calls >= 10, `expected most of the net on onnxruntime, saw ${calls} calls`);
  });

  it('trains with Adam without leaking tensors or sessions', async () => {
    await tf.setBackend('onnx');
    const be = tf.backend() as OnnxBackend;
    const [x, ...ps] = SHAPES.map((s, i) => tf.tensor(values(s, `p${i}`), s));
    const vars = ps.map((p) => tf.variable(p));
    const opt = tf.train.adam(1e-2);
    const [w1, b1, gamma, beta, w2, wt, wd] = vars;
    const step = () => opt.minimize(() => net(x, w1, b1, gamma, beta, w2, wt, wd), true, vars)!;
    const first = step();
    const l0 = first.dataSync()[0];
    first.dispose();
    const tensors = tf.memory().numTensors;
    const sessions = be.sessionCount;
    let last = l0;
    for (let i = 0; i < 5; i++) {
      const l = step();
      last = l.dataSync()[0];
      l.dispose();
      assert.equal(tf.memory().numTensors, tensors, `step ${i + 2}: live tensors changed`);
    }
    assert.equal(be.sessionCount, sessions, 'every step after the first reuses the cached sessions');
    assert.ok(last < l0, `loss should fall: ${l0} → ${last}`);
    tf.dispose([x, ...ps, ...vars]);
    opt.dispose();
  });
});
