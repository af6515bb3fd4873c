import assert from 'node:assert/strict';
import type { OnnxBackend } from '../../kernel-lib/src/backend/onnx';
import { SCALED_ADD, SCALED_ADD_GRAD } from '../../kernel-lib/src/backend/fused-kernels';
import { attention, scaledAdd } from '../../kernel-lib/src/models/ops';
import { compareBackends, tf, useOnnx } from './onnx-support';

/** Names of the kernels `f` runs on the active backend (forward and, through tf.grad, backward). */
async function kernelsRun(f: () => void): Promise<Set<string>> {
  return new Set((await tf.profile(f)).kernels.map((k) => k.name));
}

describe('backend/onnx: attention kernels (softmax gradient, split/slice/concat, scaledAdd) against the cpu backend', () => {
  before(() => useOnnx());
  after(() => tf.setBackend('cpu'));

  it('softmax gradient over the last axis (odd shapes, batch 1, one row, a 1-wide axis)', async () => {
    for (const shape of [[3, 7, 300], [1, 5, 9], [2, 3, 4], [1, 11], [4, 1]]) {
      await compareBackends((a) => tf.softmax(tf.mul(a, 3)), [shape], { label: `softmax ${shape}` });
    }
  });

  it('split, slice and concat across an inner axis (forward and gradients; odd sizes, batch 1)', async () => {
    const split = (x: tf.Tensor) => tf.split(x, [3, 1, 5], 3);
    await compareBackends(split, [[3, 9, 17, 9]], { label: 'split', expectKinds: ['Slice', 'Concat'] });
    await compareBackends(split, [[1, 31, 17, 9]], { label: 'split batch 1', expectKinds: ['Slice'] });
    await compareBackends((x) => tf.split(x, 3, 1), [[5, 27, 41]], { label: 'split middle axis', expectKinds: ['Slice'] });
    await compareBackends((x) => tf.slice(x, [1, 2, 0, 3], [2, -1, 5, 4]), [[3, 19, 13, 9]], { label: 'slice', expectKinds: ['Slice'] });
    await compareBackends((a, b) => tf.concat([a, b, a], 3), [[3, 11, 13, 7], [3, 11, 13, 2]], { label: 'concat', expectKinds: ['Concat'] });
  });

  it('leading-axis and small slices, splits and concats stay on the cpu kernels', async () => {
    const leading = (x: tf.Tensor) => [...tf.split(x, 2), tf.slice(x, [1], [2]), tf.concat([x, x])];
    const small = (x: tf.Tensor) => [...tf.split(x, [1, 2], 2), tf.concat([x, x], 1)];
    await compareBackends(leading, [[6, 40, 41]], { label: 'leading' });
    await compareBackends(small, [[2, 3, 3]], { label: 'small' });
    await tf.setBackend('onnx');
    const be = tf.backend() as OnnxBackend;
    be.profile = new Map();
    const [a, b] = [tf.zeros([6, 40, 41]), tf.zeros([2, 3, 3])];
    tf.dispose([...leading(a), ...small(b), a, b]);
    const kinds = [...be.profile.keys()];
    be.profile = null;
    assert.deepEqual(kinds, []);
  });

  it('scaledAdd (x + γ·o): values and gradients of x, γ and o, large and small, γ of shape [] and [1]', async () => {
    for (const [shape, g] of [[[3, 9, 17, 9], []], [[1, 13, 11, 29], [1]], [[2, 3, 5], []], [[1, 4], [1]]] as number[][][]) {
      await compareBackends((x, gamma, o) => scaledAdd(x, gamma, o), [shape, g, shape], { label: `scaledAdd ${shape}` });
    }
    await tf.setBackend('onnx');
    const [x, gamma] = [tf.randomNormal([2, 5, 6]), tf.scalar(0.5)];
    const ran = await kernelsRun(() => tf.dispose(tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(scaledAdd(a, b, a)))([x, gamma])));
    assert.ok(ran.has(SCALED_ADD) && ran.has(SCALED_ADD_GRAD), `ran: ${[...ran]}`);
    tf.dispose([x, gamma]);
  });

  it('attention softmax(q kᵀ) v: values and gradients of q, k, v (and through β); batch 1, N ≠ M, odd sizes', async () => {
    const cases = [[[1, 7, 3], [1, 5, 3], [1, 5, 4]], [[3, 9, 5], [3, 4, 5], [3, 4, 7]], [[2, 64, 8], [2, 16, 8], [2, 16, 33]], [[1, 1, 2], [1, 3, 2], [1, 3, 1]]];
    for (const shapes of cases) {
      const kinds = ['Attention', 'AttentionGrad'];
      const [y, both] = [(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => attention(q as tf.Tensor3D, k as tf.Tensor3D, v as tf.Tensor3D).y, (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => {
        const r = attention(q as tf.Tensor3D, k as tf.Tensor3D, v as tf.Tensor3D, true);
        return [r.y, r.beta!];
      }];
      await compareBackends(y, shapes, { label: `attention ${JSON.stringify(shapes)}`, expectKinds: kinds });
      await compareBackends(both, shapes, { label: `attention with β ${JSON.stringify(shapes)}`, expectKinds: kinds });
      // β alone feeds the loss (v through a side path: on cpu β does not depend on it).
      const betaOnly = (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => [attention(q as tf.Tensor3D, k as tf.Tensor3D, v as tf.Tensor3D, true).beta!, tf.neg(v)];
      await compareBackends(betaOnly, shapes, { label: `attention β only ${JSON.stringify(shapes)}`, expectKinds: kinds });
    }
    assert.throws(() => tf.tidy(() => attention(tf.zeros([2, 3, 4]), tf.zeros([2, 5, 3]), tf.zeros([2, 5, 1])).y), /k must be \[2, M, 4\]/);
    assert.throws(() => tf.tidy(() => attention(tf.zeros([2, 3, 4]), tf.zeros([2, 5, 4]), tf.zeros([2, 6, 1])).y), /v must be \[2, 5, e\]/);
  });

  it('the fused softmax gradient is the one that runs on onnx', async () => {
    await tf.setBackend('onnx');
    const x = tf.randomNormal([2, 5, 6]);
    const ran = await kernelsRun(() => tf.dispose(tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.softmax(a), tf.range(0, 6))))(x)));
    assert.ok(ran.has('SynthlabOnnxSoftmaxGrad'), `ran: ${[...ran]}`);
    x.dispose();
  });
});
