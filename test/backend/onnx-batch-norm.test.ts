import assert from 'node:assert/strict';
import { batchNormReluPool2x, batchNormTraining, stopGradient } from '../../kernel-lib/src/models/ops';
import { helperCalls } from '../../kernel-lib/src/backend/onnx/kernels/batch-norm-pool';
import { compareBackends, relErr, tf, useOnnx } from './onnx-support';

/**
 * The fused training-mode batch norm (one onnxruntime call each way) against tfjs ops on the cpu
 * backend. All three outputs feed the weighted loss, so the gradient paths through the returned
 * mean and variance are checked as well as the one through y.
 */
describe('backend/onnx: fused training-mode batch norm against the cpu backend', function () {
  before(() => useOnnx());

  const all = (x: tf.Tensor, s?: tf.Tensor, o?: tf.Tensor) => {
    const { y, mean, variance } = batchNormTraining(x, 1e-5, s as tf.Tensor1D | undefined, o as tf.Tensor1D | undefined);
    return [y, mean, variance];
  };

  for (const shape of [
    [3, 9, 13, 17],
    [1, 5, 7, 3],
    [300, 17],
    [2, 3, 4, 1],
  ]) {
    const c = shape[shape.length - 1];
    it(`x [${shape}] with scale and offset: values and gradients of y, mean and variance`, async () => {
      await compareBackends(all, [shape, [c], [c]], { tol: 1e-4 });
    });
  }

  it('without scale and offset (the normalised x̂ alone), batch 1', async () => {
    await compareBackends((x) => all(x), [[1, 6, 5, 11]], { tol: 1e-4 });
  });

  it('only y in the loss (zero gradients of the statistics), inputs far from zero', async () => {
    // Mean 50, deviation 0.01: float32 rounding of x alone moves x̂ by ~4e-4 on either backend,
    // while a one-pass E[x²] − μ² variance would be wrong by more than 100%.
    await compareBackends((x, s, o) => batchNormTraining(tf.add(tf.mul(x, 0.01), 50), 1e-3, s as tf.Tensor1D, o as tf.Tensor1D).y, [[4, 6, 5, 9], [9], [9]], {
      tol: 1e-2,
    });
  });

  it('runs as one kernel each way on onnx', async () => {
    await tf.setBackend('onnx');
    const [x, s, o] = [tf.randomNormal([2, 4, 4, 8]), tf.ones([8]), tf.zeros([8])];
    const info = await tf.profile(() => tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(batchNormTraining(a, 1e-5, b as tf.Tensor1D, c as tf.Tensor1D).y))([x, s, o]));
    const full = info.kernels.filter((k) => k.inputShapes.some((sh) => sh?.length === 4)).map((k) => k.name);
    assert.deepEqual(full.filter((n) => n.startsWith('Synthlab')), ['SynthlabBatchNormTrain', 'SynthlabBatchNormTrainGrad']);
    assert.ok(!full.includes('FusedBatchNorm') && !full.includes('Mean'), `composed kernels ran: ${full}`);
    tf.dispose([x, s, o, ...(info.result as tf.Tensor[])]);
  });

  it('equals tf.moments + tf.batchNorm', async () => {
    await tf.setBackend('onnx');
    const [x, s, o] = [tf.randomNormal([4, 5, 6, 7], 0, 1, 'float32', 1), tf.randomNormal([7], 0, 1, 'float32', 2), tf.randomNormal([7], 0, 1, 'float32', 3)];
    const { y } = batchNormTraining(x, 1e-5, s as tf.Tensor1D, o as tf.Tensor1D);
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    const want = tf.batchNorm(x, mean, variance, o as tf.Tensor1D, s as tf.Tensor1D, 1e-5);
    assert.ok(tf.max(tf.abs(tf.sub(y, want))).dataSync()[0] < 1e-5);
    tf.dispose([x, s, o, y, mean, variance, want]);
  });

  it('names the input at fault', () => {
    tf.tidy(() => assert.throws(() => batchNormTraining(tf.zeros([2, 3, 4]), 1e-5, tf.ones([3]) as tf.Tensor1D), /scale must have shape \[4\]/));
  });

  describe('batchNormReluPool2x (batch norm, relu and 2×2 max-pool in one kernel)', () => {
    const fused = (x: tf.Tensor, s: tf.Tensor, o: tf.Tensor) => {
      const { y, mean, variance } = batchNormReluPool2x(x as tf.Tensor4D, 1e-5, s as tf.Tensor1D, o as tf.Tensor1D);
      return [y, mean, variance];
    };
    for (const shape of [
      [3, 6, 8, 5],
      [1, 4, 4, 3],
      [2, 2, 2, 1],
    ]) {
      const c = shape[3];
      it(`x [${shape}], scales of both signs: values and gradients of y, mean and variance`, async () => {
        await compareBackends(fused, [shape, [c], [c]], { tol: 1e-4 });
      });
    }

    it('x with many equal values and zeros (ties: the first maximum wins), batch 1', async () => {
      // x rounded to half-steps in value; its gradient passes through unchanged.
      const ties = (x: tf.Tensor, s: tf.Tensor, o: tf.Tensor) => fused(tf.add(x, stopGradient(tf.sub(tf.div(tf.round(tf.mul(x, 2)), 2), x))), s, o);
      await compareBackends(ties, [[1, 6, 4, 5], [5], [5]], { tol: 1e-4 });
    });

    it('a zero scale (every window value equal) and only y in the loss', async () => {
      const zeroFirst = (x: tf.Tensor, s: tf.Tensor, o: tf.Tensor) =>
        batchNormReluPool2x(x as tf.Tensor4D, 1e-3, tf.mul(s, tf.tensor1d([0, 1, 1, 1])) as tf.Tensor1D, tf.abs(o) as tf.Tensor1D).y;
      await compareBackends(zeroFirst, [[2, 4, 6, 4], [4], [4]], { tol: 1e-4 });
    });

    it('runs as one kernel each way; the gradient without the forward\'s record recomputes it', async () => {
      await tf.setBackend('onnx');
      const [x, s, o] = [tf.randomNormal([2, 4, 6, 3], 0, 1, 'float32', 4), tf.randomNormal([3], 0, 1, 'float32', 5), tf.randomNormal([3], 0, 1, 'float32', 6)];
      const dy = tf.randomNormal([2, 2, 3, 3], 0, 1, 'float32', 7);
      const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(batchNormReluPool2x(a as tf.Tensor4D, 1e-5, b as tf.Tensor1D, c as tf.Tensor1D).y, dy));
      const info = await tf.profile(() => tf.grads(loss)([x, s, o]));
      const names = info.kernels.map((k) => k.name);
      assert.ok(names.includes('SynthlabBatchNormReluPool') && names.includes('SynthlabBatchNormReluPoolGrad'), `ran: ${names}`);
      assert.ok(!names.includes('MaxPool') && !names.includes('SynthlabBatchNormTrain'), `ran: ${names}`);
      const want = info.result as tf.Tensor[];
      const got = tf.tidy(() => {
        const { y, mean, variance } = batchNormReluPool2x(x as tf.Tensor4D, 1e-5, s as tf.Tensor1D, o as tf.Tensor1D);
        const copy = tf.add(y, 0); // new data: no recorded choices
        const inputs = { x, scale: s, offset: o, y: copy, mean, variance, dy, dMean: tf.zeros([3]), dVariance: tf.zeros([3]) };
        return tf.engine().runKernel('SynthlabBatchNormReluPoolGrad', inputs, { varianceEpsilon: 1e-5 }) as tf.Tensor[];
      });
      got.forEach((g, i) => assert.ok(relErr(want[i].dataSync(), g.dataSync()) < 1e-6, `output ${i}`));
      tf.dispose([x, s, o, dy, ...want, ...got]);
    });

    describe('with 2 onnxruntime threads (loops split over images with a helper thread)', () => {
      before(() => useOnnx(2));
      after(() => useOnnx(1));
      // ≥ 2^18 values: the split path. Batch 3 splits 1 + 2 images; batch 1 stays on one thread.
      for (const shape of [
        [3, 32, 32, 96],
        [2, 64, 64, 32],
        [1, 64, 64, 64],
      ]) {
        const c = shape[3];
        it(`x [${shape}], scales of both signs: values and gradients of y, mean and variance`, async () => {
          const before = helperCalls();
          await compareBackends(fused, [shape, [c], [c]], { tol: 1e-4 });
          // Each forward: sums + choices; the backward: sums + dx.
          const calls = helperCalls() - before;
          assert.ok(shape[0] > 1 ? calls >= 4 : calls === 0, `${calls} helper calls`);
        });
      }

      it('ties and a zero scale on the split path', async () => {
        const ties = (x: tf.Tensor, s: tf.Tensor, o: tf.Tensor) => {
          const xt = tf.add(x, stopGradient(tf.sub(tf.div(tf.round(tf.mul(x, 2)), 2), x)));
          return fused(xt, tf.mul(s, tf.tensor1d(Array.from({ length: 64 }, (_, i) => (i % 9 === 4 ? 0 : 1)))), o);
        };
        await compareBackends(ties, [[5, 32, 32, 64], [64], [64]], { tol: 1e-4 });
      });
    });

    it('names the input at fault', () => {
      tf.tidy(() => assert.throws(() => batchNormReluPool2x(tf.zeros([1, 3, 4, 2]), 1e-5, tf.ones([2]), tf.zeros([2])), /even height and width/));
    });
  });
});
