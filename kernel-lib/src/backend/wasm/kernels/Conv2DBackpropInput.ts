/**
 * Conv2DBackpropInput (conv2dTranspose, and the input gradient of every conv2d) on wasm. The stock
 * kernel is a scalar loop; this runs it as one XNNPACK conv2d by sub-pixel decomposition:
 * output row h' = h + pT = q·s + r only meets filter rows a ≡ r (mod s), so each of the s_h·s_w
 * phases is a stride-1 conv of dy with a ⌈k/s⌉-tap sub-filter. All phases go in one conv
 * (phases stacked on the output channels), then a pixel shuffle interleaves them and a slice crops
 * the padding. It does exactly the needed multiply-adds, with no zero-upsampled input.
 */
import { backend_util, Conv2DBackpropInput } from '@tensorflow/tfjs-core';
import type { Conv2DBackpropInputAttrs, Conv2DBackpropInputInputs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { dispose, f32View, fromValues, reshape, run, slice, transpose, wasmKernel } from '../kernel-utils';

/**
 * The stacked sub-filters: [Th, Tw, Cout, sh·sw·Cin], tap (u,v) of phase (rh,rw) holding
 * W[rh + sh·(Th−1−u), rw + sw·(Tw−1−v)] (zero past the filter's edge).
 */
export function subPixelFilter(w: Float32Array, [kh, kw, cin, cout]: number[], sh: number, sw: number): { values: Float32Array; shape: number[] } {
  const th = Math.ceil(kh / sh);
  const tw = Math.ceil(kw / sw);
  const oc = sh * sw * cin;
  const out = new Float32Array(th * tw * cout * oc);
  for (let u = 0; u < th; u++) {
    for (let v = 0; v < tw; v++) {
      for (let rh = 0; rh < sh; rh++) {
        const a = rh + sh * (th - 1 - u);
        if (a >= kh) continue;
        for (let rw = 0; rw < sw; rw++) {
          const b = rw + sw * (tw - 1 - v);
          if (b >= kw) continue;
          const src = (a * kw + b) * cin * cout; // W[a, b, ci, co] at src + ci·cout + co
          const dst = (u * tw + v) * cout * oc + (rh * sw + rw) * cin; // K[u, v, co, phase·cin + ci]
          for (let ci = 0; ci < cin; ci++) {
            const s0 = src + ci * cout;
            const d0 = dst + ci;
            for (let co = 0; co < cout; co++) out[d0 + co * oc] = w[s0 + co];
          }
        }
      }
    }
  }
  return { values: out, shape: [th, tw, cout, oc] };
}

/** Geometry shared with the depthwise form: taps, padding of dy, rows computed per phase. */
export function subPixelGeometry(inSize: number, outSize: number, k: number, s: number, padBefore: number): { taps: number; padAfter: number; q: number } {
  const taps = Math.ceil(k / s);
  const qMax = Math.floor((inSize - 1 + padBefore) / s);
  const padAfter = Math.max(0, qMax + 1 - outSize);
  return { taps, padAfter, q: outSize + padAfter };
}

/** Interleaves phase-stacked [N, Q, P, sh·sw·C] into [N, Q·sh, P·sw, C] and crops [N, H, W, C] at (top, left). */
export function pixelShuffleCrop(backend: BackendWasm, y: TensorInfo, sh: number, sw: number, c: number, outShape: number[], top: number, left: number): TensorInfo {
  const [n, q, p] = y.shape;
  let z = y;
  if (sh > 1 || sw > 1) {
    const r = reshape(backend, y, [n * q, p, sh, sw * c]);
    z = transpose(backend, r, [0, 2, 1, 3]);
    dispose(backend, r, y);
  }
  const full = [n, q * sh, p * sw, c];
  const z4 = reshape(backend, z, full);
  dispose(backend, z);
  if (top === 0 && left === 0 && full[1] === outShape[1] && full[2] === outShape[2]) return z4;
  const out = slice(backend, z4, [0, top, left, 0], outShape);
  dispose(backend, z4);
  return out;
}

export function conv2DBackpropInput({ inputs, backend, attrs }: {
  inputs: Conv2DBackpropInputInputs; backend: BackendWasm; attrs: Conv2DBackpropInputAttrs;
}): TensorInfo {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  if (dataFormat === 'NCHW') throw new Error(`wasm Conv2DBackpropInput supports dataFormat 'NHWC' only, got 'NCHW'`);
  const info = backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, inChannels: cin, outHeight: oh, outWidth: ow } = info;
  const pT = info.padInfo.top;
  const pL = info.padInfo.left;
  const gh = subPixelGeometry(inputShape[1], oh, kh, sh, pT);
  const gw = subPixelGeometry(inputShape[2], ow, kw, sw, pL);
  const k = subPixelFilter(f32View(backend, filter), filter.shape, sh, sw);
  const kt = fromValues(backend, k.values, k.shape);
  const y = run(backend, 'Conv2D', { x: dy, filter: kt }, {
    strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC',
    pad: [[0, 0], [gh.taps - 1, gh.padAfter], [gw.taps - 1, gw.padAfter], [0, 0]],
  }); // [N, Q, P, sh·sw·Cin]
  dispose(backend, kt);
  return pixelShuffleCrop(backend, y, sh, sw, cin, [...inputShape], pT, pL);
}

export const conv2DBackpropInputConfig = wasmKernel(Conv2DBackpropInput, conv2DBackpropInput);
