/**
 * BatchMatMul on wasm, routed onto XNNPACK. The stock kernel uses XNNPACK's fully-connected
 * operator only for one matrix with no transposes; everything else (the transposed products of
 * every dense layer's gradient, batched attention products) falls to a scalar loop ~15× slower.
 * Here transposes become explicit wasm transposes (O(size), not O(m·n·k)), a batch that shares
 * one right-hand matrix becomes one tall product, and true batches run one fast product each.
 */
import { BatchMatMul, broadcast_util, util } from '@tensorflow/tfjs-core';
import type { BatchMatMulAttrs, BatchMatMulInputs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { dispose, f32View, reshape, run, slice, stockKernel, transpose, wasmKernel } from '../kernel-utils';

/** [B, r, c] → [B, c, r] (a fresh tensor), or a reshaped alias when no transpose is asked. */
function as3d(backend: BackendWasm, t: TensorInfo, transposed: boolean): TensorInfo {
  const r = t.shape.length;
  const b = util.sizeFromShape(t.shape.slice(0, -2));
  const t3 = reshape(backend, t, [b, t.shape[r - 2], t.shape[r - 1]]);
  if (!transposed) return t3;
  const tt = transpose(backend, t3, [0, 2, 1]);
  dispose(backend, t3);
  return tt;
}

/** Maps a flat index over the broadcast batch shape `out` to the flat index into batch shape `own`. */
function broadcastIndex(own: number[], out: number[]): (i: number) => number {
  const padded = [...Array(out.length - own.length).fill(1), ...own];
  const ownStrides = util.computeStrides(padded);
  return (i: number) => {
    let rest = i;
    let idx = 0;
    for (let d = out.length - 1; d >= 0; d--) {
      const coord = rest % out[d];
      rest = Math.floor(rest / out[d]);
      if (padded[d] !== 1) idx += coord * (d < out.length - 1 ? ownStrides[d] : 1);
    }
    return idx;
  };
}

function fastMatMul(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  return run(backend, BatchMatMul, { a, b }, { transposeA: false, transposeB: false });
}

export function batchMatMul({ inputs, backend, attrs }: { inputs: BatchMatMulInputs; backend: BackendWasm; attrs: BatchMatMulAttrs }): TensorInfo {
  const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const { transposeA, transposeB } = attrs;
  const stock = stockKernel(BatchMatMul);
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || !stock) {
    if (!stock) throw new Error('wasm BatchMatMul: the stock kernel was not kept');
    return stock.kernelFunc({ inputs, backend, attrs: { transposeA, transposeB } }) as TensorInfo;
  }
  const outBatch = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const a3 = as3d(backend, a, transposeA);
  const b3 = as3d(backend, b, transposeB);
  const [ba, m, k] = a3.shape;
  const [bb, kb, n] = b3.shape;
  if (k !== kb) {
    dispose(backend, a3, b3);
    throw new Error(`matMul: inner dimensions ${k} and ${kb} differ (a [${a.shape}], b [${b.shape}], transposeA=${transposeA}, transposeB=${transposeB})`);
  }
  const batch = util.sizeFromShape(outBatch);
  let out: TensorInfo;
  if (bb === 1) {
    // Every a-matrix meets the same b: one tall [ba·m, k] × [k, n] product.
    const tall = reshape(backend, a3, [1, ba * m, k]);
    const y = fastMatMul(backend, tall, b3);
    dispose(backend, tall);
    out = reshape(backend, y, [batch, m, n]);
    dispose(backend, y);
  } else {
    out = backend.makeOutput([batch, m, n], 'float32');
    const aIndex = broadcastIndex(a.shape.slice(0, -2), outBatch);
    const bIndex = broadcastIndex(b.shape.slice(0, -2), outBatch);
    for (let i = 0; i < batch; i++) {
      const ai = slice(backend, a3, [aIndex(i), 0, 0], [1, m, k]);
      const bi = slice(backend, b3, [bIndex(i), 0, 0], [1, k, n]);
      const yi = fastMatMul(backend, ai, bi);
      f32View(backend, out).set(f32View(backend, yi), i * m * n);
      dispose(backend, ai, bi, yi);
    }
  }
  dispose(backend, a3, b3);
  const shaped = reshape(backend, out, [...outBatch, m, n]);
  dispose(backend, out);
  return shaped;
}

export const batchMatMulConfig = wasmKernel(BatchMatMul, batchMatMul);
