/**
 * Fused gradients for the onnx backend. tfjs composes the gradients of relu, leakyRelu, batch norm,
 * sum, mean, square and softmax from several elementwise kernels (batch norm: ~9 full-size passes, mean:
 * a ones tensor, a product and a quotient), each pass a fresh buffer; here each is one
 * onnxruntime call (softmax's: one JS loop). The registered gradient of each kernel is wrapped: on any other
 * backend, or for a form we do not cover, tfjs's own gradient runs unchanged.
 */
import type { GradConfig, KernelConfig, NamedAttrMap, NamedTensorMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import { engine, getBackend, getGradient, registerGradient, util } from '@tensorflow/tfjs-core';
import { ONNX_BACKEND, onnxKernel, type OnnxBackend } from './backend';
import { GraphBuilder } from './graph';

const RELU_GRAD = 'SynthlabOnnxReluGrad';
const LEAKY_RELU_GRAD = 'SynthlabOnnxLeakyReluGrad';
const BATCH_NORM_GRAD = 'SynthlabOnnxBatchNormGrad';
const BROADCAST_GRAD = 'SynthlabOnnxBroadcastGrad';
const SQUARE_GRAD = 'SynthlabOnnxSquareGrad';
const SOFTMAX_GRAD = 'SynthlabOnnxSoftmaxGrad';

type Args = { inputs: Record<string, TensorInfo | undefined>; backend: OnnxBackend; attrs: Record<string, unknown> };

/** dx = dy where x > 0, else dy·0·x (0, or NaN where x is NaN, as tfjs's dy·step(x) gives). */
function reluGrad({ inputs, backend }: Args): TensorInfo {
  const { dy, x } = inputs as { dy: TensorInfo; x: TensorInfo };
  const build = () => {
    const g = new GraphBuilder();
    const [d, xi] = [g.input(dy.shape), g.input(x.shape)];
    const zero = g.floats([0], []);
    g.output(g.op('Where', [g.op('Greater', [xi, zero]), d, g.op('Mul', [xi, zero])]), x.shape);
    return g;
  };
  return backend.runGraph(`ReluGrad|${x.shape}`, build, [dy, x], [x.shape])[0];
}

/** dx = dy where x > 0, else α·dy (tfjs's where(x > 0, dy, α·dy)). */
function leakyReluGrad({ inputs, backend, attrs }: Args): TensorInfo {
  const { dy, x } = inputs as { dy: TensorInfo; x: TensorInfo };
  const alpha = Number(attrs.alpha);
  const build = () => {
    const g = new GraphBuilder();
    const [d, xi] = [g.input(dy.shape), g.input(x.shape)];
    g.output(g.op('Where', [g.op('Greater', [xi, g.floats([0], [])]), d, g.op('Mul', [d, g.floats([alpha], [])])]), x.shape);
    return g;
  };
  return backend.runGraph(`LeakyReluGrad|${x.shape};${alpha}`, build, [dy, x], [x.shape])[0];
}

/**
 * Batch norm over every axis but the last, per channel c with r = 1/√(var + ε), s = scale (or 1):
 * dx = dy·s·r; dOffset = Σdy; dScale = r·Σ dy(x − mean); dMean = −r·s·Σdy;
 * dVariance = −½·r³·s·Σ dy(x − mean). Two full-size passes and two reductions.
 */
function batchNormGrad({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { x, mean, variance, scale, dy } = inputs as Record<string, TensorInfo>;
  const eps = Number(attrs.varianceEpsilon);
  const c = mean.shape[0];
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const build = () => {
    const g = new GraphBuilder();
    const [xi, m, v, d] = [g.input(x.shape), g.input([c]), g.input([c]), g.input(dy.shape)];
    const s = scale ? g.input([c]) : g.floats([1], []);
    const r = g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [v, g.floats([eps], [])])])]);
    const sr = g.op('Mul', [s, r]);
    const sumDy = g.reshape(g.op('ReduceSum', [d, g.ints(axes)], { keepdims: 1 }), [c]);
    const sumDyXm = g.reshape(g.op('ReduceSum', [g.op('Mul', [d, g.op('Sub', [xi, m])]), g.ints(axes)], { keepdims: 1 }), [c]);
    g.output(g.op('Mul', [d, sr]), x.shape);
    g.output(g.op('Neg', [g.op('Mul', [sr, sumDy])]), [c]);
    const r3 = g.op('Mul', [g.op('Mul', [r, r]), sr]);
    g.output(g.op('Mul', [g.op('Mul', [r3, sumDyXm]), g.floats([-0.5], [])]), [c]);
    g.output(g.op('Mul', [r, sumDyXm]), [c]);
    g.output(sumDy, [c]);
    return g;
  };
  const ins = scale ? [x, mean, variance, dy, scale] : [x, mean, variance, dy];
  const shapes = [x.shape, [c], [c], [c], [c]];
  return backend.runGraph(`BatchNormGrad|${x.shape};${!!scale};${eps}`, build, ins, shapes);
}

