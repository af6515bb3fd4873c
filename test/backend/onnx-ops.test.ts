import assert from 'node:assert/strict';
import { MIN_ORT_ELEMENTS } from '../../kernel-lib/src/backend/onnx/kernels/elementwise';
import { compareBackends, relErr, tf, useOnnx, values } from './onnx-support';

/** A shape above the size at which elementwise kernels go to onnxruntime (odd sizes on purpose). */
const BIG = [3, 9, 13, 17];
const SMALL = [2, 3, 5];

describe('backend/onnx: matmul, elementwise, reductions against the cpu backend', function () {
  before(() => {
    useOnnx();
    assert.ok(BIG.reduce((a, b) => a * b) >= MIN_ORT_ELEMENTS);
  });

  describe('matMul', () => {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      it(`2-D, transposeA ${ta}, transposeB ${tb}`, async () => {
        const a = ta ? [7, 5] : [5, 7];
        const b = tb ? [3, 7] : [7, 3];
        const calls = await compareBackends((x, y) => tf.matMul(x, y, ta, tb), [a, b]);
        assert.ok(calls >= 3, `expected the product and both gradients on onnxruntime, saw ${calls}`);
      });
    }
    it('batched 3-D with transposeB (the attention product)', async () => {
      await compareBackends((x, y) => tf.matMul(x, y, false, true), [[2, 9, 4], [2, 9, 4]]);
    });
    it('batch 1, 3-D with transposeA', async () => {
      await compareBackends((x, y) => tf.matMul(x, y, true, false), [[1, 6, 4], [1, 6, 5]]);
    });
    it('broadcast batch dimensions (4-D × 3-D)', async () => {
      await compareBackends((x, y) => tf.matMul(x, y), [[2, 3, 4, 5], [3, 5, 2]], { grad: false });
    });
    for (const activation of ['linear', 'relu', 'leakyrelu', 'sigmoid', 'elu', 'relu6'] as const) {
      it(`fused matMul + bias + ${activation}`, async () => {
        await compareBackends(
          (x, w, b) => tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: b, activation, leakyreluAlpha: 0.1 }),
          [[6, 5], [5, 4], [4]],
        );
      });
    }
    it('fused matMul, transposed, no bias', async () => {
      await compareBackends((x, w) => tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, transposeA: true, transposeB: true }), [[5, 6], [4, 5]]);
    });
  });

  describe('elementwise (large tensors on onnxruntime, small on the cpu kernels)', () => {
    const unary: [string, (x: tf.Tensor) => tf.Tensor, boolean?][] = [
      ['relu', tf.relu],
      ['relu6', tf.relu6],
      ['leakyRelu', (x) => tf.leakyRelu(x, 0.3)],
      ['elu', tf.elu],
      ['tanh', tf.tanh],
      ['sigmoid', tf.sigmoid],
      ['exp', tf.exp],
      ['log', tf.log, true],
      ['neg', tf.neg],
      ['sqrt', tf.sqrt, true],
      ['rsqrt', tf.rsqrt, true],
      ['reciprocal', tf.reciprocal, true],
      ['square', tf.square],
      ['abs', tf.abs],
      ['softplus', tf.softplus],
      ['step', (x) => tf.step(x, 0.25)],
    ];
    const fusedGrad: Record<string, string> = { relu: 'ReluGrad', leakyRelu: 'LeakyReluGrad', square: 'SquareGrad' };
    for (const [name, f, positive] of unary) {
      it(`${name}: value and gradient, large and small`, async () => {
        const expectKinds = fusedGrad[name] ? [fusedGrad[name]] : [];
        const calls = await compareBackends(f, [BIG], { positive, label: name, expectKinds });
        assert.ok(calls >= 1, `${name} did not run on onnxruntime`);
        await compareBackends(f, [SMALL], { positive, label: `${name} small` });
      });
    }

    // tfjs's own gradients of maximum, minimum and squaredDifference do not reduce broadcasts
    // (they fail on the cpu backend too), so those broadcasts are compared forward only.
    const binary: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, boolean, boolean?][] = [
      ['add', tf.add, true],
      ['sub', tf.sub, true],
      ['mul', tf.mul, true],
      ['div', tf.div, true, true],
      ['maximum', tf.maximum, false],
      ['minimum', tf.minimum, false],
      ['squaredDifference', tf.squaredDifference, false],
    ];
    for (const [name, f, broadcastGrad, positive] of binary) {
      it(`${name}: same shape, per-channel and scalar broadcasts`, async () => {
        await compareBackends(f, [BIG, BIG], { positive, label: name });
        await compareBackends(f, [BIG, [17]], { positive, label: `${name} channel`, grad: broadcastGrad });
        await compareBackends(f, [[1, 9, 1, 17], BIG], { positive, label: `${name} two-sided`, grad: broadcastGrad });
        await compareBackends(f, [BIG, []], { positive, label: `${name} scalar`, grad: broadcastGrad });
        // A vector along the last axis runs tiled over long rows; few channels, either side, a prime row count (untiled).
        await compareBackends(f, [[5, 16, 16, 3], [1, 1, 3]], { positive, label: `${name} 3 channels`, grad: broadcastGrad });
        await compareBackends(f, [[3], [1, 32, 32, 3]], { positive, label: `${name} vector first`, grad: broadcastGrad });
        await compareBackends(f, [[4099, 3], [3]], { positive, label: `${name} prime rows`, grad: broadcastGrad });
      });
    }

    it('comparisons give bool tensors equal to the cpu backend', async () => {
      for (const f of [tf.greater, tf.greaterEqual, tf.less, tf.lessEqual, tf.equal]) {
        await compareBackends((a, b) => f(a, tf.round(b)), [BIG, [17]], { grad: false });
      }
    });

    it('where (Select), tile, addN, transpose, softmax', async () => {
      await compareBackends((a, b) => tf.where(tf.greater(tf.tensor(values(BIG, 'cond'), BIG), 0), a, b), [BIG, BIG]);
      await compareBackends((a) => tf.tile(a, [2, 1, 3, 1]), [BIG]);
      await compareBackends((a, b, c) => tf.addN([a, b, c]), [BIG, BIG, BIG]);
      await compareBackends((a) => tf.transpose(a, [3, 0, 2, 1]), [BIG]);
      await compareBackends((a) => tf.softmax(a), [[7, 9, 256]]);
    });
  });

  it('relu and leakyRelu gradients keep tfjs semantics at NaN and 0', async () => {
    // Some inputs NaN, some exactly 0 (masks from constants: comparisons have no gradient).
    const mask = (seed: string, p: number) => tf.less(tf.tensor(values(BIG, seed, true), BIG), 0.5 + 2 * p);
    const special = (x: tf.Tensor) => tf.where(mask('nan', 0.05), tf.mul(x, NaN), tf.where(mask('zero', 0.1), tf.mul(x, 0), x));
    await compareBackends((x) => tf.relu(special(x)), [BIG], { label: 'relu special', expectKinds: ['ReluGrad'] });
    await compareBackends((x) => tf.leakyRelu(special(x), 0.1), [BIG], { label: 'leaky special', expectKinds: ['LeakyReluGrad'] });
  });

  describe('max pooling (typed-array kernels)', () => {
    const cases: [number[], number, number, 'same' | 'valid'][] = [
      [[2, 8, 8, 3], 2, 2, 'valid'],
      [[1, 9, 7, 4], 3, 2, 'same'],
      [[2, 10, 11, 2], 3, 3, 'valid'],
      [[1, 6, 5, 3], 2, 1, 'same'],
      [[1, 4, 6, 5], 2, 2, 'valid'],
      [[3, 2, 2, 1], 2, 2, 'same'],
      [[1, 7, 9, 5], 2, 2, 'valid'],
    ];
    for (const [xs, k, s, pad] of cases) {
      it(`maxPool x[${xs}] k${k} s${s} ${pad}: value and gradient; ties, NaN and −∞ included`, async () => {
        await compareBackends((x) => tf.maxPool(x as tf.Tensor4D, k, s, pad), [xs]);
        await compareBackends((x) => tf.maxPool(tf.relu(x) as tf.Tensor4D, k, s, pad), [xs], { label: 'ties' });
        // NaN never wins; windows of −∞ only pass no gradient; equal values (−0 and +0 too) tie: the first wins.
        const special = values(xs, 'special').map((v) => (v < -0.5 ? NaN : v < 0 ? -Infinity : v < 0.3 ? 0 : v < 0.6 ? -0 : Math.round(v * 2) / 2));
        const exact = async (backend: string) => {
          await tf.setBackend(backend);
          return tf.tidy(() => {
            const x = tf.tensor4d(special, xs as [number, number, number, number]);
            const y = tf.maxPool(x, k, s, pad);
            const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, k, s, pad), tf.tensor(values(y.shape, 'dy'), y.shape))))(x);
            return [Array.from(y.dataSync()), Array.from(dx.dataSync())];
          });
        };
        const [[y, dx], [yCpu, dxCpu]] = [await exact('onnx'), await exact('cpu')];
        assert.deepEqual(y, yCpu);
        // Overlapping windows add several dy in a different order than the cpu kernel.
        assert.ok(relErr(dx, dxCpu) < 1e-6);
      });
    }
    it('MaxPoolGrad of an output the forward did not make (no recorded maxima) recomputes them', async () => {
      // The 2×2 halving forward records each window's maximum for the gradient; called directly, the kernel finds none.
      const grad = (x: tf.Tensor, dy: tf.Tensor) =>
        tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: tf.neg(tf.neg(tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'))) }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor;
      await compareBackends(grad, [[2, 6, 4, 3], [2, 3, 2, 3]], { grad: false });
    });
  });

  describe('reductions', () => {
    const axesCases: (number | number[] | undefined)[] = [undefined, 0, 3, [0, 1, 2], [1, 3], -1];
    for (const [name, f] of [
      ['sum', tf.sum],
      ['mean', tf.mean],
      ['max', tf.max],
      ['min', tf.min],
    ] as [string, (x: tf.Tensor, axis?: number | number[], keepDims?: boolean) => tf.Tensor][]) {
      it(`${name} over several axes, keepDims both ways, with gradients`, async () => {
        const expectKinds = name === 'sum' || name === 'mean' ? ['BroadcastGrad'] : [];
        for (const axis of axesCases) {
          for (const keepDims of [false, true]) {
            // A sum over 60k float32 values: the cpu kernel accumulates in doubles, onnxruntime in float32.
            await compareBackends((x) => f(x, axis, keepDims), [BIG], { label: `${name} axis ${axis} keepDims ${keepDims}`, tol: 1e-4, expectKinds });
          }
        }
      });
    }
    it('moments and batchNorm (training mode) with gradients, through the fused gradient', async () => {
      await compareBackends(
        (x, g, b) => {
          const { mean, variance } = tf.moments(x, [0, 1, 2]);
          return tf.batchNorm(x, mean, variance, b, g, 1e-5);
        },
        [BIG, [17], [17]],
        { tol: 1e-4, expectKinds: ['BatchNormGrad'] },
      );
      // Fixed statistics (tfjs cannot differentiate batchNorm without scale and offset on any
      // backend); and a rank-2 input, which tfjs runs as 4-D.
      await compareBackends((x, m, v, s, b) => tf.batchNorm(x, m, tf.add(tf.abs(v), 0.1), b, s, 1e-3), [BIG, [17], [17], [17], [17]], {
        expectKinds: ['BatchNormGrad'],
      });
      await compareBackends((x, m, v, s, b) => tf.batchNorm(x, m, tf.add(tf.abs(v), 0.1), b, s, 1e-3), [[300, 17], [17], [17], [17], [17]], {
        expectKinds: ['BatchNormGrad'],
      });
      // Without offset and scale (forward: tfjs's gradient fails on that form on every backend).
      await compareBackends((x, m, v) => tf.batchNorm(x, m, tf.abs(v), undefined, undefined, 1e-3), [BIG, [17], [17]], { grad: false });
    });
  });
});
