/** MatMul / BatchMatMul and the fused (bias + activation) form that tfjs dense layers use. */
import type { _FusedMatMulAttrs, _FusedMatMulInputs, BatchMatMulAttrs, BatchMatMulInputs, KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { backend_util } from '@tensorflow/tfjs-core';
import { cpuFallback, onnxKernel, type OnnxBackend } from '../backend';
import { GraphBuilder } from '../graph';
import { activationNodes, fusableActivation } from './activation';

function swapLast(rank: number): number[] {
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

function outShape(a: readonly number[], b: readonly number[], ta: boolean, tb: boolean): number[] {
  const m = ta ? a[a.length - 1] : a[a.length - 2];
  const ka = ta ? a[a.length - 2] : a[a.length - 1];
  const kb = tb ? b[b.length - 1] : b[b.length - 2];
  const n = tb ? b[b.length - 2] : b[b.length - 1];
  if (ka !== kb) {
    throw new Error(`matMul: inner dimensions differ: a [${a}] (transposeA ${ta}) and b [${b}] (transposeB ${tb})`);
  }
  const batch = backend_util.assertAndGetBroadcastShape(a.slice(0, -2), b.slice(0, -2));
  return [...batch, m, n];
}

function matMulGraph(
  a: readonly number[],
  b: readonly number[],
  ta: boolean,
  tb: boolean,
  bias: readonly number[] | null,
  activation: string,
  alpha: number,
  out: number[],
): GraphBuilder {
  const g = new GraphBuilder();
  const A = g.input(a);
  const B = g.input(b);
  const C = bias ? g.input(bias) : null;
  let y: string;
  if (a.length === 2 && b.length === 2) {
    y = g.op('Gemm', C && bias!.length <= 2 ? [A, B, C] : [A, B], { transA: ta ? 1 : 0, transB: tb ? 1 : 0 });
    if (C && bias!.length > 2) y = g.op('Add', [y, C]);
  } else {
    y = g.op('MatMul', [ta ? g.transpose(A, swapLast(a.length)) : A, tb ? g.transpose(B, swapLast(b.length)) : B]);
    if (C) y = g.op('Add', [y, C]);
  }
  g.output(activationNodes(g, y, activation, alpha), out);
  return g;
}

function batchMatMul(args: { inputs: BatchMatMulInputs; backend: OnnxBackend; attrs: BatchMatMulAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const { transposeA: ta, transposeB: tb } = attrs;
  const out = outShape(a.shape, b.shape, ta, tb);
  const key = `MatMul|${a.shape};${b.shape};${ta};${tb}`;
  return backend.runGraph(key, () => matMulGraph(a.shape, b.shape, ta, tb, null, 'linear', 0, out), [a, b], [out])[0];
}

function fusedMatMul(args: { inputs: _FusedMatMulInputs; backend: OnnxBackend; attrs: _FusedMatMulAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { a, b, bias } = inputs;
  const { transposeA: ta, transposeB: tb, activation } = attrs;
  if (!fusableActivation(activation)) return cpuFallback('_FusedMatMul', args);
  const alpha = attrs.leakyreluAlpha ?? 0.2;
  const out = outShape(a.shape, b.shape, ta, tb);
  const key = `FusedMatMul|${a.shape};${b.shape};${ta};${tb};${bias ? bias.shape : ''};${activation};${alpha}`;
  const ins = bias ? [a, b, bias] : [a, b];
  return backend.runGraph(key, () => matMulGraph(a.shape, b.shape, ta, tb, bias ? bias.shape : null, activation, alpha, out), ins, [out])[0];
}

export const matMulKernels: KernelConfig[] = [onnxKernel('BatchMatMul', batchMatMul), onnxKernel('_FusedMatMul', fusedMatMul)];
