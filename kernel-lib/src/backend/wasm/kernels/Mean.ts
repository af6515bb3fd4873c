/** Mean on wasm: leading-axes reductions summed in one pass (see reduce-leading.ts), the rest stock. */
import { Mean } from '@tensorflow/tfjs-core';
import type { MeanAttrs, MeanInputs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wasmKernel } from '../kernel-utils';
import { reduceLeading } from './reduce-leading';

export function mean({ inputs, backend, attrs }: { inputs: MeanInputs; backend: BackendWasm; attrs: MeanAttrs }): TensorInfo {
  return reduceLeading('Mean', backend, inputs.x as TensorInfo, attrs.axis, attrs.keepDims);
}

export const meanConfig = wasmKernel(Mean, mean);
