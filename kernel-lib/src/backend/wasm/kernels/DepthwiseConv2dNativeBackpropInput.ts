/**
 * DepthwiseConv2dNativeBackpropInput (the input gradient of depthwiseConv2d / separable convs) on
 * wasm, which ships without it. Same sub-pixel decomposition as Conv2DBackpropInput, on XNNPACK's
 * depthwise conv: each of dy's C·m channels gets sh·sw phase taps (the multiplier), the m products
 * that feed one input channel are summed, and the phases are interleaved and cropped.
 */
import { backend_util, DepthwiseConv2dNativeBackpropInput } from '@tensorflow/tfjs-core';
import type { DepthwiseConv2dNativeBackpropInputAttrs, DepthwiseConv2dNativeBackpropInputInputs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { dispose, f32View, fromValues, reshape, run, slice, transpose, wasmKernel } from '../kernel-utils';
import { subPixelGeometry } from './Conv2DBackpropInput';
import { assertNoDilation } from './DepthwiseConv2dNativeBackpropFilter';

/** Phase filter [Th, Tw, C·m, sh·sw]: tap (u,v) of phase (rh,rw) for dy channel c·m+q is W[a, b, c, q]. */
function depthwisePhaseFilter(w: Float32Array, [kh, kw, c, m]: number[], sh: number, sw: number): { values: Float32Array; shape: number[] } {
  const th = Math.ceil(kh / sh);
  const tw = Math.ceil(kw / sw);
  const ph = sh * sw;
  const cm = c * m;
  const out = new Float32Array(th * tw * cm * ph);
  for (let u = 0; u < th; u++) {
    for (let v = 0; v < tw; v++) {
      for (let rh = 0; rh < sh; rh++) {
        const a = rh + sh * (th - 1 - u);
        if (a >= kh) continue;
        for (let rw = 0; rw < sw; rw++) {
          const b = rw + sw * (tw - 1 - v);
          if (b >= kw) continue;
          const src = (a * kw + b) * cm; // W[a, b, c, q] at src + c·m + q
          const dst = (u * tw + v) * cm * ph + rh * sw + rw;
          for (let i = 0; i < cm; i++) out[dst + i * ph] = w[src + i];
        }
      }
    }
  }
  return { values: out, shape: [th, tw, cm, ph] };
}

export function depthwiseConv2dNativeBackpropInput({ inputs, backend, attrs }: {
  inputs: DepthwiseConv2dNativeBackpropInputInputs; backend: BackendWasm; attrs: DepthwiseConv2dNativeBackpropInputAttrs;
}): TensorInfo {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs;
  assertNoDilation('DepthwiseConv2dNativeBackpropInput', dilations);
  const info = backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, true);
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const m = filter.shape[3];
  const gh = subPixelGeometry(inputShape[1], oh, kh, sh, info.padInfo.top);
  const gw = subPixelGeometry(inputShape[2], ow, kw, sw, info.padInfo.left);
  const k = depthwisePhaseFilter(f32View(backend, filter), filter.shape, sh, sw);
  const kt = fromValues(backend, k.values, k.shape);
  let y = run(backend, 'DepthwiseConv2dNative', { x: dy, filter: kt }, {
    strides: [1, 1], dilations: [1, 1],
    pad: [[0, 0], [gh.taps - 1, gh.padAfter], [gw.taps - 1, gw.padAfter], [0, 0]],
  }); // [N, Q, P, C·m·sh·sw], channel (c·m + q)·sh·sw + phase
  dispose(backend, kt);
  const [n, q, p] = y.shape;
  if (m > 1) {
    const r = reshape(backend, y, [n * q * p, c, m, sh * sw]);
    const s = run(backend, 'Sum', { x: r }, { axis: [2], keepDims: false });
    dispose(backend, r, y);
    y = s;
  }
  let z = y;
  if (sh > 1 || sw > 1) {
    const r = reshape(backend, y, [n * q, p, c, sh, sw]);
    z = transpose(backend, r, [0, 3, 1, 4, 2]); // [N·Q, sh, P, sw, C]
    dispose(backend, r, y);
  }
  const z4 = reshape(backend, z, [n, q * sh, p * sw, c]);
  dispose(backend, z);
  const out = slice(backend, z4, [0, info.padInfo.top, info.padInfo.left, 0], [...inputShape]);
  dispose(backend, z4);
  return out;
}

export const depthwiseConv2dNativeBackpropInputConfig = wasmKernel(DepthwiseConv2dNativeBackpropInput, depthwiseConv2dNativeBackpropInput);
