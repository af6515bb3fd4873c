/**
 * Float32 output buffers that the onnx backend recycles: a disposed tensor's buffer goes back to a
 * free list per length and becomes a later kernel output's storage, instead of a fresh ArrayBuffer
 * that costs page faults now and garbage collection later (V8 collects on external memory pressure).
 *
 * Safety: only buffers the backend itself created for an output are ever recycled, and only while
 * nothing but that one tensor holds them. A buffer leaves the scheme for good ("disowned") when it
 * is read out of the backend (readSync / read hand tfjs's storage itself to the user), or when a
 * second tensor stores it or a view of it (a kernel's subarray of its input). Arrays a user hands to
 * `tf.tensor` were never created here, so they are never reused.
 */

/** Buffers below this length are left to the JS heap (a pool lookup would cost more than it saves). */
export const POOL_MIN_LENGTH = 1024;

export interface BufferPoolLimits {
  /** Free buffers kept per length. */
  perLength: number;
  /** Bytes kept free in all. */
  totalBytes: number;
}

export const DEFAULT_POOL_LIMITS: BufferPoolLimits = { perLength: 16, totalBytes: 256 * 2 ** 20 };

export class BufferPool {
  private readonly free = new Map<number, Float32Array[]>();
  /** Created by `take` and not disowned: candidates for `release`. */
  private readonly owned = new WeakSet<ArrayBufferLike>();
  /** Owned buffers that are some tensor's storage now. */
  private readonly attached = new WeakSet<ArrayBufferLike>();
  private freeBytes = 0;

  constructor(readonly limits: BufferPoolLimits = DEFAULT_POOL_LIMITS) {}

  /** Bytes held in the free lists. */
  get bytesFree(): number {
    return this.freeBytes;
  }

  /** A float32 buffer of `length` for a kernel output (recycled or new; contents undefined). */
  take(length: number): Float32Array {
    if (length < POOL_MIN_LENGTH) return new Float32Array(length);
    const list = this.free.get(length);
    const reused = list?.pop();
    let buf: Float32Array;
    if (reused) {
      this.freeBytes -= reused.byteLength;
      buf = reused;
    } else {
      buf = new Float32Array(length);
    }
    this.owned.add(buf.buffer);
    return buf;
  }

  /**
   * Called for every array that becomes a tensor's storage: the first time an owned buffer is stored
   * whole it is attached to that tensor; any other use of it (a second tensor, a view) disowns it.
   */
  stored(values: unknown): void {
    if (!ArrayBuffer.isView(values)) return;
    const buf = values.buffer;
    if (!this.owned.has(buf)) return;
    if (this.attached.has(buf) || values.byteOffset !== 0 || values.byteLength !== buf.byteLength) {
      this.disown(values);
    } else {
      this.attached.add(buf);
    }
  }

  /** The array leaves the backend (e.g. a user's dataSync): never recycle its buffer. */
  disown(values: unknown): void {
    if (!ArrayBuffer.isView(values)) return;
    this.owned.delete(values.buffer);
    this.attached.delete(values.buffer);
  }

  /** The tensor that stored `values` was freed: its buffer goes back to the free list if it may. */
  release(values: unknown): void {
    if (!(values instanceof Float32Array) || !this.attached.has(values.buffer)) return;
    this.attached.delete(values.buffer);
    const list = this.free.get(values.length) ?? [];
    if (list.length >= this.limits.perLength || this.freeBytes + values.byteLength > this.limits.totalBytes) {
      this.owned.delete(values.buffer);
      return;
    }
    list.push(values);
    this.free.set(values.length, list);
    this.freeBytes += values.byteLength;
  }

  /** Drops every free buffer (they are garbage collected as usual). */
  clear(): void {
    this.free.clear();
    this.freeBytes = 0;
  }
}
