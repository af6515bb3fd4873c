/**
 * Max pooling and its gradient as flat NHWC loops over typed arrays. onnxruntime's MaxPool is NCHW
 * only (two full transposes per call) and ONNX has no pooling gradient, while the cpu backend's
 * versions index through TensorBuffer.get per element; a channel-innermost loop is several times
 * faster than either and keeps tfjs's tie rule (the first maximum in scan order gets the gradient).
 */
import type { KernelConfig, MaxPoolAttrs, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { backend_util } from '@tensorflow/tfjs-core';
import { cpuFallback, onnxKernel, type OnnxBackend } from '../backend';

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
  if (isHalving(c)) {
    halvingPass(x, c, out, dx, dy);
    return;
  }
  const { batchSize: n, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c;
  const { filterHeight: KH, filterWidth: KW, strideHeight: SH, strideWidth: SW } = c;
  const rowStride = W * C;
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * SH - c.padInfo.top;
      const hs = Math.max(0, h0);
      const he = Math.min(H, h0 + KH);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = ow * SW - c.padInfo.left;
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

/** poolPass for halving windows, unrolled (same comparisons in the same order: first max wins). */
function halvingPass(x: Float32Array, c: backend_util.Conv2DInfo, out: Float32Array | null, dx: Float32Array | null, dy: Float32Array | null): void {
  const { batchSize: n, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c;
  const row = W * C;
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const base = ((b * OH * 2 + oh * 2) * W + ow * 2) * C;
        for (let ch = 0; ch < C; ch++, o++) {
          const i0 = base + ch;
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          let v = x[i0];
          if (v > best) {
            best = v;
            at = i0;
          }
          v = x[i0 + C];
          if (v > best) {
            best = v;
            at = i0 + C;
          }
          v = x[i0 + row];
          if (v > best) {
            best = v;
            at = i0 + row;
          }
          v = x[i0 + row + C];
          if (v > best) {
            best = v;
            at = i0 + row + C;
          }
          if (out) out[o] = best;
          else if (at >= 0) dx![at] += dy![o];
        }
      }
    }
  }
}

function maxPool(args: Args<MaxPoolAttrs>): TensorInfo {
  const x = args.inputs.x!;
  if (x.dtype !== 'float32' || x.shape.length !== 4) return cpuFallback('MaxPool', args);
  const c = poolInfo(x.shape, args.attrs);
  const out = new Float32Array(c.batchSize * c.outHeight * c.outWidth * c.outChannels);
  poolPass(args.backend.data.get(x.dataId).values as Float32Array, c, out, null, null);
  return args.backend.makeTensorInfo(c.outShape, 'float32', out);
}

function maxPoolGrad(args: Args<MaxPoolGradAttrs>): TensorInfo {
  const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
  if (input.dtype !== 'float32' || input.shape.length !== 4) return cpuFallback('MaxPoolGrad', args);
  const c = poolInfo(input.shape, args.attrs);
  const xv = args.backend.data.get(input.dataId).values as Float32Array;
  const dx = new Float32Array(xv.length);
  poolPass(xv, c, null, dx, args.backend.data.get(dy.dataId).values as Float32Array);
  return args.backend.makeTensorInfo([...input.shape], 'float32', dx);
}

export const poolKernels: KernelConfig[] = [onnxKernel('MaxPool', maxPool), onnxKernel('MaxPoolGrad', maxPoolGrad)];
