/**
 * x + γ·o for a scalar γ (SAGAN's attention residual) and its gradient, one kernel each way. tfjs
 * composes a product and a sum forward (two full-size buffers) and, backward, γ·dy plus a full-size
 * dy·o that a Sum then reduces; here the forward is one output and dγ is reduced without one.
 * Large tensors run as one onnxruntime graph, small ones as a JS loop.
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { util } from '@tensorflow/tfjs-core';
import { SCALED_ADD, SCALED_ADD_GRAD } from '../../fused-kernels';
import { onnxKernel, type OnnxBackend } from '../backend';
import { GraphBuilder } from '../graph';
import { MIN_ORT_ELEMENTS } from './elementwise';

type Args = { inputs: Record<string, TensorInfo>; backend: OnnxBackend };
const floats = (backend: OnnxBackend, t: TensorInfo) => backend.typedValues(t) as Float32Array;

function scaledAdd({ inputs: { x, gamma, o }, backend }: Args): TensorInfo {
  if (util.sizeFromShape(x.shape) >= MIN_ORT_ELEMENTS) {
    const build = () => {
      const g = new GraphBuilder();
      const [xi, gi, oi] = [g.input(x.shape), g.input([]), g.input(o.shape)];
      g.output(g.op('Add', [xi, g.op('Mul', [gi, oi])]), x.shape);
      return g;
    };
    return backend.runGraph(`ScaledAdd|${x.shape}`, build, [x, gamma, o], [x.shape])[0];
  }
  const [xv, ov, g] = [floats(backend, x), floats(backend, o), floats(backend, gamma)[0]];
  const y = new Float32Array(xv.length);
  for (let i = 0; i < y.length; i++) y[i] = xv[i] + Math.fround(g * ov[i]);
  return backend.makeTensorInfo(x.shape, 'float32', y);
}

/** Outputs dO = γ·dy and dγ = Σ dy·o (a scalar). */
function scaledAddGrad({ inputs: { dy, gamma, o }, backend }: Args): TensorInfo[] {
  if (util.sizeFromShape(dy.shape) >= MIN_ORT_ELEMENTS) {
    const axes = dy.shape.map((_, i) => i);
    const build = () => {
      const g = new GraphBuilder();
      const [d, gi, oi] = [g.input(dy.shape), g.input([]), g.input(o.shape)];
      g.output(g.op('Mul', [d, gi]), dy.shape);
      g.output(g.op('ReduceSum', [g.op('Mul', [d, oi]), g.ints(axes)], { keepdims: 0 }), []);
      return g;
    };
    return backend.runGraph(`ScaledAddGrad|${dy.shape}`, build, [dy, gamma, o], [dy.shape, []]);
  }
  const [dv, ov, g] = [floats(backend, dy), floats(backend, o), floats(backend, gamma)[0]];
  const dO = new Float32Array(dv.length);
  let s = 0;
  for (let i = 0; i < dv.length; i++) {
    dO[i] = g * dv[i];
    s += dv[i] * ov[i];
  }
  return [backend.makeTensorInfo(dy.shape, 'float32', dO), backend.makeTensorInfo([], 'float32', Float32Array.of(s))];
}

export const scaledAddKernels: KernelConfig[] = [onnxKernel(SCALED_ADD, scaledAdd), onnxKernel(SCALED_ADD_GRAD, scaledAddGrad)];
