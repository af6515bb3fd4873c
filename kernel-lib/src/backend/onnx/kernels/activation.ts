/** tfjs fused activations as ONNX nodes appended to a kernel's graph. */
import type { GraphBuilder } from '../graph';

const FUSABLE = new Set(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid']);

/** Whether `activation` can run inside the graph ('prelu' needs its weights: cpu kernel). */
export function fusableActivation(activation: string | undefined): boolean {
  return FUSABLE.has(activation ?? 'linear');
}

export function activationNodes(g: GraphBuilder, y: string, activation: string | undefined, alpha: number): string {
  switch (activation ?? 'linear') {
    case 'linear':
      return y;
    case 'relu':
      return g.op('Relu', [y]);
    case 'relu6':
      return g.op('Clip', [y, g.floats([0], []), g.floats([6], [])]);
    case 'elu':
      return g.op('Elu', [y], { alpha: { float: 1 } });
    case 'leakyrelu':
      return g.op('LeakyRelu', [y], { alpha: { float: alpha } });
    case 'sigmoid':
      return g.op('Sigmoid', [y]);
    default:
      throw new Error(`onnx backend: activation '${activation}' cannot be fused; valid: ${[...FUSABLE].join(', ')}`);
  }
}
