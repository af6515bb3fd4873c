/** Sum on wasm: leading-axes reductions summed in one pass (see reduce-leading.ts), the rest stock. */
import { Sum } from '@tensorflow/tfjs-core';
import type { SumAttrs, SumInputs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wasmKernel } from '../kernel-utils';
import { reduceLeading } from './reduce-leading';

export function sum({ inputs, backend, attrs }: { inputs: SumInputs; backend: BackendWasm; attrs: SumAttrs }): TensorInfo {
  return reduceLeading('Sum', backend, inputs.x as TensorInfo, attrs.axis, attrs.keepDims);
}

export const sumConfig = wasmKernel(Sum, sum);
