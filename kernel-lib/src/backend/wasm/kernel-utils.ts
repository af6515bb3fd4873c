/**
 * Helpers for wasm kernels that are built from other wasm kernels, the way tfjs's own backends
 * compose kernels: TensorInfo in, TensorInfo out, no tape, intermediates freed on the backend.
 */
import { getKernel } from '@tensorflow/tfjs-core';
import type { DataType, KernelConfig, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export const WASM = 'wasm';

/** Kernels tfjs-wasm ships that we replace; composed kernels call the stock form through `run`. */
const stock = new Map<string, KernelConfig>();

/** Remembers the stock config of a kernel we are about to replace (first call wins). */
export function keepStock(config: KernelConfig): void {
  if (!stock.has(config.kernelName)) stock.set(config.kernelName, config);
}

export function stockKernel(name: string): KernelConfig | undefined {
  return stock.get(name);
}

/** Runs the wasm kernel `name` (the stock one where we replaced it) on backend tensors. */
export function run(backend: BackendWasm, name: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
  const config = stock.get(name) ?? getKernel(name, WASM);
  if (!config) throw new Error(`wasm backend has no kernel '${name}'`);
  const out = config.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`wasm kernel '${name}' returned ${out.length} outputs; expected one`);
  return out;
}

export function dispose(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const t of infos) backend.disposeData(t.dataId);
}

/** A view of a tensor's data on the wasm heap; valid only until the next allocation (the heap may grow). */
export function heapView(backend: BackendWasm, t: TensorInfo): Float32Array | Int32Array | Uint8Array {
  return backend.typedArrayFromHeap(t);
}

export function f32View(backend: BackendWasm, t: TensorInfo): Float32Array {
  const v = backend.typedArrayFromHeap(t);
  if (!(v instanceof Float32Array)) throw new Error(`expected a float32 tensor, got ${t.dtype} of shape [${t.shape}]`);
  return v;
}

/** A new backend tensor holding `values` (copied onto the heap). */
export function fromValues(backend: BackendWasm, values: Float32Array | Int32Array, shape: number[], dtype: DataType = 'float32'): TensorInfo {
  return backend.makeOutput(shape, dtype, undefined, values);
}

/** A zero-copy reshape: same data, new shape (the caller still owns and frees it once). */
export function reshape(backend: BackendWasm, x: TensorInfo, shape: number[]): TensorInfo {
  return run(backend, 'Reshape', { x }, { shape });
}

export function transpose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  return run(backend, 'Transpose', { x }, { perm });
}

/**
 * x[begin : begin + size] as a new tensor. Not the stock Slice kernel: that one first copies all of
 * x off the heap (readSync), 70 ms to take one [256, 256] matrix out of a [64, 256, 256] batch.
 * Here each contiguous run is one memmove inside the heap.
 */
export function slice(backend: BackendWasm, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const rank = x.shape.length;
  if (begin.length !== rank || size.length !== rank) throw new Error(`slice: begin [${begin}] and size [${size}] must have x's rank ${rank}`);
  for (let d = 0; d < rank; d++) {
    if (begin[d] < 0 || size[d] < 0 || begin[d] + size[d] > x.shape[d]) throw new Error(`slice: [${begin}] + [${size}] is outside x [${x.shape}]`);
  }
  const out = backend.makeOutput(size, x.dtype);
  // Views after the allocation (it may grow the heap).
  const src = heapView(backend, x);
  const dst = heapView(backend, out);
  const bytes = src.BYTES_PER_ELEMENT;
  const heap = new Uint8Array(src.buffer);
  if (rank === 0) {
    heap.copyWithin(dst.byteOffset, src.byteOffset, src.byteOffset + bytes);
    return out;
  }
  // Innermost dims taken whole, plus the first partial one, form one contiguous run.
  let d = rank - 1;
  let run = 1;
  while (d > 0 && begin[d] === 0 && size[d] === x.shape[d]) run *= size[d--];
  run *= size[d];
  const strides = [...Array(rank)].map((_, i) => x.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const outer = size.slice(0, d);
  const count = outer.reduce((a, b) => a * b, 1);
  const idx = new Array<number>(d).fill(0);
  for (let r = 0; r < count; r++) {
    let from = begin[d] * strides[d];
    for (let i = 0; i < d; i++) from += (begin[i] + idx[i]) * strides[i];
    heap.copyWithin(dst.byteOffset + r * run * bytes, src.byteOffset + from * bytes, src.byteOffset + (from + run) * bytes);
    for (let i = d - 1; i >= 0; i--) {
      if (++idx[i] < outer[i]) break;
      idx[i] = 0;
    }
  }
  return out;
}

/** Builds a KernelConfig for the wasm backend from a function typed with tfjs's own input/attr types. */
export function wasmKernel<I extends NamedTensorInfoMap, A extends object>(
  kernelName: string,
  fn: (args: { inputs: I; backend: BackendWasm; attrs: A }) => TensorInfo,
  setupFunc?: KernelConfig['setupFunc'],
): KernelConfig {
  return { kernelName, backendName: WASM, kernelFunc: fn as unknown as KernelFunc, setupFunc };
}
