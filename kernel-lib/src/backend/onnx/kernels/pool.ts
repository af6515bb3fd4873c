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
 * Calls `visit(outIndex, inIndexOfMax)` for every output element; inIndexOfMax is −1 when the
 * window holds no number above −∞ (as in tfjs, such an output gets no gradient).
 */
function scanMax(x: Float32Array, c: backend_util.Conv2DInfo, visit: (o: number, i: number, v: number) => void): void {
  const { batchSize: n, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c;
  const { filterHeight: KH, filterWidth: KW, strideHeight: SH, strideWidth: SW } = c;
  const top = c.padInfo.top;
  const left = c.padInfo.left;
  const best = new Float32Array(C);
  const at = new Int32Array(C);
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
        best.fill(Number.NEGATIVE_INFINITY);
        at.fill(-1);
        for (let h = hs; h < he; h++) {
          for (let w = ws; w < we; w++) {
            const base = ((b * H + h) * W + w) * C;
            for (let ch = 0; ch < C; ch++) {
              const v = x[base + ch];
              if (v > best[ch]) {
                best[ch] = v;
                at[ch] = base + ch;
              }
            }
          }
        }
        for (let ch = 0; ch < C; ch++) visit(o + ch, at[ch], best[ch]);
        o += C;
      }
    }
  }
}

function maxPool(args: Args<MaxPoolAttrs>): TensorInfo {
  const x = args.inputs.x!;
  const c = poolInfo(x.shape, args.attrs);
  if (x.dtype !== 'float32' || x.shape.length !== 4) return cpuFallback('MaxPool', args);
  const xv = args.backend.data.get(x.dataId).values as Float32Array;
  const out = new Float32Array(c.batchSize * c.outHeight * c.outWidth * c.outChannels);
  // tfjs pads with −∞ and keeps −∞ for a window without numbers; NaNs never win the comparison.
  scanMax(xv, c, (o, _i, v) => {
    out[o] = v;
  });
  return args.backend.makeTensorInfo(c.outShape, 'float32', out);
}

function maxPoolGrad(args: Args<MaxPoolGradAttrs>): TensorInfo {
  const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
  if (input.dtype !== 'float32' || input.shape.length !== 4) return cpuFallback('MaxPoolGrad', args);
  const c = poolInfo(input.shape, args.attrs);
  const xv = args.backend.data.get(input.dataId).values as Float32Array;
  const dyv = args.backend.data.get(dy.dataId).values as Float32Array;
  const dx = new Float32Array(xv.length);
  scanMax(xv, c, (o, i) => {
    if (i >= 0) dx[i] += dyv[o];
  });
  return args.backend.makeTensorInfo([...input.shape], 'float32', dx);
}

export const poolKernels: KernelConfig[] = [onnxKernel('MaxPool', maxPool), onnxKernel('MaxPoolGrad', maxPoolGrad)];
