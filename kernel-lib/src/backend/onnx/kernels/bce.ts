/**
 * Binary cross-entropy with logits per element, max(l, 0) − l·t + log(1 + e^−|l|), and its logits
 * gradient dy·(σ(l) − t), one onnxruntime call each way. tfjs composes seven kernels forward and
 * about as many backward, each a full-size buffer (the VAE's per-pixel reconstruction loss).
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { BCE_WITH_LOGITS, BCE_WITH_LOGITS_GRAD } from '../../fused-kernels';
import { onnxKernel, type OnnxBackend } from '../backend';
import { GraphBuilder } from '../graph';

type Args = { inputs: Record<string, TensorInfo>; backend: OnnxBackend };

function bce({ inputs: { logits, target }, backend }: Args): TensorInfo {
  const build = () => {
    const g = new GraphBuilder();
    const [l, t] = [g.input(logits.shape), g.input(target.shape)];
    const lin = g.op('Sub', [g.op('Relu', [l]), g.op('Mul', [l, t])]);
    g.output(g.op('Add', [lin, g.op('Softplus', [g.op('Neg', [g.op('Abs', [l])])])]), logits.shape);
    return g;
  };
  return backend.runGraph(`BceWithLogits|${logits.shape}`, build, [logits, target], [logits.shape])[0];
}

function bceGrad({ inputs: { dy, logits, target }, backend }: Args): TensorInfo {
  const build = () => {
    const g = new GraphBuilder();
    const [d, l, t] = [g.input(dy.shape), g.input(logits.shape), g.input(target.shape)];
    g.output(g.op('Mul', [d, g.op('Sub', [g.op('Sigmoid', [l]), t])]), logits.shape);
    return g;
  };
  return backend.runGraph(`BceWithLogitsGrad|${logits.shape}`, build, [dy, logits, target], [logits.shape])[0];
}

export const bceKernels: KernelConfig[] = [onnxKernel(BCE_WITH_LOGITS, bce), onnxKernel(BCE_WITH_LOGITS_GRAD, bceGrad)];
