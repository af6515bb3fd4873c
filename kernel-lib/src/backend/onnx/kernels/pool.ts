/**
 * Max pooling and its gradient as flat NHWC loops over typed arrays. onnxruntime's MaxPool is NCHW
 * only (two full transposes per call) and ONNX has no pooling gradient, while the cpu backend's
 * versions index through TensorBuffer.get per element; a channel-innermost loop is several times
 * faster than either and keeps tfjs's tie rule (the first maximum in scan order gets the gradient).
 */
import type { KernelConfig, MaxPoolAttrs, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { backend_util } from '@tensorflow/tfjs-core';
import { cpuFallback, intDims, onnxKernel, type OnnxBackend } from '../backend';

type Shape4 = [number, number, number, number];
type Args<A> = { inputs: Record<string, TensorInfo | undefined>; backend: OnnxBackend; attrs: A };

function poolInfo(xShape: readonly number[], attrs: MaxPoolAttrs): backend_util.Conv2DInfo {
  return backend_util.computePool2DInfo(xShape as Shape4, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
}

/**
 * One pass over every pooling window, channel by channel. With `out` it writes each window's
 * maximum (−∞ for a window without numbers, as tfjs pads with −∞ and NaN never wins); with `dx`
 * it adds dy to the position of the first maximum in scan order, tfjs's tie rule.
 */
function poolPass(x: Float32Array, c: backend_util.Conv2DInfo, out: Float32Array | null, dx: Float32Array | null, dy: Float32Array | null): void {
  const [n, H, W, C, OH, OW] = intDims([c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth]);
  const [KH, KW, SH, SW, top, left] = intDims([c.filterHeight, c.filterWidth, c.strideHeight, c.strideWidth, c.padInfo.top, c.padInfo.left]);
  const rowStride = W * C;
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * SH - top;
      const hs = Math.max(0, h0);
      const he = Math.min(H, h0 + KH);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = ow * SW - left;
        const ws = Math.max(0, w0);
        const we = Math.min(W, w0 + KW);
        const corner = ((b * H + hs) * W + ws) * C;
        for (let ch = 0; ch < C; ch++, o++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let h = hs, row = corner + ch; h < he; h++, row += rowStride) {
            for (let w = ws, i = row; w < we; w++, i += C) {
              const v = x[i];
              if (v > best) {
                best = v;
                at = i;
              }
            }
          }
          if (out) out[o] = best;
          else if (at >= 0) dx![at] += dy![o];
        }
      }
    }
  }
}

/** The common 2×2, stride-2, unpadded pool over even sizes: every window is complete. */
function isHalving(c: backend_util.Conv2DInfo): boolean {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo: p } = c;
  return kh === 2 && kw === 2 && sh === 2 && sw === 2 && p.top === 0 && p.left === 0 && c.inHeight === 2 * c.outHeight && c.inWidth === 2 * c.outWidth;
}

/** Window position of each output's first maximum (0–3 in scan order; NONE: no number in the window). */
const NONE = 255;

/**
 * Window maxima of a halving pool, kept per forward output so that the gradient is a scatter of dy
 * (no second pass of comparisons over x). Keyed by the output's data: the saved output tfjs hands to
 * MaxPoolGrad shares it, and the entry goes when the tensor's data is collected.
 */
const argmaxByOutput = new WeakMap<object, Uint8Array>();

/** The halving pool unrolled (same comparisons in the same order as poolPass: first max wins). */
function halvingForward(x: Float32Array, c: backend_util.Conv2DInfo, out: Float32Array, arg: Uint8Array): void {
  const [n, W, C, OH, OW] = intDims([c.batchSize, c.inWidth, c.inChannels, c.outHeight, c.outWidth]);
  const row = W * C;
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0, base = (b * OH * 2 + oh * 2) * row; ow < OW; ow++, base += 2 * C) {
        for (let i = base, end = base + C; i < end; i++, o++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = NONE;
          let v = x[i];
          if (v > best) {
            best = v;
            at = 0;
          }
          v = x[i + C];
          if (v > best) {
            best = v;
            at = 1;
          }
          v = x[i + row];
          if (v > best) {
            best = v;
            at = 2;
          }
          v = x[i + row + C];
          if (v > best) {
            best = v;
            at = 3;
          }
          out[o] = best;
          arg[o] = at;
        }
      }
    }
  }
}

/** dx of a halving pool from the forward's window maxima: each dy lands on its window's maximum. */
function halvingBackward(arg: Uint8Array, dy: Float32Array, c: backend_util.Conv2DInfo, dx: Float32Array): void {
  const [n, W, C, OH, OW] = intDims([c.batchSize, c.inWidth, c.inChannels, c.outHeight, c.outWidth]);
  const row = W * C;
  const offset = [0, C, row, row + C];
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0, base = (b * OH * 2 + oh * 2) * row; ow < OW; ow++, base += 2 * C) {
        for (let i = base, end = base + C; i < end; i++, o++) {
          const at = arg[o];
          if (at !== NONE) dx[i + offset[at]] = dy[o];
        }
      }
    }
  }
}

function maxPool(args: Args<MaxPoolAttrs>): TensorInfo {
  const x = args.inputs.x!;
  if (x.dtype !== 'float32' || x.shape.length !== 4) return cpuFallback('MaxPool', args);
  const c = poolInfo(x.shape, args.attrs);
  const out = args.backend.outputBuffer(c.batchSize * c.outHeight * c.outWidth * c.outChannels);
  const xv = args.backend.data.get(x.dataId).values as Float32Array;
  if (!isHalving(c)) {
    poolPass(xv, c, out, null, null);
    return args.backend.makeTensorInfo(c.outShape, 'float32', out);
  }
  const arg = new Uint8Array(out.length);
  halvingForward(xv, c, out, arg);
  const y = args.backend.makeTensorInfo(c.outShape, 'float32', out);
  argmaxByOutput.set(y.dataId, arg);
  return y;
}

function maxPoolGrad(args: Args<MaxPoolGradAttrs>): TensorInfo {
  const { dy, input, output } = args.inputs as { dy: TensorInfo; input: TensorInfo; output: TensorInfo };
  if (input.dtype !== 'float32' || input.shape.length !== 4) return cpuFallback('MaxPoolGrad', args);
  const c = poolInfo(input.shape, args.attrs);
  const xv = args.backend.data.get(input.dataId).values as Float32Array;
  // Zeroed: both paths scatter into it.
  const dx = args.backend.outputBuffer(xv.length).fill(0);
  const dyv = args.backend.data.get(dy.dataId).values as Float32Array;
  const arg = isHalving(c) ? argmaxByOutput.get(output.dataId) : undefined;
  if (arg && arg.length === dyv.length) halvingBackward(arg, dyv, c, dx);
  else poolPass(xv, c, null, dx, dyv);
  return args.backend.makeTensorInfo([...input.shape], 'float32', dx);
}

export const poolKernels: KernelConfig[] = [onnxKernel('MaxPool', maxPool), onnxKernel('MaxPoolGrad', maxPoolGrad)];
