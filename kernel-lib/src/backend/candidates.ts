/**
 * The tensor backends Synthlab can run on, best first, and how each is loaded. A loader either
 * makes its backend the active tfjs backend or throws `Unavailable` saying why not.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { getBackend, setBackend } from '@tensorflow/tfjs-core';
import { loadWasm, trainingKernels } from './wasm';

/** Candidate names, as `init({ prefer })` and `SYNTHLAB_BACKEND` take them, best first. */
export const BACKEND_NAMES = ['tfjs-node-gpu', 'tfjs-node', 'onnx', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** A candidate could not run here; `reason` is shown to the user. */
export class Unavailable extends Error {}

export interface Loaded {
  /** What runs, in words (shown in the log line). */
  readonly detail: string;
  /** Threads the heavy kernels run on, where the backend says. */
  readonly threads?: number;
}

export interface LoadOptions {
  readonly threads?: number;
}

const load = createRequire(__filename);

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].slice(0, 200);
}

async function activate(tfName: string, what: string): Promise<void> {
  let ok = false;
  try {
    ok = await setBackend(tfName);
  } catch (err) {
    throw new Unavailable(`${what} loaded but backend '${tfName}' failed to start: ${firstLine(err)}`);
  }
  if (!ok || getBackend() !== tfName) throw new Unavailable(`${what} loaded but backend '${tfName}' failed to start`);
}

/** tfjs-node(-gpu): native libtensorflow; registers tfjs backend 'tensorflow' on require. */
async function loadTfjsNode(pkg: string): Promise<Loaded> {
  try {
    load.resolve(pkg);
  } catch {
    throw new Unavailable('not installed (optional dependency; its install downloads libtensorflow)');
  }
  try {
    load(pkg);
  } catch (err) {
    throw new Unavailable(`installed but failed to load: ${firstLine(err)}`);
  }
  await activate('tensorflow', pkg);
  return { detail: `${pkg} (native libtensorflow)` };
}

/** What ./onnx (issue 10) exports for us: registers tfjs backend 'onnx', or says why it cannot. */
type OnnxModule = {
  registerOnnxBackend?: (options: { threads?: number }) => { ok: true; version: string } | { ok: false; reason: string };
};

/** The onnxruntime-backed CPU backend, if ./onnx exists in this build. */
async function loadOnnx(options: LoadOptions): Promise<Loaded> {
  let path: string;
  try {
    path = load.resolve('./onnx');
  } catch {
    throw new Unavailable('not built yet (kernel-lib/src/backend/onnx has no index module)');
  }
  let mod: OnnxModule;
  try {
    mod = load(path) as OnnxModule;
  } catch (err) {
    throw new Unavailable(`failed to load: ${firstLine(err)}`);
  }
  if (typeof mod.registerOnnxBackend !== 'function') throw new Unavailable('./onnx exports no registerOnnxBackend()');
  // Default: every core up to 4 (measured on 2 cores: 1.05–1.45× the images/s of 1 thread on the
  // bench networks; beyond 4 the single-threaded parts between kernels dominate).
  const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism()));
  let reg: ReturnType<NonNullable<OnnxModule['registerOnnxBackend']>>;
  try {
    reg = mod.registerOnnxBackend({ threads });
  } catch (err) {
    throw new Unavailable(`failed to register: ${firstLine(err)}`);
  }
  if (!reg.ok) throw new Unavailable(`onnxruntime-node cannot run here: ${firstLine(reg.reason)}`);
  await activate('onnx', 'onnx backend');
  return { detail: `onnxruntime-node ${reg.version} CPU kernels`, threads };
}

async function loadWasmCandidate(options: LoadOptions): Promise<Loaded> {
  let threads: number;
  try {
    threads = (await loadWasm(options)).threads;
  } catch (err) {
    throw new Unavailable(`failed to start: ${firstLine(err)}`);
  }
  const kernels = [...trainingKernels.added, ...trainingKernels.replaced].length;
  return { detail: `tfjs-backend-wasm (XNNPACK) + ${kernels} Synthlab training kernels`, threads };
}

async function loadCpu(): Promise<Loaded> {
  load('@tensorflow/tfjs-backend-cpu');
  await activate('cpu', '@tensorflow/tfjs-backend-cpu');
  return { detail: 'tfjs cpu backend (plain JavaScript, slowest)', threads: 1 };
}

export const loaders: Record<BackendName, (options: LoadOptions) => Promise<Loaded>> = {
  'tfjs-node-gpu': () => loadTfjsNode('@tensorflow/tfjs-node-gpu'),
  'tfjs-node': () => loadTfjsNode('@tensorflow/tfjs-node'),
  onnx: loadOnnx,
  wasm: loadWasmCandidate,
  cpu: loadCpu,
};

export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name);
}
