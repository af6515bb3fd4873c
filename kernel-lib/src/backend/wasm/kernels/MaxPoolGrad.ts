/**
 * MaxPoolGrad on wasm. The stock tfjs-wasm 4.22 kernel writes gradients only for the first part of
 * the tensor when there is more than one channel (its output differs from the cpu backend's), so
 * maxPool cannot train there. This routes each dy entry to the first maximum of its window
 * (row-major, as the cpu backend picks), channels innermost so reads stay contiguous.
 */
import { backend_util, MaxPoolGrad } from '@tensorflow/tfjs-core';
import type { MaxPoolGradAttrs, MaxPoolGradInputs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { f32View, wasmKernel } from '../kernel-utils';

export function maxPoolGrad({ inputs, backend, attrs }: { inputs: MaxPoolGradInputs; backend: BackendWasm; attrs: MaxPoolGradAttrs }): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ch, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
  const fh = info.effectiveFilterHeight;
  const fw = info.effectiveFilterWidth;
  const dx = backend.makeOutput(input.shape, 'float32');
  // Views after the allocation, which may grow the heap.
  const out = f32View(backend, dx);
  out.fill(0);
  const xs = f32View(backend, input);
  const g = f32View(backend, dy);
  const best = new Float32Array(ch);
  const pos = new Int32Array(ch);
  for (let b = 0; b < n; b++) {
    for (let yr = 0; yr < oh; yr++) {
      const r0 = yr * sh - info.padInfo.top;
      const rMin = Math.max(0, r0);
      const rMax = Math.min(h, r0 + fh);
      for (let yc = 0; yc < ow; yc++) {
        const c0 = yc * sw - info.padInfo.left;
        const cMin = Math.max(0, c0);
        const cMax = Math.min(w, c0 + fw);
        best.fill(-Infinity);
        pos.fill(-1);
        for (let r = rMin; r < rMax; r++) {
          for (let c = cMin; c < cMax; c++) {
            const base = ((b * h + r) * w + c) * ch;
            for (let d = 0; d < ch; d++) {
              const v = xs[base + d];
              if (v > best[d]) {
                best[d] = v;
                pos[d] = base + d;
              }
            }
          }
        }
        const gBase = ((b * oh + yr) * ow + yc) * ch;
        for (let d = 0; d < ch; d++) if (pos[d] >= 0) out[pos[d]] += g[gBase + d];
      }
    }
  }
  return dx;
}

export const maxPoolGradConfig = wasmKernel(MaxPoolGrad, maxPoolGrad);
