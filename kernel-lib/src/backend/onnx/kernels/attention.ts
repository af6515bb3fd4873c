/**
 * Attention, y = softmax(q kᵀ) v, and its gradient as one onnxruntime graph each way. tfjs runs a
 * BatchMatMul, a Softmax and a BatchMatMul forward and five more kernels backward, and each [B, N, M]
 * scores, map, map-gradient and score-gradient tensor leaves onnxruntime as a fresh copy (SAGAN's
 * 16×16 block: 16 MB each); here none does unless the caller asks for the map β (then the backward
 * pass reads it). Recomputing β backward (a K = d MatMul and a Softmax) costs less than handing it
 * out and back: [64,256,8]·[64,256,8]·[64,256,64] forward + backward 75 → 66 CPU ms, GC included.
 * Both graphs keep a memory arena: their [B, N, M] intermediates would otherwise be fresh mappings
 * each call, page-faulted in (same shape: 66 → 46 CPU ms, ~+90 MB resident; sagan32 −11 % a step).
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { ATTENTION, ATTENTION_GRAD, type AttentionAttrs } from '../../fused-kernels';
import { onnxKernel, type OnnxBackend } from '../backend';
import { GraphBuilder } from '../graph';

type Args = { inputs: Record<string, TensorInfo | undefined>; backend: OnnxBackend; attrs: AttentionAttrs };
const T = [0, 2, 1];

/** q kᵀ's softmax over the keys, the map β [B, N, M]. */
function map(g: GraphBuilder, q: string, k: string): string {
  return g.op('Softmax', [g.op('MatMul', [q, g.transpose(k, T)])], { axis: -1 });
}

function attention({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { q, k, v } = inputs as Record<'q' | 'k' | 'v', TensorInfo>;
  const [b, n] = q.shape;
  const [m, e] = [k.shape[1], v.shape[2]];
  const outShapes = attrs.withMap ? [[b, n, e], [b, n, m]] : [[b, n, e]];
  const build = () => {
    const g = new GraphBuilder();
    const [qi, ki, vi] = [g.input(q.shape), g.input(k.shape), g.input(v.shape)];
    const beta = map(g, qi, ki);
    g.output(g.op('MatMul', [beta, vi]), [b, n, e]);
    if (attrs.withMap) g.output(beta, [b, n, m]);
    return g;
  };
  return backend.runGraph(`Attention|${q.shape};${k.shape};${v.shape};${attrs.withMap}`, build, [q, k, v], outShapes, undefined, true);
}

function attentionGrad({ inputs, backend }: Args): TensorInfo[] {
  const { dy, q, k, v, beta, dBeta } = inputs as Record<'dy' | 'q' | 'k' | 'v', TensorInfo> & { beta?: TensorInfo; dBeta?: TensorInfo };
  const build = () => {
    const g = new GraphBuilder();
    const [di, qi, ki, vi] = [g.input(dy.shape), g.input(q.shape), g.input(k.shape), g.input(v.shape)];
    // Without the forward's map, recompute it: cheaper than handing a [B, N, M] copy out and back.
    const bi = beta ? g.input(beta.shape) : map(g, qi, ki);
    let dBetaAll = g.op('MatMul', [di, g.transpose(vi, T)]);
    if (dBeta) dBetaAll = g.op('Add', [dBetaAll, g.input(dBeta.shape)]);
    const rowDot = g.op('ReduceSum', [g.op('Mul', [dBetaAll, bi]), g.ints([-1])], { keepdims: 1 });
    const ds = g.op('Mul', [bi, g.op('Sub', [dBetaAll, rowDot])]);
    g.output(g.op('MatMul', [ds, ki]), q.shape);
    g.output(g.op('MatMul', [g.transpose(ds, T), qi]), k.shape);
    g.output(g.op('MatMul', [g.transpose(bi, T), di]), v.shape);
    return g;
  };
  const ins = [dy, q, k, v, beta, dBeta].filter((t): t is TensorInfo => t !== undefined);
  return backend.runGraph(`AttentionGrad|${q.shape};${k.shape};${v.shape};${!!beta};${!!dBeta}`, build, ins, [q.shape, k.shape, v.shape], undefined, true);
}

export const attentionKernels: KernelConfig[] = [onnxKernel(ATTENTION, attention), onnxKernel(ATTENTION_GRAD, attentionGrad)];
