/**
 * Conv2DBackpropFilter (the filter gradient of conv2d and conv2dTranspose) on wasm, which ships
 * without it. dW[a,b,ci,co] = Σ_{n,i,j} x[n, i·s+a−pT, j·s+b−pL, ci] · dy[n,i,j,co] is itself a
 * convolution: batch = Cin, channels = N, the "filter" = dy laid out [oh, ow, N, Cout], dilated by the
 * stride. So it runs as one XNNPACK conv2d (the fast kernel wasm has) between cheap transposes.
 */
import { backend_util, Conv2DBackpropFilter } from '@tensorflow/tfjs-core';
import type { Conv2DBackpropFilterAttrs, Conv2DBackpropFilterInputs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { dispose, run, slice, transpose, wasmKernel } from '../kernel-utils';

type Shape4 = [number, number, number, number];

export function conv2DBackpropFilter({ inputs, backend, attrs }: {
  inputs: Conv2DBackpropFilterInputs; backend: BackendWasm; attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat === 'NCHW') throw new Error(`wasm Conv2DBackpropFilter supports dataFormat 'NHWC' only, got 'NCHW'`);
  const info = backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const [n, h, w, cin] = x.shape;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow, outChannels: cout } = info;
  const pT = info.padInfo.top;
  const pL = info.padInfo.left;
  // Rows/cols of x the gradient reads end at (o−1)·s + k − p; crop what lies beyond, pad what is missing.
  const needH = (oh - 1) * sh + kh - pT;
  const needW = (ow - 1) * sw + kw - pL;
  const cropH = Math.min(h, needH);
  const cropW = Math.min(w, needW);
  const xc = cropH < h || cropW < w ? slice(backend, x, [0, 0, 0, 0], [n, cropH, cropW, cin]) : x;
  const xt = transpose(backend, xc, [3, 1, 2, 0]); // [Cin, H, W, N]
  if (xc !== x) dispose(backend, xc);
  const dyt = transpose(backend, dy, [1, 2, 0, 3]); // [oh, ow, N, Cout]
  const pad4 = [[0, 0], [pT, needH - cropH], [pL, needW - cropW], [0, 0]];
  const g = run(backend, 'Conv2D', { x: xt, filter: dyt }, { strides: [1, 1], pad: pad4, dilations: [sh, sw], dataFormat: 'NHWC' }); // [Cin, kh, kw, Cout]
  dispose(backend, xt, dyt);
  if (g.shape[1] !== kh || g.shape[2] !== kw || g.shape[3] !== cout) {
    dispose(backend, g);
    throw new Error(`Conv2DBackpropFilter: internal shape [${g.shape}] for filter [${filterShape}]`);
  }
  const dw = transpose(backend, g, [1, 2, 0, 3]);
  dispose(backend, g);
  return dw;
}

export const conv2DBackpropFilterConfig = wasmKernel(Conv2DBackpropFilter, conv2DBackpropFilter);
