import assert from 'node:assert/strict';
import { conv2dBias, conv2dTransposeBias, type ConvActivation } from '../../kernel-lib/src/models/conv-ops';
import { Conv2d, ConvTranspose2d } from '../../kernel-lib/src/models/layers';
import { ParamSet } from '../../kernel-lib/src/models/params';
import { Rng } from '../../kernel-lib/src/random';
import { compareBackends, relErr, tf, useOnnx, values } from './onnx-support';

type T4 = tf.Tensor4D;
type S4 = [number, number, number, number];
type Pad = 'same' | 'valid';

describe('models/conv-ops: conv (+ transposed) with bias and activation on onnx against the cpu backend', function () {
  before(() => useOnnx());

  const activations: ConvActivation[] = ['linear', 'relu', 'leakyrelu'];
  // [x shape, filter shape (HWIO), stride, pad]: NCHWc channels, few channels, batch 1, odd sizes, 1×1.
  const convCases: [S4, S4, number, Pad][] = [
    [[2, 8, 8, 3], [4, 4, 3, 16], 2, 'same'],
    [[1, 9, 7, 16], [3, 3, 16, 32], 1, 'same'],
    [[2, 7, 9, 5], [3, 2, 5, 6], 2, 'valid'],
    [[1, 5, 5, 16], [1, 1, 16, 8], 1, 'valid'],
  ];
  for (const [xs, ws, s, pad] of convCases) {
    for (const act of activations) {
      it(`conv2dBias x[${xs}] w[${ws}] s${s} ${pad} ${act}: value, dx, dW, dBias`, async () => {
        const calls = await compareBackends((x, w, b) => conv2dBias(x as T4, w as T4, b as tf.Tensor1D, s, pad, act, 0.2), [xs, ws, [ws[3]]], {
          label: `conv ${act}`,
          expectKinds: act === 'linear' ? [] : ['BiasActivationGrad'],
        });
        assert.ok(calls >= 3, `expected the conv and its gradients on onnxruntime, saw ${calls} calls`);
      });
    }
  }

  // [x shape, filter shape [k, k, out, in], output shape, stride, pad]: the GANs' 4×4 s2 up-sampling
  // (phases), to 3 channels (ConvTranspose), stride 1 (flipped), 1×1 (Gemm), batch 1.
  const transposeCases: [S4, S4, S4, number, Pad, string][] = [
    [[2, 4, 4, 32], [4, 4, 16, 32], [2, 8, 8, 16], 2, 'same', 'phases'],
    [[1, 4, 4, 16], [4, 4, 3, 16], [1, 8, 8, 3], 2, 'same', 'convTranspose'],
    [[2, 5, 6, 16], [3, 3, 32, 16], [2, 5, 6, 32], 1, 'same', 'flipped'],
    [[1, 5, 5, 8], [1, 1, 16, 8], [1, 5, 5, 16], 1, 'valid', 'gemm'],
    [[2, 3, 4, 5], [3, 3, 4, 5], [2, 7, 9, 4], 2, 'valid', 'convTranspose'],
  ];
  for (const [xs, ws, out, s, pad, form] of transposeCases) {
    for (const act of activations) {
      it(`conv2dTransposeBias x[${xs}] w[${ws}] → [${out}] s${s} ${pad} ${act}: value, dx, dW, dBias`, async () => {
        await compareBackends((x, w, b) => conv2dTransposeBias(x as T4, w as T4, b as tf.Tensor1D, out, s, pad, act, 0.2), [xs, ws, [ws[2]]], {
          label: `convT ${act}`,
          expectKinds: [`Conv2DTransposeBias.${form}`],
        });
      });
    }
  }

  it('leakyrelu with α ≤ 0 and a bias of the wrong size are refused', () => {
    const [x, w] = [tf.zeros([1, 4, 4, 3]) as T4, tf.zeros([3, 3, 3, 4]) as T4];
    assert.throws(() => conv2dBias(x, w, tf.zeros([4]), 1, 'same', 'leakyrelu', 0), /leakyreluAlpha/);
    assert.throws(() => conv2dBias(x, w, tf.zeros([3]), 1, 'same'), /bias must have shape \[4\]/);
  });

  it("Synthlab's Conv2d (bias, leakyRelu / relu) and ConvTranspose2d layers: same loss and parameter gradients on onnx and cpu", async () => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const p = new ParamSet('convbias', new Rng('layers'));
      const [down, up, mid] = [new Conv2d(p, 'down', 3, 16, 4, 2), new ConvTranspose2d(p, 'up', 16, 16, 4), new Conv2d(p, 'mid', 16, 5, 3)];
      const x = tf.tensor4d(values([2, 8, 8, 3], 'layers-x'), [2, 8, 8, 3]);
      const ctx = { training: true, updateStats: false };
      const loss = () => {
        const h = mid.apply(up.apply(down.apply(x, ctx, 'leakyrelu', 0.2), ctx), ctx, 'relu');
        return tf.sum(tf.mul(h, tf.tensor(values(h.shape, 'layers-w'), h.shape))) as tf.Scalar;
      };
      const { value, grads } = tf.variableGrads(loss, p.trainable());
      const out = { loss: value.dataSync()[0], grads: p.trainable().map((v) => grads[v.name].dataSync() as Float32Array) };
      tf.dispose([value, x, ...Object.values(grads)]);
      p.dispose();
      return out;
    };
    const [cpu, onnx] = [await run('cpu'), await run('onnx')];
    assert.ok(Math.abs(cpu.loss - onnx.loss) <= 1e-5 * Math.max(1, Math.abs(cpu.loss)), `loss ${cpu.loss} vs ${onnx.loss}`);
    assert.equal(onnx.grads.length, 6);
    cpu.grads.forEach((g, i) => assert.ok(relErr(g, onnx.grads[i]) <= 1e-5, `gradient of parameter ${i} differs by ${relErr(g, onnx.grads[i])}`));
  });
});
