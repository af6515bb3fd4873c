/**
 * Elementwise maps, broadcasts, reductions and transposes on onnxruntime. The cpu backend's JS loops
 * for these (e.g. 250 ms for batch moments of a [64,16,16,64] activation) cost more than the convs
 * of a training step; MLAS does them at memory speed. Small tensors stay on the cpu kernels, where a
 * JS loop beats the ~10 µs of a session call.
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { backend_util, util } from '@tensorflow/tfjs-core';
import { cpuFallback, onnxKernel, type OnnxBackend } from '../backend';
import { GraphBuilder } from '../graph';

/** Below this many elements a kernel runs on the cpu backend. */
export const MIN_ORT_ELEMENTS = 4096;

type Args = { inputs: Record<string, TensorInfo | undefined>; backend: OnnxBackend; attrs: Record<string, unknown> };

function size(shape: readonly number[]): number {
  return util.sizeFromShape(shape as number[]);
}

function allFloat(ts: readonly TensorInfo[]): boolean {
  return ts.every((t) => t.dtype === 'float32');
}

/** One-input maps: the ONNX nodes that compute each from input `x`. */
const UNARY: Record<string, (g: GraphBuilder, x: string, attrs: Record<string, unknown>) => string> = {
  Relu: (g, x) => g.op('Relu', [x]),
  Relu6: (g, x) => g.op('Clip', [x, g.floats([0], []), g.floats([6], [])]),
  Tanh: (g, x) => g.op('Tanh', [x]),
  Sigmoid: (g, x) => g.op('Sigmoid', [x]),
  Exp: (g, x) => g.op('Exp', [x]),
  Log: (g, x) => g.op('Log', [x]),
  Neg: (g, x) => g.op('Neg', [x]),
  Sqrt: (g, x) => g.op('Sqrt', [x]),
  Rsqrt: (g, x) => g.op('Reciprocal', [g.op('Sqrt', [x])]),
  Reciprocal: (g, x) => g.op('Reciprocal', [x]),
  Square: (g, x) => g.op('Mul', [x, x]),
  Abs: (g, x) => g.op('Abs', [x]),
  Softplus: (g, x) => g.op('Softplus', [x]),
  Elu: (g, x) => g.op('Elu', [x], { alpha: { float: 1 } }),
  LeakyRelu: (g, x, a) => g.op('LeakyRelu', [x], { alpha: { float: Number(a.alpha) } }),
  // tfjs step: 1 where x > 0, alpha elsewhere, NaN stays NaN.
  Step: (g, x, a) =>
    g.op('Where', [
      g.op('IsNaN', [x]),
      x,
      g.op('Where', [g.op('Greater', [x, g.floats([0], [])]), g.floats([1], []), g.floats([Number(a.alpha ?? 0)], [])]),
    ]),
};

const BINARY: Record<string, (g: GraphBuilder, a: string, b: string) => string> = {
  Add: (g, a, b) => g.op('Add', [a, b]),
  Sub: (g, a, b) => g.op('Sub', [a, b]),
  Multiply: (g, a, b) => g.op('Mul', [a, b]),
  RealDiv: (g, a, b) => g.op('Div', [a, b]),
  Maximum: (g, a, b) => g.op('Max', [a, b]),
  Minimum: (g, a, b) => g.op('Min', [a, b]),
  SquaredDifference: (g, a, b) => {
    const d = g.op('Sub', [a, b]);
    return g.op('Mul', [d, d]);
  },
};

function unaryKernel(name: string): KernelConfig {
  const build = UNARY[name];
  return onnxKernel(name, (args: Args) => {
    const x = args.inputs.x!;
    if (x.dtype !== 'float32' || size(x.shape) < MIN_ORT_ELEMENTS) return cpuFallback(name, args);
    const attrKey = JSON.stringify(args.attrs ?? {});
    return args.backend.runGraph(
      `${name}|${x.shape};${attrKey}`,
      () => {
        const g = new GraphBuilder();
        g.output(build(g, g.input(x.shape), args.attrs ?? {}), x.shape);
        return g;
      },
      [x],
      [x.shape],
    )[0];
  });
}

/**
 * onnxruntime broadcasts a vector along the last axis (a bias: [C] against [..., C]) in spans of C
 * elements, slow for few channels ([64,32,32,3] + [3]: 1.24 ms, 4× a same-shape add). Viewed as
 * [M/k, k·C] against the vector tiled k times the spans are long and the values the same. Returns
 * that k (1 where it does not apply).
 */
function vectorTiling(full: readonly number[], vector: readonly number[]): number {
  const c = full[full.length - 1];
  if (c >= 256 || vector[vector.length - 1] !== c || size(vector) !== c) return 1;
  const rows = size(full) / c;
  for (let k = Math.min(rows, Math.floor(1024 / c)); k > 1; k--) if (rows % k === 0) return k;
  return 1;
}

function binaryKernel(name: string): KernelConfig {
  const build = BINARY[name];
  return onnxKernel(name, (args: Args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    if (!allFloat([a, b])) return cpuFallback(name, args);
    const out = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    if (size(out) < MIN_ORT_ELEMENTS) return cpuFallback(name, args);
    const [aFull, bFull] = [util.arraysEqual(a.shape, out), util.arraysEqual(b.shape, out)];
    const k = aFull && !bFull ? vectorTiling(out, b.shape) : bFull && !aFull ? vectorTiling(out, a.shape) : 1;
    // Tiled, the graph sees views: the full input as [M/k, k·C], the vector as [C]; the output's
    // data is relabelled with the broadcast shape (no Reshape copies in the graph).
    const c = out[out.length - 1];
    const rows = [size(out) / (k * c), k * c];
    const view = (t: TensorInfo, full: boolean): TensorInfo => (k === 1 ? t : { ...t, shape: full ? rows : [c] });
    const [av, bv] = [view(a, aFull), view(b, bFull)];
    const y = args.backend.runGraph(
      `${name}|${av.shape};${bv.shape};${k}`,
      () => {
        const g = new GraphBuilder();
        const tiled = (t: TensorInfo, full: boolean) => (k === 1 || full ? g.input(t.shape) : g.op('Tile', [g.input(t.shape), g.ints([k])]));
        g.output(build(g, tiled(av, aFull), tiled(bv, bFull)), k === 1 ? out : rows);
        return g;
      },
      [av, bv],
      [k === 1 ? out : rows],
    )[0];
    return { ...y, shape: out };
  });
}

