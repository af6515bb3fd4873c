/**
 * Picks and starts the tensor backend: `await backend.init()` takes the best one that runs here
 * (native libtensorflow with GPU, then without, then the onnxruntime CPU backend, then wasm with
 * Synthlab's training kernels, then plain cpu), says which one runs and why the better ones were
 * not taken. `SYNTHLAB_BACKEND=<name>` forces one.
 */
// tfjs-core's Node build has no gradients; tfjs-layers' Node build registers all of them.
import '@tensorflow/tfjs-layers';
import { backend as activeBackend, getBackend, setBackend } from '@tensorflow/tfjs-core';
import { BACKEND_NAMES, isBackendName, loaders, Unavailable } from './candidates';
import type { BackendName } from './candidates';

export { BACKEND_NAMES } from './candidates';
export type { BackendName } from './candidates';
export { loadWasm, registerTrainingKernels, trainingKernels } from './wasm';

export interface InitOptions {
  /** Try this backend first; if it cannot run, fall back through the usual order. */
  prefer?: BackendName;
  /** Threads for backends that take a count (onnx: default every core up to 4; wasm where tfjs-wasm supports threads). */
  threads?: number;
  /** Do not log the one-line summary. */
  quiet?: boolean;
}

export interface NotTaken {
  readonly name: BackendName;
  readonly reason: string;
}

export interface BackendInfo {
  /** The candidate that runs. */
  readonly name: BackendName;
  /** The tfjs backend name now active (`tf.getBackend()`): 'tensorflow', 'onnx', 'wasm' or 'cpu'. */
  readonly tfBackend: string;
  /** What runs, in words. */
  readonly detail: string;
  /** Why this one: first that ran in the usual order, preferred, or forced. */
  readonly why: string;
  /** Every candidate ranked above this one, with why it was not taken. */
  readonly notTaken: readonly NotTaken[];
  /** Threads the heavy kernels run on, where the backend reports it. */
  readonly threads?: number;
}

function checkName(name: string, source: string): BackendName {
  if (!isBackendName(name)) {
    throw new Error(`${source}='${name}' is not a Synthlab backend; valid names: ${BACKEND_NAMES.join(', ')}`);
  }
  return name;
}

/**
 * Starts a backend and reports on it, without caching (init() caches). `env` is where
 * SYNTHLAB_BACKEND is read from (process.env by default).
 */
export async function selectBackend(options: InitOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<BackendInfo> {
  const forcedRaw = env.SYNTHLAB_BACKEND?.trim();
  const forced = forcedRaw ? checkName(forcedRaw, 'SYNTHLAB_BACKEND') : undefined;
  const prefer = options.prefer !== undefined ? checkName(options.prefer, 'init({ prefer })') : undefined;
  const order: BackendName[] = forced ? [forced] : prefer ? [prefer, ...BACKEND_NAMES.filter((n) => n !== prefer)] : [...BACKEND_NAMES];
  const failures = new Map<BackendName, string>();
  for (const name of order) {
    try {
      const loaded = await loaders[name]({ threads: options.threads });
      const rank = BACKEND_NAMES.indexOf(name);
      const notTaken = BACKEND_NAMES.slice(0, rank).map((n) => ({
        name: n,
        reason: failures.get(n) ?? (forced ? `not tried: SYNTHLAB_BACKEND=${forced}` : `not tried: prefer '${prefer}'`),
      }));
      const why = forced ? `forced by SYNTHLAB_BACKEND=${forced}`
        : name === prefer ? `preferred (init({ prefer: '${prefer}' }))`
          : rank === 0 ? 'the best candidate' : 'the best candidate that runs here';
      // tfjs's cpu backend (and the onnx one built on it) greets Node users on first use with
      // advice to install tfjs-node; init already says which backend runs and why.
      const instance = activeBackend() as { firstUse?: boolean };
      if (instance.firstUse) instance.firstUse = false;
      return { name, tfBackend: getBackend(), detail: loaded.detail, why, notTaken, threads: loaded.threads };
    } catch (err) {
      if (!(err instanceof Unavailable)) throw err;
      if (forced) throw new Error(`SYNTHLAB_BACKEND=${forced}: ${err.message}`);
      failures.set(name, err.message);
    }
  }
  // cpu always loads, so this is reached only if tfjs itself is broken.
  throw new Error(`no tensor backend could start: ${[...failures].map(([n, r]) => `${n}: ${r}`).join('; ')}`);
}

/** The one-line summary init() logs. */
export function describeBackend(info: BackendInfo): string {
  const threads = info.threads !== undefined ? `, ${info.threads} thread${info.threads === 1 ? '' : 's'}` : '';
  const others = info.notTaken.map((t) => `${t.name}: ${t.reason}`).join('; ');
  return `synthlab: tensor backend '${info.name}' (${info.detail}${threads}): ${info.why}${others ? ` [not taken: ${others}]` : ''}`;
}

let current: Promise<BackendInfo> | null = null;

/**
 * Starts the best tensor backend once and returns what runs. Later calls return the same info
 * (and switch back to that backend if something else was made active meanwhile); options are
 * read on the first call only.
 *
 * @example
 * const info = await synthlab.backend.init();
 * info.name; // 'wasm' on a machine without libtensorflow or onnxruntime
 */
export async function init(options: InitOptions = {}): Promise<BackendInfo> {
  if (!current) {
    current = selectBackend(options);
    current.catch(() => {
      current = null;
    });
    const info = await current;
    if (!options.quiet) console.log(describeBackend(info));
    return info;
  }
  const info = await current;
  if (getBackend() !== info.tfBackend) await setBackend(info.tfBackend);
  return info;
}
