/**
 * One helper thread for the typed-array kernels on a multi-threaded backend: a kernel runs the upper
 * half of its loop there and the lower half on the calling thread, which otherwise carries these
 * loops alone while onnxruntime's pool threads idle. The helper runs the very functions the kernel
 * runs (their compiled source, so they must be self-contained: typed arrays and numbers in, no
 * imports or closures) on shared copies of the inputs; its outputs land in shared buffers at the
 * same indices, for the caller to copy back. The shared buffers stay for reuse (facenet64's first
 * layer: ~130 MB).
 */
import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

/** A loop function the helper can run: self-contained, arguments structured-cloneable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LoopFn = (...args: any[]) => unknown;

const WAIT_MS = 60_000;

export class HelperThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private readonly scratch = new Map<string, SharedArrayBuffer>();
  /** Loops run here so far (tests check that a kernel took this path). */
  calls = 0;
  alive = true;

  constructor(private readonly fns: readonly LoopFn[]) {
    const { port1, port2 } = new MessageChannel();
    // esbuild (tsx) may wrap nested functions in __name(); the helper has no such helper otherwise.
    const source = `const __name = (f) => f;\n${fns.map((f) => f.toString()).join('\n')}
const fns = { ${fns.map((f) => f.name).join(', ')} };
const { parentPort, workerData } = require('node:worker_threads');
const { port, done } = workerData;
parentPort.on('message', ({ fn, args }) => {
  let result, error;
  try { result = fns[fn](...args); } catch (e) { error = String(e && e.stack || e); }
  port.postMessage({ result, error });
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});`;
    this.worker = new Worker(source, { eval: true, workerData: { port: port2, done: this.done }, transferList: [port2] });
    // One helper for the process, idle between kernels: it must not keep Node alive.
    this.worker.unref();
    // A helper that failed or exited takes no more work (its kernels run on the calling thread).
    this.worker.on('error', () => (this.alive = false));
    this.worker.on('exit', () => (this.alive = false));
    this.port = port1;
  }

  /** A shared Float32Array (or Uint8Array) of `length` under `slot`, reused while big enough. */
  shared<T extends Float32Array | Uint8Array>(slot: string, length: number, kind: new (b: SharedArrayBuffer, o: number, l: number) => T): T {
    const bytes = length * (kind === (Float32Array as unknown) ? 4 : 1);
    let sab = this.scratch.get(slot);
    if (!sab || sab.byteLength < bytes) {
      sab = new SharedArrayBuffer(bytes);
      this.scratch.set(slot, sab);
    }
    return new kind(sab, 0, length);
  }

  /** A shared array as long as `a` under `slot`, holding a copy of a[from…] (the part the helper reads) at the same indices. */
  copy<T extends Float32Array | Uint8Array>(slot: string, a: T, from = 0): T {
    const s = this.shared(slot, a.length, a.constructor as new (b: SharedArrayBuffer, o: number, l: number) => T);
    s.set(a.subarray(from), from);
    return s;
  }

  /** Runs `fn(...upper)` on the helper while `fn(...lower)` runs here; returns both results (here's first). */
  split<F extends LoopFn>(fn: F, lower: Parameters<F>, upper: Parameters<F>): [ReturnType<F>, ReturnType<F>] {
    if (!this.fns.includes(fn)) throw new Error(`helper thread: ${fn.name} was not given to it`);
    this.calls++;
    Atomics.store(this.done, 0, 0);
    this.worker.postMessage({ fn: fn.name, args: upper });
    const mine = fn(...lower) as ReturnType<F>;
    if (Atomics.wait(this.done, 0, 0, WAIT_MS) === 'timed-out') throw new Error(`helper thread: ${fn.name} did not finish in ${WAIT_MS} ms`);
    const reply = receiveMessageOnPort(this.port)?.message as { result: ReturnType<F>; error?: string } | undefined;
    if (!reply) throw new Error(`helper thread: no reply from ${fn.name}`);
    if (reply.error) throw new Error(`helper thread: ${fn.name} failed: ${reply.error}`);
    return [mine, reply.result];
  }
}
