/** Synthlab's wasm UnsortedSegmentSum, BatchMatMul, MaxPoolGrad, Tile, Sum and Mean against the cpu backend, forward and gradient. */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { assertSameOnWasm, normal, probe, runOn, useWasmAndCpu } from './wasm-support';
import { batchMatMulConfig } from '../../kernel-lib/src/backend/wasm/kernels/BatchMatMul';
import { maxPoolGradConfig } from '../../kernel-lib/src/backend/wasm/kernels/MaxPoolGrad';
import { tileConfig } from '../../kernel-lib/src/backend/wasm/kernels/Tile';
import { sumConfig } from '../../kernel-lib/src/backend/wasm/kernels/Sum';
import { meanConfig } from '../../kernel-lib/src/backend/wasm/kernels/Mean';
import { unsortedSegmentSumConfig } from '../../kernel-lib/src/backend/wasm/kernels/UnsortedSegmentSum';
import { slice } from '../../kernel-lib/src/backend/wasm/kernel-utils';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

const tensor = (n: { values: Float32Array; shape: number[] }) => tf.tensor(n.values, n.shape);

describe('backend/wasm UnsortedSegmentSum, BatchMatMul, MaxPoolGrad, Tile, Sum and Mean vs cpu', function () {
  this.timeout(60_000);
  useWasmAndCpu();

  it('registers all of them on wasm', () => {
    assert.equal(tf.getKernel('Sum', 'wasm')?.kernelFunc, sumConfig.kernelFunc);
    assert.equal(tf.getKernel('Mean', 'wasm')?.kernelFunc, meanConfig.kernelFunc);
    assert.equal(tf.getKernel('Tile', 'wasm')?.kernelFunc, tileConfig.kernelFunc);
    assert.equal(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc, maxPoolGradConfig.kernelFunc);
    assert.equal(tf.getKernel('UnsortedSegmentSum', 'wasm')?.kernelFunc, unsortedSegmentSumConfig.kernelFunc);
    assert.equal(tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc, batchMatMulConfig.kernelFunc);
  });

  it('UnsortedSegmentSum: float and int data, repeated, missing and out-of-range ids', async () => {
    const x = normal([6, 3, 2], 1);
    await assertSameOnWasm('unsortedSegmentSum float', () => [
      tf.unsortedSegmentSum(tensor(x), tf.tensor1d([2, 0, 2, 4, 0, 2], 'int32'), 5),
      tf.unsortedSegmentSum(tensor(x), tf.tensor1d([1, -1, 1, 7, 0, 1], 'int32'), 3),
    ], 1e-6);
    await assertSameOnWasm('unsortedSegmentSum int32', () => [
      tf.cast(tf.unsortedSegmentSum(tf.tensor2d([[1, 2], [3, 4], [5, 6]], [3, 2], 'int32'), tf.tensor1d([1, 1, 0], 'int32'), 2), 'float32'),
    ], 0);
  });

  it('gradient of gather (embedding lookups) uses UnsortedSegmentSum', async () => {
    const table = normal([7, 4], 2);
    await assertSameOnWasm('grad gather', () =>
      tf.grads((t: tf.Tensor) => probe(tf.gather(t, tf.tensor1d([3, 0, 3, 6, 1, 3], 'int32')), 3))([tensor(table)]));
  });

  it('matMul with every transpose combination, batched and shared right-hand sides', async () => {
    const cases: [number[], number[], boolean, boolean][] = [
      [[5, 7], [7, 4], false, false], [[7, 5], [7, 4], true, false], [[5, 7], [4, 7], false, true], [[7, 5], [4, 7], true, true],
      [[3, 5, 7], [3, 7, 4], false, false], [[3, 7, 5], [3, 4, 7], true, true], [[2, 3, 5, 7], [7, 4], false, false],
      [[3, 5, 7], [3, 7, 1], false, false], [[1, 1], [1, 9], false, false], [[4, 7], [3, 7, 2], false, false],
    ];
    for (const [sa, sb, ta, tb] of cases) {
      await assertSameOnWasm(`matMul [${sa}]${ta ? 'ᵀ' : ''} × [${sb}]${tb ? 'ᵀ' : ''}`, () =>
        [tf.matMul(tensor(normal(sa, 4)), tensor(normal(sb, 5)), ta, tb)]);
    }
  });

  it('matMul broadcasts batch dimensions like numpy (checked against per-pair products)', async () => {
    const a = normal([2, 1, 3, 4], 6);
    const b = normal([5, 4, 2], 7);
    const got = await runOn('wasm', () => [tf.matMul(tensor(a), tensor(b))]);
    const want = await runOn('cpu', () => {
      const as = tf.unstack(tensor(a));
      const bs = tf.unstack(tensor(b));
      return [tf.stack(as.map((ai) => tf.stack(bs.map((bj) => tf.matMul(tf.squeeze(ai, [0]), bj)))))];
    });
    assert.deepEqual(got.shapes[0], [2, 5, 3, 2]);
    got.data[0].forEach((v, i) => assert.ok(Math.abs(v - want.data[0][i]) < 1e-5, `element ${i}: ${v} vs ${want.data[0][i]}`));
  });

  it('gradients of matMul and of a dense layer (fused matMul + bias + relu)', async () => {
    const x = normal([6, 5], 8);
    const w = normal([5, 3], 9);
    const bias = normal([3], 10);
    await assertSameOnWasm('grads matMul', () =>
      tf.grads((p: tf.Tensor, q: tf.Tensor) => probe(tf.matMul(p, q), 11))([tensor(x), tensor(w)]));
    await assertSameOnWasm('grads fused dense', () =>
      tf.grads((p: tf.Tensor, q: tf.Tensor, r: tf.Tensor) =>
        probe(tf.fused.matMul({ a: p as tf.Tensor2D, b: q as tf.Tensor2D, bias: r, activation: 'relu' }), 12))([tensor(x), tensor(w), tensor(bias)]));
    const a3 = normal([3, 4, 5], 13);
    const b3 = normal([3, 5, 2], 14);
    await assertSameOnWasm('grads batched matMul', () =>
      tf.grads((p: tf.Tensor, q: tf.Tensor) => probe(tf.matMul(p, q), 15))([tensor(a3), tensor(b3)]));
  });

  it('maxPool gradient: windows 2/3, strides 1/2/3, same/valid, odd sizes, ties after relu', async () => {
    for (const [k, st] of [[2, 2], [3, 1], [3, 2], [2, 3], [3, 3]]) {
      for (const pad of ['same', 'valid'] as const) {
        for (const [n, h, w, c] of [[1, 7, 9, 3], [2, 8, 5, 2]]) {
          const x = normal([n, h, w, c], 16);
          // relu makes whole windows of zeros: the gradient must go where cpu sends it (first maximum).
          const f = (a: tf.Tensor) => tf.maxPool(tf.relu(a) as tf.Tensor4D, k, st, pad);
          await assertSameOnWasm(`maxPool k${k} s${st} ${pad} [${n},${h},${w},${c}]`, () =>
            [f(tensor(x)), ...tf.grads((a: tf.Tensor) => probe(f(a), 17))([tensor(x)])]);
        }
      }
    }
  });

  it('the heap slice helper our kernels use equals tf.slice, ranks 1-5, float and int', async () => {
    const cases: [number[], number[], number[]][] = [
      [[7], [2], [4]], [[5, 6], [1, 0], [3, 6]], [[4, 5, 6], [1, 2, 0], [2, 3, 6]],
      [[3, 7, 6, 4], [0, 1, 2, 0], [3, 5, 3, 4]], [[2, 3, 4, 5, 6], [1, 0, 1, 2, 3], [1, 3, 2, 2, 3]], [[4, 4], [0, 0], [4, 4]],
    ];
    for (const [shape, begin, size] of cases) {
      for (const dtype of ['float32', 'int32'] as const) {
        const n = normal(shape, 18);
        const values = dtype === 'int32' ? Int32Array.from(n.values, (v) => Math.round(v * 100)) : n.values;
        await assertSameOnWasm(`slice [${shape}] ${dtype}`, () => {
          const x = tf.tensor(values, shape, dtype);
          if (tf.getBackend() === 'cpu') return [tf.cast(tf.slice(x, begin, size), 'float32')];
          const info = slice(tf.backend() as BackendWasm, x, begin, size);
          return [tf.cast(tf.engine().makeTensorFromTensorInfo(info), 'float32')];
        }, 0);
      }
    }
  });

  it('Tile: float, int and bool, repeats on inner, outer and several dims, small and large blocks, gradient', async () => {
    const cases: [number[], number[]][] = [
      [[1, 1, 1, 5], [3, 4, 2, 1]], [[2, 3], [1, 7]], [[3, 1], [2, 20]], [[4], [3]], [[2, 3, 4], [1, 1, 1]],
      [[1, 1, 1, 24], [2, 3, 3, 1]], [[2, 1, 3, 1, 2], [1, 2, 1, 3, 2]], [[3, 2], [0, 2]],
    ];
    for (const [shape, reps] of cases) {
      const n = normal(shape, 19);
      // tfjs has tile gradients up to rank 4 only; reps of 0 give an empty tensor.
      await assertSameOnWasm(`tile [${shape}] x [${reps}]`, () => {
        const x = tensor(n);
        return [
          tf.tile(x, reps),
          tf.cast(tf.tile(tf.cast(tf.mul(x, 10), 'int32'), reps), 'float32'),
          tf.cast(tf.tile(tf.greater(x, 0), reps), 'float32'),
          ...(reps.includes(0) || shape.length > 4 ? [] : tf.grads((a: tf.Tensor) => probe(tf.tile(a, reps), 20))([x])),
        ];
      }, 1e-6);
    }
  });

  it('batchNorm gradients (which tile per-channel statistics) match', async () => {
    const x = normal([3, 5, 4, 6], 21);
    const scale = normal([6], 22);
    const offset = normal([6], 23);
    await assertSameOnWasm('batchNorm grads', () =>
      tf.grads((a: tf.Tensor, s: tf.Tensor, o: tf.Tensor) => {
        const { mean, variance } = tf.moments(a, [0, 1, 2]);
        return probe(tf.batchNorm(a as tf.Tensor4D, mean, variance, o as tf.Tensor1D, s as tf.Tensor1D, 1e-3), 24);
      })([tensor(x), tensor(scale), tensor(offset)]), 2e-5);
  });

  it('Sum and Mean over leading, trailing, middle and negative axes, keepDims, float and int', async () => {
    const x = normal([4, 3, 5, 6], 25);
    const axesList: (number | number[])[] = [0, [0, 1], [0, 1, 2], [1, 0], -1, [2, 3], 1, [0, 2], [0, 1, 2, 3]];
    for (const axis of axesList) {
      for (const keepDims of [false, true]) {
        await assertSameOnWasm(`sum/mean axis ${JSON.stringify(axis)} keepDims ${keepDims}`, () => {
          const t = tensor(x);
          return [tf.sum(t, axis, keepDims), tf.mean(t, axis, keepDims), tf.cast(tf.sum(tf.cast(tf.mul(t, 10), 'int32'), axis, keepDims), 'float32')];
        }, 1e-6);
      }
    }
  });
});
