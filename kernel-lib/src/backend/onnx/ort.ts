/**
 * The one place that touches onnxruntime-node's internal, synchronous native session.
 *
 * tfjs kernels must be synchronous, and onnxruntime-node's public `InferenceSession.run` is async,
 * but the native object under it (`onnxruntime-node/dist/binding`) runs synchronously. That object
 * is not a public API: everything we use of it is pinned here, checked on load, and covered by
 * test/backend/onnx-binding.test.ts so an onnxruntime upgrade that changes it fails loudly.
 */
import { createRequire } from 'node:module';

/** The version whose binding layout this module was written against (package.json pins it). */
export const PINNED_ORT_VERSION = '1.30.0';

/** A tensor as onnxruntime-common's `Tensor` holds it; the binding reads `type`, `dims`, `data`. */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: Float32Array | Int32Array | BigInt64Array | Uint8Array;
}

type OrtTensorCtor = new (type: string, data: OrtTensor['data'], dims: readonly number[]) => OrtTensor;

interface NativeSession {
  loadModel(buffer: ArrayBufferLike, byteOffset: number, byteLength: number, options: object): void;
  readonly inputMetadata: { name: string }[];
  readonly outputMetadata: { name: string }[];
  run(feeds: Record<string, OrtTensor>, fetches: Record<string, null>, options: object): Record<string, OrtTensor>;
  dispose(): void;
}

interface NativeBinding {
  binding: { InferenceSession: new () => NativeSession };
  initOrt: () => void;
}

/** What the session needs from the runtime once it is loaded. */
export interface OrtRuntime {
  version: string;
  Tensor: OrtTensorCtor;
  binding: NativeBinding;
}

let runtime: OrtRuntime | null = null;
let loadError: string | null = null;

/**
 * Loads onnxruntime-node once and checks that the internal binding still has the shape we use.
 * Returns the runtime, or throws an Error whose message says what is missing.
 */
export function loadOrt(): OrtRuntime {
  if (runtime) return runtime;
  if (loadError) throw new Error(loadError);
  try {
    const req = createRequire(__filename);
    const version = (req('onnxruntime-node/package.json') as { version: string }).version;
    const native = req('onnxruntime-node/dist/binding') as Partial<NativeBinding>;
    const { Tensor } = req('onnxruntime-node') as { Tensor?: OrtTensorCtor };
    const problems: string[] = [];
    if (typeof native.initOrt !== 'function') problems.push('initOrt() is missing');
    if (typeof native.binding?.InferenceSession !== 'function') problems.push('binding.InferenceSession is missing');
    if (typeof Tensor !== 'function') problems.push('Tensor is not exported');
    if (problems.length === 0) {
      const proto = native.binding!.InferenceSession.prototype as Partial<NativeSession>;
      for (const m of ['loadModel', 'run', 'dispose'] as const) {
        if (typeof proto[m] !== 'function') problems.push(`InferenceSession.prototype.${m} is missing`);
      }
    }
    if (problems.length > 0) {
      throw new Error(
        `onnxruntime-node ${version}: its internal binding changed (${problems.join('; ')}); ` +
          `synthlab's onnx backend was written against ${PINNED_ORT_VERSION}`,
      );
    }
    native.initOrt!();
    runtime = { version, Tensor: Tensor!, binding: native as NativeBinding };
    return runtime;
  } catch (err) {
    loadError = `onnxruntime-node could not be loaded: ${(err as Error).message}`;
    throw new Error(loadError);
  }
}

/**
 * Options for one session; `threads` is onnxruntime's intra-op thread count; `arena` keeps the
 * session's peak intermediates allocated between runs (for a few graphs with large ones).
 */
export interface OrtSessionOptions {
  threads: number;
  arena?: boolean;
}

/** A loaded ONNX graph that runs synchronously. */
export class OrtSession {
  private readonly native: NativeSession;
  readonly inputNames: string[];
  readonly outputNames: string[];

  constructor(
    private readonly ort: OrtRuntime,
    model: Uint8Array,
    options: OrtSessionOptions,
  ) {
    this.native = new ort.binding.binding.InferenceSession();
    this.native.loadModel(model.buffer, model.byteOffset, model.byteLength, {
      intraOpNumThreads: options.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // No per-session arena: each of the hundreds of cached sessions would keep its peak
      // intermediates and outputs resident (facenet64 training: RSS 3.6–4.1 GB with arenas, 1.3–1.6 GB
      // without, for ~6 % more CPU per step; dcgan32: 754 vs 450 MB at equal CPU).
      enableCpuMemArena: options.arena ?? false,
      // Spinning pool threads would steal the core that the JS kernels between our calls need.
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    });
    this.inputNames = this.native.inputMetadata.map((m) => m.name);
    this.outputNames = this.native.outputMetadata.map((m) => m.name);
  }

  /** Wraps a typed array as an onnxruntime tensor without copying it. */
  tensor(data: OrtTensor['data'], dims: readonly number[]): OrtTensor {
    const type = data instanceof Float32Array ? 'float32' : data instanceof Int32Array ? 'int32' : data instanceof BigInt64Array ? 'int64' : 'bool';
    // tfjs stores bool tensors as Uint8Array, which onnxruntime reads as its bool type.
    return new this.ort.Tensor(type, data, dims);
  }

  /**
   * Runs the graph and returns outputs `y0 … y<n-1>`. onnxruntime allocates each result and the
   * binding hands it over in a new typed array. Pre-allocated outputs do not save that: onnxruntime
   * writes into them, but the binding still returns a fresh copy of each (measured with outputs
   * from the backend's buffer pool: sagan32 +4 % CPU per step, dcgan32 and facenet64 no change).
   */
  run(inputs: Record<string, OrtTensor>, outputCount: number): OrtTensor[] {
    const fetches: Record<string, null> = {};
    for (let i = 0; i < outputCount; i++) fetches[`y${i}`] = null;
    const out = this.native.run(inputs, fetches, {});
    return Array.from({ length: outputCount }, (_, i) => out[`y${i}`]);
  }

  dispose(): void {
    this.native.dispose();
  }
}
