/**
 * DepthwiseConv2dNativeBackpropFilter on wasm, which ships without it.
 * dW[a,b,c,q] = Σ_{n,i,j} x[n, i·s+a−pT, j·s+b−pL, c] · dy[n,i,j,c·m+q]: only kh·kw·C·m sums of
 * N·oh·ow products, so a direct loop on the heap (channels innermost, float64 sums). It beat the
 * XNNPACK form (x as [1, H, W, N·C], dy as an oh×ow depthwise filter dilated by the stride), whose
 * huge kernel runs ~2× slower at [64, 32, 32, 32] 3×3.
 */
import { backend_util, DepthwiseConv2dNativeBackpropFilter } from '@tensorflow/tfjs-core';
import type { DepthwiseConv2dNativeBackpropFilterAttrs, DepthwiseConv2dNativeBackpropFilterInputs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { f32View, fromValues, wasmKernel } from '../kernel-utils';

/** The gradients of depthwise convs are defined for dilation 1 only (as in tfjs's own gradient). */
export function assertNoDilation(kernel: string, dilations: number | [number, number] | undefined): void {
  const d = dilations == null ? [1, 1] : typeof dilations === 'number' ? [dilations, dilations] : dilations;
  if (d[0] !== 1 || d[1] !== 1) throw new Error(`wasm ${kernel}: dilations must be 1, got [${d}]`);
}

export function depthwiseConv2dNativeBackpropFilter({ inputs, backend, attrs }: {
  inputs: DepthwiseConv2dNativeBackpropFilterInputs; backend: BackendWasm; attrs: DepthwiseConv2dNativeBackpropFilterAttrs;
}): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs;
  assertNoDilation('DepthwiseConv2dNativeBackpropFilter', dilations);
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error(`wasm DepthwiseConv2dNativeBackpropFilter: x and dy must be float32, got ${x.dtype} and ${dy.dtype}`);
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, true);
  return depthwiseBackpropFilterLoop(backend, x, dy, info, filterShape[3]);
}

export const depthwiseConv2dNativeBackpropFilterConfig = wasmKernel(DepthwiseConv2dNativeBackpropFilter, depthwiseConv2dNativeBackpropFilter);

/** The same sum as a direct loop on the heap (channels innermost, float64 accumulators). */
export function depthwiseBackpropFilterLoop(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo, m: number): TensorInfo {
  const [n, h, w, c] = x.shape;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const pT = info.padInfo.top;
  const pL = info.padInfo.left;
  const cm = c * m;
  const acc = new Float64Array(kh * kw * cm);
  const xs = f32View(backend, x);
  const g = f32View(backend, dy);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const gBase = ((b * oh + i) * ow + j) * cm;
        for (let a = 0; a < kh; a++) {
          const r = i * sh + a - pT;
          if (r < 0 || r >= h) continue;
          for (let e = 0; e < kw; e++) {
            const col = j * sw + e - pL;
            if (col < 0 || col >= w) continue;
            const xBase = ((b * h + r) * w + col) * c;
            const wBase = (a * kw + e) * cm;
            if (m === 1) {
              for (let k = 0; k < c; k++) acc[wBase + k] += xs[xBase + k] * g[gBase + k];
            } else {
              for (let k = 0; k < c; k++) {
                const xv = xs[xBase + k];
                for (let q = 0; q < m; q++) acc[wBase + k * m + q] += xv * g[gBase + k * m + q];
              }
            }
          }
        }
      }
    }
  }
  return fromValues(backend, Float32Array.from(acc), [kh, kw, c, m]);
}
