import assert from 'node:assert/strict';
import { BCE_WITH_LOGITS, BCE_WITH_LOGITS_GRAD } from '../../kernel-lib/src/backend/fused-kernels';
import { bceWithLogits } from '../../kernel-lib/src/models/ops';
import { compareBackends, tf, useOnnx } from './onnx-support';

describe('backend/onnx: fused BCE with logits against the composition on the cpu backend', () => {
  before(() => useOnnx());
  after(() => tf.setBackend('cpu'));

  it('values and gradients in logits and targets (odd shapes, batch 1, large logits)', async () => {
    // Targets in [0, 1]; logits scaled so some are large (the stable form must not overflow).
    const f = (l: tf.Tensor, t: tf.Tensor) => bceWithLogits(tf.mul(l, 8), tf.sigmoid(t));
    for (const shape of [[3, 9, 17, 9], [1, 32, 32, 3], [2, 3, 5], [1, 1]]) {
      await compareBackends(f, [shape, shape], { label: `bce ${shape}` });
    }
  });

  it('runs as one kernel each way on onnx', async () => {
    await tf.setBackend('onnx');
    const [l, t] = [tf.randomNormal([4, 6, 6, 3]), tf.randomUniform([4, 6, 6, 3])];
    const info = await tf.profile(() => tf.dispose(tf.grad((a: tf.Tensor) => tf.sum(bceWithLogits(a, t)))(l)));
    const ran = new Set(info.kernels.map((k) => k.name));
    assert.ok(ran.has(BCE_WITH_LOGITS) && ran.has(BCE_WITH_LOGITS_GRAD), `ran: ${[...ran]}`);
    assert.ok(!ran.has('Softplus'), 'the composition ran too');
    tf.dispose([l, t]);
  });
});