const REDUCE: Record<string, string> = { Sum: 'ReduceSum', Mean: 'ReduceMean', Max: 'ReduceMax', Min: 'ReduceMin' };

function reduceKernel(name: string): KernelConfig {
  return onnxKernel(name, (args: Args) => {
    const x = args.inputs.x!;
    if (x.dtype !== 'float32' || size(x.shape) < MIN_ORT_ELEMENTS) return cpuFallback(name, args);
    // Sum and Mean name their axes `axis`, Max and Min `reductionIndices`.
    const axes = util.parseAxisParam((args.attrs.axis ?? args.attrs.reductionIndices) as number | number[], x.shape);
    const keepDims = Boolean(args.attrs.keepDims);
    const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    const out = keepDims ? kept : x.shape.filter((_, i) => !axes.includes(i));
    return args.backend.runGraph(
      `${name}|${x.shape};${axes};${keepDims}`,
      () => {
        const g = new GraphBuilder();
        const xi = g.input(x.shape);
        // Opset 17: ReduceSum takes axes as an input, the others as an attribute.
        const r = name === 'Sum' ? g.op('ReduceSum', [xi, g.ints(axes)], { keepdims: 1 }) : g.op(REDUCE[name], [xi], { axes, keepdims: 1 });
        g.output(g.reshape(r, out), out);
        return g;
      },
      [x],
      [out],
    )[0];
  });
}

function transpose(args: Args): TensorInfo {
  const x = args.inputs.x!;
  const perm = args.attrs.perm as number[];
  if (x.dtype !== 'float32' || size(x.shape) < MIN_ORT_ELEMENTS) return cpuFallback('Transpose', args);
  const out = perm.map((p) => x.shape[p]);
  return args.backend.runGraph(
    `Transpose|${x.shape};${perm}`,
    () => {
      const g = new GraphBuilder();
      g.output(g.transpose(g.input(x.shape), perm), out);
      return g;
    },
    [x],
    [out],
  )[0];
}

function addN(args: Args): TensorInfo {
  const ts = Object.values(args.inputs) as TensorInfo[];
  if (!allFloat(ts) || size(ts[0].shape) < MIN_ORT_ELEMENTS) return cpuFallback('AddN', args);
  const shape = ts[0].shape;
  return args.backend.runGraph(
    `AddN|${shape};${ts.length}`,
    () => {
      const g = new GraphBuilder();
      const ins = ts.map(() => g.input(shape));
      g.output(g.op('Sum', ins), shape);
      return g;
    },
    ts,
    [shape],
  )[0];
}

function softmax(args: Args): TensorInfo {
  const logits = args.inputs.logits!;
  const dim = args.attrs.dim as number;
  const axis = dim < 0 ? dim + logits.shape.length : dim;
  if (logits.dtype !== 'float32' || size(logits.shape) < MIN_ORT_ELEMENTS || axis !== logits.shape.length - 1) {
    return cpuFallback('Softmax', args);
  }
  return args.backend.runGraph(
    `Softmax|${logits.shape}`,
    () => {
      const g = new GraphBuilder();
      g.output(g.op('Softmax', [g.input(logits.shape)], { axis: -1 }), logits.shape);
      return g;
    },
    [logits],
    [logits.shape],
  )[0];
}

/** y = (x − mean) · scale / √(variance + ε) + offset, each broadcast against x as tfjs does. */
function fusedBatchNorm(args: Args): TensorInfo {
  const { x, mean, variance, offset, scale } = args.inputs;
  const eps = Number(args.attrs.varianceEpsilon ?? 0.001);
  const ins = [x!, mean!, variance!, ...(offset ? [offset] : []), ...(scale ? [scale] : [])];
  if (!allFloat(ins) || size(x!.shape) < MIN_ORT_ELEMENTS) return cpuFallback('FusedBatchNorm', args);
  const key = `FusedBatchNorm|${ins.map((t) => `[${t.shape}]`).join('')};${!!offset};${!!scale};${eps}`;
  return args.backend.runGraph(
    key,
    () => {
      const g = new GraphBuilder();
      const [xi, m, v] = [g.input(x!.shape), g.input(mean!.shape), g.input(variance!.shape)];
      const o = offset ? g.input(offset.shape) : null;
      const s = scale ? g.input(scale.shape) : null;
      let inv = g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [v, g.floats([eps], [])])])]);
      if (s) inv = g.op('Mul', [inv, s]);
      let y = g.op('Mul', [g.op('Sub', [xi, m]), inv]);
      if (o) y = g.op('Add', [y, o]);
      g.output(y, x!.shape);
      return g;
    },
    ins,
    [x!.shape],
  )[0];
}

export const elementwiseKernels: KernelConfig[] = [
  ...Object.keys(UNARY).map(unaryKernel),
  ...Object.keys(BINARY).map(binaryKernel),
  ...Object.keys(REDUCE).map(reduceKernel),
  onnxKernel('Transpose', transpose),
  onnxKernel('AddN', addN),
  onnxKernel('Softmax', softmax),
  onnxKernel('FusedBatchNorm', fusedBatchNorm),
];
