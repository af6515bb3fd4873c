/** Shared harness for the onnx backend tests: run a function on 'cpu' and 'onnx', compare values and gradients. */
import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { registerOnnxBackend, type OnnxBackend } from '../../kernel-lib/src/backend/onnx';
import { Rng } from '../../kernel-lib/src/random';

export { tf };

/** Registers the backend once (1 thread) and fails the suite loudly if it cannot load. */
export function useOnnx(threads = 1): void {
  const r = registerOnnxBackend({ threads });
  if (!r.ok) throw new Error(`onnx backend did not register: ${r.reason}`);
}

/** Seeded input values of `shape` (normal, or strictly positive when `positive`). */
export function values(shape: number[], seed: string, positive = false): Float32Array {
  const rng = new Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: n }, () => (positive ? 0.5 + rng.float() * 2 : rng.normal()));
}

function maxAbs(a: Float32Array | Int32Array | Uint8Array): number {
  let m = 0;
  for (const v of a) if (!Number.isNaN(v)) m = Math.max(m, Math.abs(v));
  return m;
}

/** Largest |a − b| relative to the largest |a| (1 when a is all zero). */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, 'output sizes differ');
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) return Infinity;
    if (!Number.isNaN(a[i])) d = Math.max(d, Math.abs(a[i] - b[i]));
  }
  return d / Math.max(1, maxAbs(Float32Array.from(a)));
}

interface RunResult {
  outs: { shape: number[]; dtype: string; data: Float32Array | Int32Array | Uint8Array }[];
  grads: Float32Array[];
  ortCalls: number;
  kinds: Set<string>;
}

async function runOn(
  backend: string,
  fn: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[],
  inputs: { shape: number[]; data: Float32Array }[],
  withGrad: boolean,
): Promise<RunResult> {
  await tf.setBackend(backend);
  const be = tf.backend() as OnnxBackend;
  if (backend === 'onnx') be.profile = new Map();
  const before = tf.memory().numTensors;
  const xs = inputs.map((i) => tf.tensor(i.data, i.shape));
  const outT = tf.tidy(() => [fn(...xs)].flat());
  const outs = outT.map((t) => ({ shape: t.shape, dtype: t.dtype, data: t.dataSync() as Float32Array }));
  let grads: Float32Array[] = [];
  if (withGrad) {
    // Weight each output by fixed values so every element's gradient is distinct.
    const g = tf.grads((...a: tf.Tensor[]) =>
      tf.addN([fn(...a)].flat().map((o, i) => tf.sum(tf.mul(o, tf.tensor(values(o.shape, `w${i}`), o.shape))))),
    );
    const gs = g(xs);
    grads = gs.map((t) => t.dataSync() as Float32Array);
    tf.dispose(gs);
  }
  tf.dispose([...xs, ...outT]);
  assert.equal(tf.memory().numTensors, before, `${backend}: tensors leaked`);
  const ortCalls = backend === 'onnx' ? [...be.profile!.values()].reduce((a, e) => a + e.calls, 0) : 0;
  const kinds = new Set(backend === 'onnx' ? be.profile!.keys() : []);
  if (backend === 'onnx') be.profile = null;
  return { outs, grads, ortCalls, kinds };
}

/**
 * Runs `fn` on cpu and onnx with the same seeded inputs and asserts equal outputs (and input
 * gradients when `grad`), within `tol` relative error. Returns how many onnxruntime calls ran,
 * so a test can also assert that the fast path was taken.
 */
export async function compareBackends(
  fn: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[],
  shapes: number[][],
  opts: { grad?: boolean; tol?: number; positive?: boolean; label?: string; expectKinds?: string[] } = {},
): Promise<number> {
  const inputs = shapes.map((shape, i) => ({ shape, data: values(shape, `${opts.label ?? ''}in${i}`, opts.positive) }));
  const cpu = await runOn('cpu', fn, inputs, opts.grad ?? true);
  const onnx = await runOn('onnx', fn, inputs, opts.grad ?? true);
  const tol = opts.tol ?? 1e-5;
  const label = opts.label ?? `shapes ${JSON.stringify(shapes)}`;
  cpu.outs.forEach((o, i) => {
    assert.deepEqual(onnx.outs[i].shape, o.shape, `${label}: output ${i} shape`);
    assert.equal(onnx.outs[i].dtype, o.dtype, `${label}: output ${i} dtype`);
    const e = relErr(o.data, onnx.outs[i].data);
    assert.ok(e <= tol, `${label}: output ${i} differs by ${e} (tol ${tol})`);
  });
  cpu.grads.forEach((g, i) => {
    const e = relErr(g, onnx.grads[i]);
    assert.ok(e <= tol, `${label}: gradient of input ${i} differs by ${e} (tol ${tol})`);
  });
  for (const k of opts.expectKinds ?? []) assert.ok(onnx.kinds.has(k), `${label}: onnxruntime graph ${k} did not run (ran: ${[...onnx.kinds]})`);
  return onnx.ortCalls;
}
