/**
 * Slices, splits and concatenations across an inner axis on onnxruntime. tfjs's cpu kernels copy
 * a strided slice element by element through a TensorBuffer (SplitV of a [64,16,16,80] activation
 * into 8 + 8 + 64 channels: 600 ms) and concatenate row by row. Contiguous slices, concatenation
 * along the leading axis and small tensors stay on the cpu kernels, which copy whole blocks there.
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { backend_util, slice_util, util } from '@tensorflow/tfjs-core';
import { cpuFallback, onnxKernel, type OnnxBackend } from '../backend';
import { GraphBuilder } from '../graph';
import { MIN_ORT_ELEMENTS } from './elementwise';

type Args = { inputs: Record<string, TensorInfo>; backend: OnnxBackend; attrs: Record<string, unknown> };
interface Part {
  begin: number[];
  size: number[];
}

/** Whether onnxruntime should copy these parts of x (float32, large enough, some part strided). */
function worthIt(x: TensorInfo, parts: readonly Part[]): boolean {
  return x.dtype === 'float32' && util.sizeFromShape(x.shape) >= MIN_ORT_ELEMENTS && parts.some((p) => !slice_util.isSliceContinous(x.shape, p.begin, p.size));
}

/** The parts of x, all from one graph (one Slice node each). */
function slices(backend: OnnxBackend, x: TensorInfo, parts: readonly Part[]): TensorInfo[] {
  const axes = x.shape.map((_, i) => i);
  return backend.runGraph(
    `Slice|${x.shape};${parts.map((p) => `${p.begin}/${p.size}`).join(';')}`,
    () => {
      const g = new GraphBuilder();
      const xi = g.input(x.shape);
      for (const { begin, size } of parts) {
        g.output(g.op('Slice', [xi, g.ints(begin), g.ints(begin.map((b, i) => b + size[i])), g.ints(axes)]), size);
      }
      return g;
    },
    [x],
    parts.map((p) => p.size),
  );
}

function slice(args: Args): TensorInfo {
  const x = args.inputs.x;
  const [begin, size] = slice_util.parseSliceParams(x, args.attrs.begin as number[], args.attrs.size as number[]);
  if (!worthIt(x, [{ begin, size }])) return cpuFallback('Slice', args);
  return slices(args.backend, x, [{ begin, size }])[0];
}

function splitV(args: Args): TensorInfo | TensorInfo[] {
  const x = args.inputs.x;
  const axis = util.parseAxisParam(args.attrs.axis as number, x.shape)[0];
  const sizes = backend_util.prepareSplitSize(x, args.attrs.numOrSizeSplits as number | number[], axis);
  let at = 0;
  const parts = sizes.map((s) => {
    const begin = x.shape.map((_, i) => (i === axis ? at : 0));
    at += s;
    return { begin, size: x.shape.map((d, i) => (i === axis ? s : d)) };
  });
  if (!worthIt(x, parts)) return cpuFallback('SplitV', args);
  return slices(args.backend, x, parts);
}

function concat(args: Args): TensorInfo {
  const ts = Object.values(args.inputs);
  const axis = util.parseAxisParam(args.attrs.axis as number, ts[0].shape)[0];
  const out = backend_util.computeOutShape(ts.map((t) => t.shape), axis);
  const leading = ts[0].shape.slice(0, axis).every((d) => d === 1);
  if (ts.length < 2 || leading || ts.some((t) => t.dtype !== 'float32' || util.sizeFromShape(t.shape) === 0) || util.sizeFromShape(out) < MIN_ORT_ELEMENTS) {
    return cpuFallback('Concat', args);
  }
  return args.backend.runGraph(
    `Concat|${ts.map((t) => `[${t.shape}]`).join('')};${axis}`,
    () => {
      const g = new GraphBuilder();
      g.output(g.op('Concat', ts.map((t) => g.input(t.shape)), { axis }), out);
      return g;
    },
    ts,
    [out],
  )[0];
}

export const sliceKernels: KernelConfig[] = [onnxKernel('Slice', slice), onnxKernel('SplitV', splitV), onnxKernel('Concat', concat)];
