import assert from 'node:assert/strict';
import { compareBackends, tf, useOnnx } from './onnx-support';

type Pad = 'same' | 'valid';
type T4 = tf.Tensor4D;
type S4 = [number, number, number, number];

describe('backend/onnx: convolutions against the cpu backend', function () {
  before(() => useOnnx());

  // [x shape, filter shape, stride, pad]: strides 1/2/3, same/valid, odd sizes, batch 1, 1×1.
  const cases: [number[], number[], number, Pad][] = [
    [[2, 9, 9, 3], [3, 3, 3, 4], 1, 'same'],
    [[2, 9, 9, 3], [3, 3, 3, 4], 1, 'valid'],
    [[2, 8, 8, 5], [4, 4, 5, 6], 2, 'same'],
    [[1, 11, 7, 4], [3, 3, 4, 5], 2, 'valid'],
    [[2, 10, 13, 3], [3, 2, 3, 4], 3, 'same'],
    [[1, 7, 9, 3], [3, 2, 3, 5], 3, 'valid'],
    [[3, 6, 5, 4], [1, 1, 4, 6], 1, 'valid'],
    [[2, 5, 5, 6], [1, 1, 6, 3], 2, 'same'],
    [[1, 16, 16, 8], [4, 4, 8, 16], 2, 'same'],
    // Stride 1: dW by a Gemm per filter tap instead of the dilated conv.
    [[2, 9, 9, 16], [3, 3, 16, 8], 1, 'same'],
    [[1, 8, 7, 20], [3, 2, 20, 6], 1, 'valid'],
  ];

  for (const [xs, ws, s, pad] of cases) {
    it(`conv2d x[${xs}] w[${ws}] stride ${s} ${pad}: value, dx, dW`, async () => {
      const calls = await compareBackends((x, w) => tf.conv2d(x as T4, w as T4, s, pad), [xs, ws], { label: 'conv2d' });
      assert.ok(calls >= 3, `expected Conv2D and both gradients on onnxruntime, saw ${calls} calls`);
    });

    it(`conv2dTranspose (Conv2DBackpropInput) dy from x[${xs}] w[${ws}] stride ${s} ${pad}: value and gradients`, async () => {
      const y = tf.conv2d(tf.zeros(xs as S4) as T4, tf.zeros(ws as S4) as T4, s, pad);
      const dyShape = y.shape;
      y.dispose();
      await compareBackends((dy, w) => tf.conv2dTranspose(dy as T4, w as T4, xs as S4, s, pad), [dyShape, ws], {
        label: 'conv2dTranspose',
      });
    });
  }

  it('conv2d with dilation 2 (forward; tfjs has no dilated-conv gradient)', async () => {
    await compareBackends((x, w) => tf.conv2d(x as T4, w as T4, 1, 'same', 'NHWC', 2), [[2, 9, 9, 3], [3, 3, 3, 4]], { grad: false });
  });

  it('conv2d with explicit padding', async () => {
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [1, 2], [2, 0], [0, 0]];
    await compareBackends((x, w) => tf.conv2d(x as T4, w as T4, 2, pad), [[2, 8, 9, 3], [3, 3, 3, 4]]);
  });

  for (const activation of ['linear', 'relu', 'leakyrelu', 'sigmoid', 'elu', 'relu6'] as const) {
    it(`fused conv2d + bias + ${activation}: value and gradients`, async () => {
      await compareBackends(
        (x, w, b) => tf.fused.conv2d({ x: x as T4, filter: w as T4, strides: 2, pad: 'same', bias: b, activation, leakyreluAlpha: 0.2 }),
        [[2, 8, 8, 3], [4, 4, 3, 5], [5]],
        { label: `fused ${activation}` },
      );
    });
  }

  it('fused conv2d without bias and with a 1×1 filter', async () => {
    await compareBackends((x, w) => tf.fused.conv2d({ x: x as T4, filter: w as T4, strides: 1, pad: 'valid', activation: 'relu' }), [[2, 5, 5, 6], [1, 1, 6, 4]]);
  });

  // NCHWc forms (onnxruntime's blocked conv; 16-channel blocks here): [x, w, stride, pad, forms that must run].
  const nchwcCases: [number[], number[], number, Pad, string[]][] = [
    [[2, 9, 9, 3], [3, 3, 3, 16], 1, 'same', ['Conv2D.nchwc', 'Conv2DBackpropFilter.taps']],
    [[2, 9, 9, 3], [3, 3, 3, 16], 2, 'same', ['Conv2D.nchwc', 'Conv2DBackpropFilter.dilated']],
    [[1, 7, 9, 16], [3, 3, 16, 24], 2, 'valid', ['Conv2D.nchwc', 'Conv2DBackpropInput.convTranspose']],
    [[2, 8, 8, 20], [4, 4, 20, 16], 2, 'same', ['Conv2D.nchwc', 'Conv2DBackpropFilter.spaceToDepth']],
    [[2, 8, 8, 16], [4, 4, 16, 12], 2, 'same', ['Conv2D.nchwc', 'Conv2DBackpropInput.phases', 'Conv2DBackpropFilter.spaceToDepth']],
    [[1, 10, 6, 32], [4, 4, 32, 16], 2, 'valid', ['Conv2DBackpropInput.phases', 'Conv2DBackpropFilter.spaceToDepth']],
    [[2, 9, 9, 16], [4, 4, 16, 16], 2, 'same', ['Conv2DBackpropInput.convTranspose', 'Conv2DBackpropFilter.spaceToDepth']],
    [[1, 12, 9, 16], [6, 3, 16, 16], 3, 'same', ['Conv2DBackpropInput.phases', 'Conv2DBackpropFilter.spaceToDepth']],
    [[2, 7, 9, 16], [3, 3, 16, 4], 1, 'valid', ['Conv2DBackpropInput.flipped', 'Conv2DBackpropFilter.taps']],
    [[1, 6, 5, 24], [2, 3, 24, 20], 1, 'same', ['Conv2DBackpropInput.flipped', 'Conv2DBackpropFilter.taps']],
    [[2, 5, 5, 16], [1, 1, 16, 16], 2, 'same', ['Conv2D.nchwc']],
  ];
  for (const [xs, ws, s, pad, forms] of nchwcCases) {
    it(`NCHWc forms: conv2d x[${xs}] w[${ws}] stride ${s} ${pad}: value, dx, dW`, async () => {
      const calls = await compareBackends((x, w) => tf.conv2d(x as T4, w as T4, s, pad), [xs, ws], { label: 'nchwc', expectKinds: forms });
      assert.ok(calls >= 3, `expected Conv2D and both gradients on onnxruntime, saw ${calls} calls`);
    });
  }

  it('NCHWc forms: the DCGAN generator layer (conv2dTranspose k4 s2 same, 16→32 channels): value and gradients', async () => {
    await compareBackends((dy, w) => tf.conv2dTranspose(dy as T4, w as T4, [2, 8, 6, 16], 2, 'same'), [[2, 4, 3, 32], [4, 4, 16, 32]], {
      label: 'dcgan layer',
      expectKinds: ['Conv2DBackpropInput.phases', 'Conv2D.nchwc', 'Conv2DBackpropFilter.spaceToDepth'],
    });
  });

  type Explicit = [[number, number], [number, number], [number, number], [number, number]];
  const explicit: [number[], number[], number, Explicit, string[]][] = [
    [[2, 8, 9, 16], [3, 3, 16, 16], 2, [[0, 0], [1, 2], [2, 0], [0, 0]], ['Conv2D.nchwc', 'Conv2DBackpropFilter.dilated']],
    [[2, 7, 8, 16], [3, 3, 16, 16], 1, [[0, 0], [2, 0], [1, 1], [0, 0]], ['Conv2DBackpropInput.flipped', 'Conv2DBackpropFilter.taps']],
    [[2, 8, 8, 16], [4, 4, 16, 16], 2, [[0, 0], [1, 1], [2, 0], [0, 0]], ['Conv2DBackpropInput.phases', 'Conv2DBackpropFilter.spaceToDepth']],
  ];
  for (const [xs, ws, s, pad, forms] of explicit) {
    it(`NCHWc forms: conv2d x[${xs}] w[${ws}] stride ${s} explicit pads ${JSON.stringify(pad.slice(1, 3))}: value, dx, dW`, async () => {
      await compareBackends((x, w) => tf.conv2d(x as T4, w as T4, s, pad), [xs, ws], { label: 'explicit', expectKinds: forms });
    });
  }

  it('NCHWc forms: conv2d with dilation 2', async () => {
    await compareBackends((x, w) => tf.conv2d(x as T4, w as T4, 1, 'same', 'NHWC', 2), [[2, 9, 9, 3], [3, 3, 3, 16]], { grad: false, expectKinds: ['Conv2D.nchwc'] });
  });

  for (const activation of ['linear', 'relu', 'leakyrelu', 'sigmoid', 'elu', 'relu6'] as const) {
    it(`NCHWc forms: fused conv2d + bias + ${activation} (16 channels): value and gradients`, async () => {
      await compareBackends(
        (x, w, b) => tf.fused.conv2d({ x: x as T4, filter: w as T4, strides: 2, pad: 'same', bias: b, activation, leakyreluAlpha: 0.1 }),
        [[2, 8, 7, 16], [3, 3, 16, 16], [16]],
        { label: `nchwc fused ${activation}` },
      );
    });
  }

  it('NCHWc forms: fused conv2d without gradients keeps bias and activation in the NCHWc conv', async () => {
    await compareBackends(
      (x, w, b) => tf.fused.conv2d({ x: x as T4, filter: w as T4, strides: 1, pad: 'same', bias: b, activation: 'leakyrelu', leakyreluAlpha: 0.1 }),
      [[1, 5, 6, 3], [3, 3, 3, 12], [12]],
      { grad: false, expectKinds: ['FusedConv2D.nchwc'] },
    );
  });

  // Outputs over 32 MB run as batch chunks of ≤ 16 MB outputs (one graph call each) into one buffer.
  it('conv2d with a 34 MB output: batch chunks 2 + 2 + 1', async () => {
    const calls = await compareBackends((x, w) => tf.conv2d(x as T4, w as T4, 1, 'same'), [[5, 64, 64, 3], [3, 3, 3, 410]], { grad: false, tol: 1e-4 });
    assert.equal(calls, 3);
  });

  it('fused conv2d (bias, relu) with a 34 MB output: one image per chunk', async () => {
    const f = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.fused.conv2d({ x: x as T4, filter: w as T4, strides: 1, pad: 'same', bias: b, activation: 'relu' });
    const calls = await compareBackends(f, [[3, 64, 64, 3], [3, 3, 3, 700], [700]], { grad: false, tol: 1e-4 });
    assert.equal(calls, 3);
  });

  describe('with 2 onnxruntime threads (dW products split by image groups)', () => {
    before(() => useOnnx(2));
    after(() => useOnnx(1));
    // The first two have rows ≥ 16·(channels + Co): batched MatMuls over 2 image groups; then Gemms.
    const cases2: [number[], number[], number, Pad, string][] = [
      [[4, 12, 12, 16], [3, 3, 16, 8], 1, 'same', 'Conv2DBackpropFilter.taps'],
      [[8, 16, 16, 4], [4, 4, 4, 4], 2, 'same', 'Conv2DBackpropFilter.spaceToDepth'],
      [[3, 7, 6, 20], [3, 3, 20, 16], 1, 'valid', 'Conv2DBackpropFilter.taps'],
      [[2, 9, 9, 3], [3, 3, 3, 16], 1, 'same', 'Conv2DBackpropFilter.taps'],
    ];
    for (const [xs, ws, s, pad, form] of cases2) {
      it(`conv2d x[${xs}] w[${ws}] stride ${s} ${pad}: value, dx, dW`, async () => {
        await compareBackends((x, w) => tf.conv2d(x as T4, w as T4, s, pad), [xs, ws], { label: '2 threads', expectKinds: [form] });
      });
    }
  });

  it('a wider layer matches too (16×16×16 → 8×8×32, k4 s2)', async () => {
    await compareBackends((x, w) => tf.conv2d(x as T4, w as T4, 2, 'same'), [[2, 16, 16, 16], [4, 4, 16, 32]]);
  });
});
