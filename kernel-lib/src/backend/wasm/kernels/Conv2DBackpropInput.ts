/**
 * Conv2DBackpropInput (conv2dTranspose, and the input gradient of every conv2d) on wasm. The stock
 * kernel is a scalar loop; this runs it on XNNPACK's conv2d by sub-pixel decomposition: output
 * row h' = h + pT = q·s + r only meets filter rows a ≡ r (mod s), so each of the s_h·s_w phases is
 * a stride-1 conv of dy with a ⌈k/s⌉-tap sub-filter (no zero-upsampled input, no multiply by 0).
 * Two layouts: all phases stacked on the output channels of one conv, then a pixel shuffle and a
 * crop (few channels); or one conv per phase over exactly its rows, interleaved on the heap.
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

export function conv2DBackpropInputStacked(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, inChannels: cin, outHeight: oh, outWidth: ow } = info;
  const pT = info.padInfo.top;
  const pL = info.padInfo.left;
  const gh = subPixelGeometry(info.inHeight, oh, kh, sh, pT);
  const gw = subPixelGeometry(info.inWidth, ow, kw, sw, pL);
  const k = subPixelFilter(f32View(backend, filter), filter.shape, sh, sw);
  const kt = fromValues(backend, k.values, k.shape);
  const y = run(backend, 'Conv2D', { x: dy, filter: kt }, {
    strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC',
    pad: [[0, 0], [gh.taps - 1, gh.padAfter], [gw.taps - 1, gw.padAfter], [0, 0]],
  }); // [N, Q, P, sh·sw·Cin]
  dispose(backend, kt);
  return pixelShuffleCrop(backend, y, sh, sw, cin, [...info.inShape], pT, pL);
}

export function conv2DBackpropInput({ inputs, backend, attrs }: {
  inputs: Conv2DBackpropInputInputs; backend: BackendWasm; attrs: Conv2DBackpropInputAttrs;
}): TensorInfo {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  if (dataFormat === 'NCHW') throw new Error(`wasm Conv2DBackpropInput supports dataFormat 'NHWC' only, got 'NCHW'`);
  const info = backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  // Per-phase convs skip the stacked form's wasted edge rows and zero taps (DCGAN 4x4 s2 'same',
  // batch 64: 38 vs 67 ms at 128 channels, 37 vs 46 at 64), but with few channels XNNPACK runs
  // narrow outputs slowly and the interleave copies are short: stacked wins below ~16 (5 vs 11 ms at 3).
  const phased = info.strideHeight * info.strideWidth > 1 && info.inChannels >= 16 ? conv2DBackpropInputPhases(backend, dy, filter, info) : null;
  return phased ?? conv2DBackpropInputStacked(backend, dy, filter, info);
}

export const conv2DBackpropInputConfig = wasmKernel(Conv2DBackpropInput, conv2DBackpropInput);

/** One phase's 1-D geometry: first filter tap, tap count, dy padding before, rows computed/kept. */
interface PhaseAxis { a0: number; taps: number; padBefore: number; padAfter: number; keep: number }

/** 'skip': the phase meets no filter tap or keeps no row (its output stays 0); 'unsupported': it would need a negative pad. */
function phaseAxis(r: number, s: number, k: number, pad: number, inSize: number, outSize: number): PhaseAxis | 'skip' | 'unsupported' {
  const a0 = (r + pad) % s;
  const taps = a0 < k ? Math.ceil((k - a0) / s) : 0;
  const keep = Math.ceil((inSize - r) / s);
  if (taps === 0 || keep <= 0) return 'skip';
  const padBefore = taps - 1 - Math.floor((r + pad) / s);
  if (padBefore < 0) return 'unsupported';
  // Valid-conv output length = padBefore + outSize + padAfter − taps + 1 must reach `keep`.
  const padAfter = Math.max(0, keep + taps - 1 - padBefore - outSize);
  return { a0, taps, padBefore, padAfter, keep };
}

/** Phase (rh, rw)'s sub-filter [Th, Tw, Cout, Cin]: tap (u, v) = W[a0h + sh·(Th−1−u), a0w + sw·(Tw−1−v)]ᵀ. */
function phaseFilter(w: Float32Array, [, kw, cin, cout]: number[], ph: PhaseAxis, pw: PhaseAxis, sh: number, sw: number): Float32Array {
  const out = new Float32Array(ph.taps * pw.taps * cout * cin);
  for (let u = 0; u < ph.taps; u++) {
    const a = ph.a0 + sh * (ph.taps - 1 - u);
    for (let v = 0; v < pw.taps; v++) {
      const b = pw.a0 + sw * (pw.taps - 1 - v);
      const src = (a * kw + b) * cin * cout;
      const dst = (u * pw.taps + v) * cout * cin;
      for (let ci = 0; ci < cin; ci++) for (let co = 0; co < cout; co++) out[dst + co * cin + ci] = w[src + ci * cout + co];
    }
  }
  return out;
}

/**
 * The same product as one conv per phase, each over exactly the rows it keeps (no edge rows
 * wasted as in the stacked form), interleaved on the heap. Null when a phase would need a
 * negative padding (large explicit pads): the stacked form handles those.
 */
export function conv2DBackpropInputPhases(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo | null {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, inChannels: cin, inHeight: h, inWidth: w, batchSize: n, outHeight: oh, outWidth: ow } = info;
  const axesH = Array.from({ length: sh }, (_, r) => phaseAxis(r, sh, kh, info.padInfo.top, h, oh));
  const axesW = Array.from({ length: sw }, (_, r) => phaseAxis(r, sw, kw, info.padInfo.left, w, ow));
  if (axesH.includes('unsupported') || axesW.includes('unsupported')) return null;
  const dx = backend.makeOutput([n, h, w, cin], 'float32');
  f32View(backend, dx).fill(0);
  for (let rh = 0; rh < sh; rh++) {
    const ph = axesH[rh];
    if (typeof ph === 'string') continue;
    for (let rw = 0; rw < sw; rw++) {
      const pw = axesW[rw];
      if (typeof pw === 'string') continue;
      const k = fromValues(backend, phaseFilter(f32View(backend, filter), filter.shape, ph, pw, sh, sw), [ph.taps, pw.taps, filter.shape[3], cin]);
      const y = run(backend, 'Conv2D', { x: dy, filter: k }, {
        strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC',
        pad: [[0, 0], [ph.padBefore, ph.padAfter], [pw.padBefore, pw.padAfter], [0, 0]],
      });
      const [, yq, yp] = y.shape;
      const src = f32View(backend, y);
      const dst = f32View(backend, dx);
      for (let b = 0; b < n; b++) {
        for (let q = 0; q < ph.keep; q++) {
          const rowIn = (b * yq + q) * yp * cin;
          const rowOut = (b * h + q * sh + rh) * w * cin;
          for (let p = 0; p < pw.keep; p++) {
            const from = rowIn + p * cin;
            dst.set(src.subarray(from, from + cin), rowOut + (p * sw + rw) * cin);
          }
        }
      }
      dispose(backend, k, y);
    }
  }
  return dx;
}
