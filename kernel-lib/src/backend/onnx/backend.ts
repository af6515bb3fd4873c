/**
 * The 'onnx' tfjs backend: the cpu backend's tensors (plain typed arrays) and kernels, with the
 * heavy kernels run as small cached ONNX graphs on onnxruntime's MLAS.
 */
import type { BackendTimingInfo, BackendValues, DataId, DataType, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { getKernel, util } from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { BufferPool } from './buffer-pool';
import type { GraphBuilder } from './graph';
import { loadOrt, OrtSession, type OrtTensor } from './ort';

export const ONNX_BACKEND = 'onnx';

/**
 * Sessions kept at most (one per kernel, shape and attributes). A training loop uses a few hundred;
 * the cap only bounds memory when shapes keep changing (e.g. many different batch sizes).
 */
const MAX_SESSIONS = 2000;

/** Time spent per ORT graph kind, collected while `profiling` is on. */
export interface KernelProfileEntry {
  calls: number;
  ms: number;
}

export class OnnxBackend extends MathBackendCPU {
  private readonly sessions = new Map<string, OrtSession>();
  /** When set, `runGraph` adds each call's wall time under its graph kind (the key's first part). */
  profile: Map<string, KernelProfileEntry> | null = null;
  /**
   * Recycled float32 output buffers of the typed-array kernels (`buffer-pool.ts`). onnxruntime's
   * outputs are not pooled: the binding returns every output in a fresh array, pre-allocated or not.
   */
  readonly pool = new BufferPool();

  constructor(readonly threads: number) {
    super();
  }

  /** A float32 array of `length` for a typed-array kernel's output (recycled or new; contents undefined). */
  outputBuffer(length: number): Float32Array {
    return this.pool.take(length);
  }

  override write(values: BackendValues, shape: number[], dtype: DataType): DataId {
    this.pool.stored(values);
    return super.write(values, shape, dtype);
  }

  override move(dataId: DataId, values: BackendValues, shape: number[], dtype: DataType, refCount: number): void {
    this.pool.stored(values);
    super.move(dataId, values, shape, dtype, refCount);
  }

  /** tfjs hands the storage itself to the caller (dataSync, data, bufferSync): never recycle it. */
  override readSync(dataId: DataId): BackendValues {
    const values = super.readSync(dataId);
    this.pool.disown(values);
    return values;
  }

  override disposeData(dataId: DataId, force = false): boolean {
    const values = this.data.has(dataId) ? this.data.get(dataId).values : undefined;
    const freed = super.disposeData(dataId, force);
    if (values && freed && !this.data.has(dataId)) this.pool.release(values);
    return freed;
  }

  /**
   * What `time()` (and so `tf.profile`) measures: wall time, or this process's CPU time (user +
   * system, all threads), which stays meaningful on a machine shared with other jobs.
   */
  clock: 'wall' | 'cpu' = 'wall';

  override async time(f: () => void): Promise<BackendTimingInfo> {
    if (this.clock === 'wall') return super.time(f);
    const start = process.cpuUsage();
    f();
    const used = process.cpuUsage(start);
    return { kernelMs: (used.user + used.system) / 1000 };
  }

  /** Number of cached sessions (one per kernel, shape and attributes). */
  get sessionCount(): number {
    return this.sessions.size;
  }

  /**
   * Runs the graph cached under `key` (built by `build` on first use) on `inputs` and returns
   * outputs of `outShapes` (float32 unless `outDtypes` says otherwise). The arrays onnxruntime
   * returns become the tfjs tensors' storage as they are.
   */
  runGraph(
    key: string,
    build: () => GraphBuilder,
    inputs: readonly TensorInfo[],
    outShapes: readonly number[][],
    outDtypes?: readonly DataType[],
    arena = false,
  ): TensorInfo[] {
    const t0 = this.profile ? performance.now() : 0;
    const session = this.session(key, build, arena);
    const feeds: Record<string, OrtTensor> = {};
    inputs.forEach((t, i) => {
      feeds[`x${i}`] = session.tensor(this.typedValues(t), t.shape);
    });
    const outs = session.run(feeds, outShapes.length);
    if (this.profile) {
      const kind = key.slice(0, key.indexOf('|') < 0 ? key.length : key.indexOf('|'));
      const e = this.profile.get(kind) ?? { calls: 0, ms: 0 };
      e.calls += 1;
      e.ms += performance.now() - t0;
      this.profile.set(kind, e);
    }
    return outs.map((o, i) => {
      const dtype = outDtypes?.[i] ?? 'float32';
      if (!util.arraysEqual(o.dims as number[], outShapes[i] as number[])) {
        throw new Error(`onnx backend: graph ${key} gave output ${i} of shape [${o.dims}], expected [${outShapes[i]}]`);
      }
      return this.makeTensorInfo([...outShapes[i]], dtype, o.data as Float32Array | Int32Array | Uint8Array);
    });
  }

  /** The session for `key`, most recently used last; the least recently used goes past the cap. */
  private session(key: string, build: () => GraphBuilder, arena: boolean): OrtSession {
    let s = this.sessions.get(key);
    if (s) {
      this.sessions.delete(key);
    } else {
      s = new OrtSession(loadOrt(), build().build(), { threads: this.threads, arena });
      if (this.sessions.size >= MAX_SESSIONS) {
        const [oldest, old] = this.sessions.entries().next().value as [string, OrtSession];
        old.dispose();
        this.sessions.delete(oldest);
      }
    }
    this.sessions.set(key, s);
    return s;
  }

  /** A tensor's values as the typed array onnxruntime expects for its dtype (no copy when it already is). */
  typedValues(t: TensorInfo): Float32Array | Int32Array | Uint8Array {
    const values = this.data.get(t.dataId).values;
    if (values === undefined) throw new Error(`onnx backend: tensor of shape [${t.shape}] (${t.dtype}) has no values`);
    const Want = t.dtype === 'bool' ? Uint8Array : t.dtype === 'int32' ? Int32Array : Float32Array;
    return values instanceof Want ? values : Want.from(values as ArrayLike<number>);
  }

  override dispose(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
    this.pool.clear();
    super.dispose();
  }
}

/**
 * Dims as small integers, for the typed-array kernels' index arithmetic: a dim computed with a double
 * (e.g. `width * 2 ** i`) arrives as a heap number and turns the hot loops' indexing into double
 * math (3× slower batch-norm passes, measured).
 */
export function intDims(dims: readonly number[]): number[] {
  return dims.map((d) => d | 0);
}

/** Runs the cpu backend's kernel `name` on our backend, for cases our graphs do not cover. */
export function cpuFallback(name: string, args: { inputs: object; backend: OnnxBackend; attrs: object }): TensorInfo {
  const k = getKernel(name, 'cpu');
  if (!k) throw new Error(`onnx backend: the cpu backend has no ${name} kernel to fall back on`);
  return k.kernelFunc(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
}

/** Builds an onnx kernel config whose function receives our backend type. */
export function onnxKernel<I, A>(
  kernelName: string,
  fn: (args: { inputs: I; backend: OnnxBackend; attrs: A }) => TensorInfo | TensorInfo[],
): KernelConfig {
  return {
    kernelName,
    backendName: ONNX_BACKEND,
    kernelFunc: fn as unknown as KernelFunc,
  };
}