/** The gradient of sum/mean: dy (divided by the reduced count for mean) broadcast back to x's shape. */
function broadcastGrad({ inputs, backend, attrs }: Args): TensorInfo {
  const dy = inputs.dy!;
  const shape = attrs.shape as number[];
  const kept = attrs.keptShape as number[];
  const divisor = Number(attrs.divisor);
  const build = () => {
    const g = new GraphBuilder();
    let d = g.reshape(g.input(dy.shape), kept);
    if (divisor !== 1) d = g.op('Div', [d, g.floats([divisor], [])]);
    g.output(g.op('Expand', [d, g.ints(shape)]), shape);
    return g;
  };
  return backend.runGraph(`BroadcastGrad|${dy.shape};${kept};${shape};${divisor}`, build, [dy], [shape])[0];
}

/** dx = dy·(2x), in tfjs's order of operations. */
function squareGrad({ inputs, backend }: Args): TensorInfo {
  const { dy, x } = inputs as { dy: TensorInfo; x: TensorInfo };
  const build = () => {
    const g = new GraphBuilder();
    const [d, xi] = [g.input(dy.shape), g.input(x.shape)];
    g.output(g.op('Mul', [d, g.op('Mul', [xi, g.floats([2], [])])]), x.shape);
    return g;
  };
  return backend.runGraph(`SquareGrad|${x.shape}`, build, [dy, x], [x.shape])[0];
}

/**
 * Softmax over the last axis: dx = y·(dy − Σ dy·y), one loop per row (tfjs: a product, a sum, a
 * product and a difference, each a full-size buffer: 36 ms per [64,256,256] attention map against 6).
 * A JS loop: the row stays in cache, and no onnxruntime graph does it in one pass.
 */
function softmaxGrad({ inputs, backend }: Args): TensorInfo {
  const { dy, y } = inputs as { dy: TensorInfo; y: TensorInfo };
  const [d, p] = [backend.typedValues(dy) as Float32Array, backend.typedValues(y) as Float32Array];
  const cols = y.shape[y.shape.length - 1];
  const dx = backend.outputBuffer(p.length);
  for (let row = 0; row < p.length; row += cols) {
    const end = row + cols;
    let s = 0;
    for (let j = row; j < end; j++) s += d[j] * p[j];
    for (let j = row; j < end; j++) dx[j] = p[j] * (d[j] - s);
  }
  return backend.makeTensorInfo(y.shape, 'float32', dx);
}

export const gradientKernels: KernelConfig[] = [
  onnxKernel(SOFTMAX_GRAD, softmaxGrad),
  onnxKernel(BROADCAST_GRAD, broadcastGrad),
  onnxKernel(SQUARE_GRAD, squareGrad),
  onnxKernel(RELU_GRAD, reluGrad),
  onnxKernel(LEAKY_RELU_GRAD, leakyReluGrad),
  onnxKernel(BATCH_NORM_GRAD, batchNormGrad),
];

