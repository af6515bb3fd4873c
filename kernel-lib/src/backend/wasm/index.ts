/**
 * tfjs-backend-wasm in Node, able to train conv nets: loads the package from node_modules (as
 * CommonJS, so tslab notebooks and plain scripts share one tfjs engine), points it at its own .wasm
 * binaries, and registers Synthlab's training kernels before it starts.
 */
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { findBackend, getKernel, registerKernel, setBackend, unregisterKernel } from '@tensorflow/tfjs-core';
import { addedKernels, replacedKernels } from './kernels';
import { keepStock, WASM } from './kernel-utils';

type WasmPackage = typeof import('@tensorflow/tfjs-backend-wasm');

const load = createRequire(__filename);
let kernelsRegistered = false;

/** The tfjs-backend-wasm package, required lazily: importing it registers the 'wasm' backend factory. */
export function wasmPackage(): WasmPackage {
  return load('@tensorflow/tfjs-backend-wasm') as WasmPackage;
}

/** Names of the kernels Synthlab adds to wasm and of the stock ones it replaces. */
export const trainingKernels = {
  added: addedKernels.map((k) => k.kernelName),
  replaced: replacedKernels.map((k) => k.kernelName),
} as const;

/**
 * Registers the training kernels on the 'wasm' backend (idempotent). Replaced kernels keep the
 * stock setup function, so this works before or after the backend initialises.
 */
export function registerTrainingKernels(): void {
  if (kernelsRegistered) return;
  wasmPackage(); // the stock kernels must be registered before we look them up
  for (const k of addedKernels) {
    if (!getKernel(k.kernelName, WASM)) registerKernel(k);
  }
  for (const k of replacedKernels) {
    const stock = getKernel(k.kernelName, WASM);
    if (stock) {
      keepStock(stock);
      unregisterKernel(k.kernelName, WASM);
    }
    registerKernel({ ...k, setupFunc: stock?.setupFunc });
  }
  kernelsRegistered = true;
}

/**
 * Makes 'wasm' the active tfjs backend with Synthlab's training kernels. Returns the thread count
 * XNNPACK runs with (tfjs-wasm has no worker threads under Node, so 1 unless that changes).
 */
export async function loadWasm(options: { threads?: number } = {}): Promise<{ threads: number }> {
  const pkg = wasmPackage();
  if (!findBackend(WASM)) {
    // The .wasm binaries sit next to the package's main file; say so rather than rely on bundler-relative URLs.
    pkg.setWasmPaths(dirname(load.resolve('@tensorflow/tfjs-backend-wasm')) + sep);
    if (options.threads !== undefined) pkg.setThreadsCount(options.threads);
  }
  registerTrainingKernels();
  if (!(await setBackend(WASM))) throw new Error('tfjs-backend-wasm did not initialise (see the warning above)');
  return { threads: pkg.getThreadsCount() };
}
