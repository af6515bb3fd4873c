import assert from 'node:assert/strict';
import { compareBackends, tf, useOnnx } from './onnx-support';

/** Names of the kernels `f` runs on the active backend (forward and, through tf.grad, backward). */
async function kernelsRun(f: () => void): Promise<Set<string>> {
  return new Set((await tf.profile(f)).kernels.map((k) => k.name));
}

describe('backend/onnx: attention kernels against the cpu backend', () => {
  before(() => useOnnx());
  after(() => tf.setBackend('cpu'));

  it('softmax gradient over the last axis (odd shapes, batch 1, one row, a 1-wide axis)', async () => {
    for (const shape of [[3, 7, 300], [1, 5, 9], [2, 3, 4], [1, 11], [4, 1]]) {
      await compareBackends((a) => tf.softmax(tf.mul(a, 3)), [shape], { label: `softmax ${shape}` });
    }
  });

  it('the fused softmax gradient is the one that runs on onnx', async () => {
    await tf.setBackend('onnx');
    const x = tf.randomNormal([2, 5, 6]);
    const ran = await kernelsRun(() => tf.dispose(tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.softmax(a), tf.range(0, 6))))(x)));
    assert.ok(ran.has('SynthlabOnnxSoftmaxGrad'), `ran: ${[...ran]}`);
    x.dispose();
  });
});