type GradFunc = GradConfig['gradFunc'];

function onOnnx(): boolean {
  return getBackend() === ONNX_BACKEND;
}

/** Sum and Mean: tfjs multiplies dy by a ones tensor of x's shape (and divides for mean). */
function reductionGrad(mean: boolean): (original: GradFunc) => GradFunc {
  return (original) => (dy, saved, attrs) => {
    const [x] = saved;
    if (!onOnnx() || x.dtype !== 'float32' || (dy as Tensor).dtype !== 'float32') return original(dy, saved, attrs);
    const axes = util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    const divisor = mean ? axes.reduce((n, a) => n * x.shape[a], 1) : 1;
    return { x: () => engine().runKernel(BROADCAST_GRAD, { dy: dy as Tensor }, { shape: x.shape, keptShape: kept, divisor } as unknown as NamedAttrMap) as Tensor };
  };
}

const FUSED: Record<string, (original: GradFunc) => GradFunc> = {
  Sum: reductionGrad(false),
  Mean: reductionGrad(true),
  Square: (original) => (dy, saved, attrs) => {
    const [x] = saved;
    if (!onOnnx() || x.dtype !== 'float32') return original(dy, saved, attrs);
    return { x: () => engine().runKernel(SQUARE_GRAD, { dy: dy as Tensor, x }) as Tensor };
  },
  Softmax: (original) => (dy, saved, attrs) => {
    const [y] = saved;
    const dim = Number(attrs.dim);
    if (!onOnnx() || y.dtype !== 'float32' || (dim !== -1 && dim !== y.rank - 1)) return original(dy, saved, attrs);
    return { logits: () => engine().runKernel(SOFTMAX_GRAD, { dy: dy as Tensor, y }) as Tensor };
  },
  Relu: (original) => (dy, saved, attrs) => {
    const [x] = saved;
    if (!onOnnx() || x.dtype !== 'float32') return original(dy, saved, attrs);
    return { x: () => engine().runKernel(RELU_GRAD, { dy: dy as Tensor, x }) as Tensor };
  },
  LeakyRelu: (original) => (dy, saved, attrs) => {
    const [x] = saved;
    if (!onOnnx() || x.dtype !== 'float32') return original(dy, saved, attrs);
    return { x: () => engine().runKernel(LEAKY_RELU_GRAD, { dy: dy as Tensor, x }, { alpha: attrs.alpha } as NamedAttrMap) as Tensor };
  },
  FusedBatchNorm: (original) => (dy, saved, attrs) => {
    const [x, mean, variance, scale] = saved;
    const c = mean.shape[0];
    const perChannel = (t: Tensor | undefined) => !t || (t.rank === 1 && t.shape[0] === c);
    if (!onOnnx() || mean.rank !== 1 || x.shape[x.rank - 1] !== c || !perChannel(variance) || !perChannel(scale)) {
      return original(dy, saved, attrs);
    }
    const inputs: NamedTensorMap = { x, mean, variance, dy: dy as Tensor };
    if (scale) inputs.scale = scale;
    const [dx, dMean, dVariance, dScale, dOffset] = engine().runKernel(BATCH_NORM_GRAD, inputs, attrs) as Tensor[];
    return { x: () => dx, mean: () => dMean, variance: () => dVariance, scale: () => dScale, offset: () => dOffset };
  },
};

let wrapped = false;

/**
 * Wraps the registered gradients of Relu, LeakyRelu, FusedBatchNorm, Sum, Mean, Square and Softmax once. tfjs's gradients
 * must be registered first (importing kernel-lib's `tf` does that).
 */
export function registerFusedGradients(): void {
  if (wrapped) return;
  for (const [name, fuse] of Object.entries(FUSED)) {
    const original = getGradient(name);
    if (!original) continue;
    registerGradient({ ...original, gradFunc: fuse(original.gradFunc) });
  }
  wrapped = true;
}
