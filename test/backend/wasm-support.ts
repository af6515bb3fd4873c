/**
 * Runs the same tensor program on the 'cpu' backend and on 'wasm' (with Synthlab's kernels) from
 * identical seeded inputs, and compares the results. Restores the backend that was active.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../kernel-lib/src/backend'; // registers tfjs gradients
import { loadWasm } from '../../kernel-lib/src/backend/wasm';
import { Rng } from '../../kernel-lib/src/random';

/** Seeded N(0,1) values for a shape (plain data, so both backends get the same numbers). */
export function normal(shape: number[], seed: number): { values: Float32Array; shape: number[] } {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float64Array(n);
  new Rng(seed).fillNormal(d);
  return { values: Float32Array.from(d), shape };
}

export type Program = () => tf.Tensor[];

/** Results of `program` on `backend`, as plain arrays; checks it leaks no tensor and no backend buffer. */
export async function runOn(backend: 'cpu' | 'wasm', program: Program): Promise<{ data: Float32Array[]; shapes: number[][] }> {
  await tf.setBackend(backend);
  const tensorsBefore = tf.memory().numTensors;
  const idsBefore = tf.engine().backend.numDataIds();
  const outs = tf.tidy(program);
  const data = outs.map((t) => Float32Array.from(t.dataSync()));
  const shapes = outs.map((t) => t.shape);
  tf.dispose(outs);
  assert.equal(tf.memory().numTensors, tensorsBefore, `${backend}: tensors leaked`);
  assert.equal(tf.engine().backend.numDataIds(), idsBefore, `${backend}: backend buffers leaked`);
  return { data, shapes };
}

/** Largest |a − b| over all outputs, scaled by the reference's largest magnitude (≥ 1). */
export function maxScaledDiff(ref: Float32Array[], got: Float32Array[]): number {
  let worst = 0;
  ref.forEach((r, i) => {
    let scale = 1;
    for (const v of r) scale = Math.max(scale, Math.abs(v));
    for (let j = 0; j < r.length; j++) worst = Math.max(worst, Math.abs(r[j] - got[i][j]) / scale);
  });
  return worst;
}

/** Asserts `program` gives the same shapes and values (within `tol`, scaled) on wasm as on cpu. */
export async function assertSameOnWasm(label: string, program: Program, tol = 1e-5): Promise<void> {
  const cpu = await runOn('cpu', program);
  const wasm = await runOn('wasm', program);
  assert.deepEqual(wasm.shapes, cpu.shapes, `${label}: shapes`);
  const diff = maxScaledDiff(cpu.data, wasm.data);
  assert.ok(diff <= tol, `${label}: wasm differs from cpu by ${diff.toExponential(2)} (scaled), tolerance ${tol}`);
}

/** A scalar loss whose gradient is a seeded random tensor, so no gradient entry is trivially equal. */
export function probe(y: tf.Tensor, seed: number): tf.Scalar {
  const r = normal(y.shape, seed);
  return tf.sum(tf.mul(y, tf.tensor(r.values, r.shape)));
}

export function t4(n: { values: Float32Array; shape: number[] }): tf.Tensor4D {
  return tf.tensor4d(n.values, n.shape as [number, number, number, number]);
}

/** Loads wasm with our kernels before a suite and puts the previous backend back after it. */
export function useWasmAndCpu(): void {
  let previous = '';
  before(async () => {
    previous = tf.getBackend() ?? '';
    await loadWasm();
  });
  after(async () => {
    // With no backend active before, leave the plain cpu one rather than ours.
    await tf.setBackend(previous || 'cpu');
  });
}
