/**
 * UnsortedSegmentSum (the gradient of gather, so of embeddings and index lookups) on wasm, which
 * ships without it. A single scatter-add pass over x on the heap; ids outside [0, numSegments)
 * are dropped, as the cpu backend does.
 */
import { UnsortedSegmentSum, util } from '@tensorflow/tfjs-core';
import type { TensorInfo, UnsortedSegmentSumAttrs, UnsortedSegmentSumInputs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView, wasmKernel } from '../kernel-utils';

export function unsortedSegmentSum({ inputs, backend, attrs }: {
  inputs: UnsortedSegmentSumInputs; backend: BackendWasm; attrs: UnsortedSegmentSumAttrs;
}): TensorInfo {
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = attrs;
  const idRank = segmentIds.shape.length;
  if (x.shape.slice(0, idRank).join() !== segmentIds.shape.join()) {
    throw new Error(`UnsortedSegmentSum: segmentIds shape [${segmentIds.shape}] must be a prefix of x shape [${x.shape}]`);
  }
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw new Error(`UnsortedSegmentSum: x must be float32 or int32, got ${x.dtype}`);
  const inner = util.sizeFromShape(x.shape.slice(idRank));
  const out = backend.makeOutput([numSegments, ...x.shape.slice(idRank)], x.dtype);
  // Views after the allocation: makeOutput may grow the heap and detach earlier views.
  const o = heapView(backend, out);
  o.fill(0);
  const xs = heapView(backend, x);
  const ids = heapView(backend, segmentIds);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) o[dst + j] += xs[src + j];
  }
  return out;
}

export const unsortedSegmentSumConfig = wasmKernel(UnsortedSegmentSum, unsortedSegmentSum);
