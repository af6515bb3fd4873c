/**
 * Tile on wasm. The stock kernel takes 43 ms to tile [1,1,1,64] to [64,16,16,64] (a 4 MB copy),
 * and batch norm's gradient tiles that way on every step. Here each tiled dim is one pass of
 * block copies on the heap (a memmove per block, or a plain loop for blocks of a few elements),
 * innermost dim first, so every pass copies long contiguous runs.
 */
import { Tile } from '@tensorflow/tfjs-core';
import type { TensorInfo, TileAttrs, TileInputs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { dispose, heapView, stockKernel, wasmKernel } from '../kernel-utils';

/** Repeats each of `outer` blocks of `block` elements `reps` times, contiguously, into a new tensor. */
function repeatBlocks(backend: BackendWasm, x: TensorInfo, outShape: number[], outer: number, block: number, reps: number): TensorInfo {
  const out = backend.makeOutput(outShape, x.dtype);
  const src = heapView(backend, x);
  const dst = heapView(backend, out);
  if (block >= 16) {
    const bytes = src.BYTES_PER_ELEMENT;
    const heap = new Uint8Array(src.buffer);
    const len = block * bytes;
    for (let a = 0; a < outer; a++) {
      const from = src.byteOffset + a * len;
      for (let k = 0; k < reps; k++) heap.copyWithin(dst.byteOffset + (a * reps + k) * len, from, from + len);
    }
  } else {
    for (let a = 0; a < outer; a++) {
      for (let k = 0; k < reps; k++) {
        const o = (a * reps + k) * block;
        for (let j = 0; j < block; j++) dst[o + j] = src[a * block + j];
      }
    }
  }
  return out;
}

export function tile({ inputs, backend, attrs }: { inputs: TileInputs; backend: BackendWasm; attrs: TileAttrs }): TensorInfo {
  const { x } = inputs as { x: TensorInfo };
  const { reps } = attrs;
  const stock = stockKernel(Tile);
  if (x.dtype === 'string' || reps.length !== x.shape.length || reps.includes(0)) {
    if (!stock) throw new Error('wasm Tile: the stock kernel was not kept');
    return stock.kernelFunc({ inputs: { x }, backend, attrs: { reps } }) as TensorInfo;
  }
  for (const r of reps) {
    if (!Number.isInteger(r) || r < 0) throw new Error(`tile: reps must be non-negative integers, got [${reps}]`);
  }
  const shape = [...x.shape];
  let cur: TensorInfo | null = null;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (reps[d] === 1) continue;
    const outer = shape.slice(0, d).reduce((a, b) => a * b, 1);
    const block = shape.slice(d).reduce((a, b) => a * b, 1);
    shape[d] *= reps[d];
    const next = repeatBlocks(backend, cur ?? x, [...shape], outer, block, reps[d]);
    if (cur) dispose(backend, cur);
    cur = next;
  }
  // No dim repeated: a copy, as tfjs kernels return new tensors.
  return cur ?? repeatBlocks(backend, x, shape, 1, shape.reduce((a, b) => a * b, 1), 1);
}

export const tileConfig = wasmKernel(Tile, tile);
