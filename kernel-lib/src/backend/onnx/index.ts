/**
 * The 'onnx' tfjs backend: tfjs autodiff, layers and optimizers on the cpu backend's tensors, with
 * convolutions and matmuls run by onnxruntime's native CPU kernels (MLAS), synchronously.
 *
 * @example
 * const r = registerOnnxBackend({ threads: 2 });
 * if (r.ok) await tf.setBackend('onnx'); else console.log(r.reason);
 */
import { getKernelsForBackend, registerBackend, registerKernel, removeBackend, findBackendFactory } from '@tensorflow/tfjs-core';
// kernel-lib's tfjs entry: registers the cpu backend and tfjs's gradients, which ours wrap.
import '../../tf';
import { ONNX_BACKEND, OnnxBackend } from './backend';
import { gradientKernels, registerFusedGradients } from './gradients';
import { adamKernels } from './kernels/adam';
import { attentionKernels } from './kernels/attention';
import { batchNormKernels } from './kernels/batch-norm';
import { bceKernels } from './kernels/bce';
import { batchNormPoolKernels } from './kernels/batch-norm-pool';
import { convKernels } from './kernels/conv';
import { elementwiseKernels } from './kernels/elementwise';
import { logicKernels } from './kernels/logic';
import { matMulKernels } from './kernels/matmul';
import { poolKernels } from './kernels/pool';
import { scaledAddKernels } from './kernels/scaled-add';
import { sliceKernels } from './kernels/slice';
import { loadOrt } from './ort';

export { ONNX_BACKEND, OnnxBackend } from './backend';
export type { KernelProfileEntry } from './backend';

export interface OnnxBackendOptions {
  /** onnxruntime intra-op threads per kernel call (default: 1). */
  threads?: number;
  /** Registration priority passed to tfjs (default 3: above wasm's 2 and cpu's 1). */
  priority?: number;
}

export type OnnxRegistration = { ok: true; version: string } | { ok: false; reason: string };

const ONNX_KERNELS = [...convKernels, ...matMulKernels, ...elementwiseKernels, ...logicKernels, ...poolKernels, ...gradientKernels, ...adamKernels, ...batchNormKernels, ...batchNormPoolKernels, ...sliceKernels, ...scaledAddKernels, ...bceKernels, ...attentionKernels];

/** The kernels onnxruntime runs (some hand small or unusual cases back to the cpu kernel). */
export const ONNX_KERNEL_NAMES: readonly string[] = ONNX_KERNELS.map((k) => k.kernelName);

let kernelsRegistered = false;

/**
 * Registers the 'onnx' backend (replacing an earlier registration, so a new thread count takes
 * effect). Returns why not when onnxruntime-node cannot load here; then nothing is registered.
 */
export function registerOnnxBackend(options: OnnxBackendOptions = {}): OnnxRegistration {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) {
    return { ok: false, reason: `threads must be a positive integer, got ${threads}` };
  }
  let version: string;
  try {
    version = loadOrt().version;
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  if (findBackendFactory(ONNX_BACKEND)) removeBackend(ONNX_BACKEND);
  registerBackend(ONNX_BACKEND, () => new OnnxBackend(threads), options.priority ?? 3);
  if (!kernelsRegistered) {
    const ours = new Set(ONNX_KERNEL_NAMES);
    for (const k of getKernelsForBackend('cpu')) {
      if (!ours.has(k.kernelName)) registerKernel({ ...k, backendName: ONNX_BACKEND });
    }
    for (const k of ONNX_KERNELS) registerKernel(k);
    registerFusedGradients();
    kernelsRegistered = true;
  }
  return { ok: true, version };
}
