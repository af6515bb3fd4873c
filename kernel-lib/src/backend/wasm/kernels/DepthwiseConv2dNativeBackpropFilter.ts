/**
 * DepthwiseConv2dNativeBackpropFilter on wasm, which ships without it.
 * dW[a,b,c,q] = Σ_{n,i,j} x[n, i·s+a−pT, j·s+b−pL, c] · dy[n,i,j,c·m+q] is a depthwise conv of x laid
 * out [1, H, W, N·C] with dy laid out [oh, ow, N·C, m] as the filter, dilated by the stride; the
 * N per-sample sums are then added. One XNNPACK depthwise conv between transposes.
 */
import { backend_util, DepthwiseConv2dNativeBackpropFilter } from '@tensorflow/tfjs-core';
import type { DepthwiseConv2dNativeBackpropFilterAttrs, DepthwiseConv2dNativeBackpropFilterInputs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { dispose, reshape, run, slice, transpose, wasmKernel } from '../kernel-utils';

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
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, true);
  const [n, h, w, c] = x.shape;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const m = filterShape[3];
  const pT = info.padInfo.top;
  const pL = info.padInfo.left;
  const needH = (oh - 1) * sh + kh - pT;
  const needW = (ow - 1) * sw + kw - pL;
  const cropH = Math.min(h, needH);
  const cropW = Math.min(w, needW);
  const xc = cropH < h || cropW < w ? slice(backend, x, [0, 0, 0, 0], [n, cropH, cropW, c]) : x;
  const xt = transpose(backend, xc, [1, 2, 0, 3]); // [H, W, N, C]
  if (xc !== x) dispose(backend, xc);
  const x1 = reshape(backend, xt, [1, cropH, cropW, n * c]);
  const dyt = transpose(backend, dy, [1, 2, 0, 3]); // [oh, ow, N, C·m]
  const f = reshape(backend, dyt, [oh, ow, n * c, m]);
  const g = run(backend, 'DepthwiseConv2dNative', { x: x1, filter: f }, {
    strides: [1, 1], dilations: [sh, sw], pad: [[0, 0], [pT, needH - cropH], [pL, needW - cropW], [0, 0]],
  }); // [1, kh, kw, N·C·m]
  dispose(backend, xt, x1, dyt, f);
  const g3 = reshape(backend, g, [kh * kw, n, c * m]);
  const s = run(backend, 'Sum', { x: g3 }, { axis: [1], keepDims: false });
  dispose(backend, g, g3);
  const out = reshape(backend, s, filterShape);
  dispose(backend, s);
  return out;
}

export const depthwiseConv2dNativeBackpropFilterConfig = wasmKernel(DepthwiseConv2dNativeBackpropFilter, depthwiseConv2dNativeBackpropFilter);
