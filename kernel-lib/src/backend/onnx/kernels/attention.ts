/**
 * Attention, y = softmax(q kᵀ) v, and its gradient as one onnxruntime graph each way. tfjs runs a
 * BatchMatMul, a Softmax and a BatchMatMul forward and five more kernels backward, and each [B, N, M]
 * scores, map, map-gradient and score-gradient tensor leaves onnxruntime as a fresh copy (SAGAN's
 * 16×16 block: 16 MB each); here only the map β does, once, for the backward pass.
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { ATTENTION, ATTENTION_GRAD } from '../../fused-kernels';
import { onnxKernel, type OnnxBackend } from '../backend';
import { GraphBuilder } from '../graph';

type Args = { inputs: Record<string, TensorInfo | undefined>; backend: OnnxBackend };
const T = [0, 2, 1];

function attention({ inputs, backend }: Args): TensorInfo[] {
  const { q, k, v } = inputs as Record<'q' | 'k' | 'v', TensorInfo>;
  const [b, n] = q.shape;
  const [m, e] = [k.shape[1], v.shape[2]];
  const build = () => {
    const g = new GraphBuilder();
    const [qi, ki, vi] = [g.input(q.shape), g.input(k.shape), g.input(v.shape)];
    const beta = g.op('Softmax', [g.op('MatMul', [qi, g.transpose(ki, T)])], { axis: -1 });
    g.output(g.op('MatMul', [beta, vi]), [b, n, e]);
    g.output(beta, [b, n, m]);
    return g;
  };
  return backend.runGraph(`Attention|${q.shape};${k.shape};${v.shape}`, build, [q, k, v], [[b, n, e], [b, n, m]]);
}

function attentionGrad({ inputs, backend }: Args): TensorInfo[] {
  const { dy, q, k, v, beta, dBeta } = inputs as Record<'dy' | 'q' | 'k' | 'v' | 'beta', TensorInfo> & { dBeta?: TensorInfo };
  const build = () => {
    const g = new GraphBuilder();
    const [di, qi, ki, vi, bi] = [g.input(dy.shape), g.input(q.shape), g.input(k.shape), g.input(v.shape), g.input(beta.shape)];
    let dBetaAll = g.op('MatMul', [di, g.transpose(vi, T)]);
    if (dBeta) dBetaAll = g.op('Add', [dBetaAll, g.input(dBeta.shape)]);
    const rowDot = g.op('ReduceSum', [g.op('Mul', [dBetaAll, bi]), g.ints([-1])], { keepdims: 1 });
    const ds = g.op('Mul', [bi, g.op('Sub', [dBetaAll, rowDot])]);
    g.output(g.op('MatMul', [ds, ki]), q.shape);
    g.output(g.op('MatMul', [g.transpose(ds, T), qi]), k.shape);
    g.output(g.op('MatMul', [g.transpose(bi, T), di]), v.shape);
    return g;
  };
  const ins = dBeta ? [dy, q, k, v, beta, dBeta] : [dy, q, k, v, beta];
  return backend.runGraph(`AttentionGrad|${q.shape};${k.shape};${v.shape};${!!dBeta}`, build, ins, [q.shape, k.shape, v.shape]);
}

export const attentionKernels: KernelConfig[] = [onnxKernel(ATTENTION, attention), onnxKernel(ATTENTION_GRAD, attentionGrad)];
