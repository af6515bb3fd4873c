/**
 * Conv gradient kernels at DCGAN shapes (batch 64, 4×4 stride-2 'same' convs): ms per call of
 * Synthlab's wasm Conv2DBackpropFilter and Conv2DBackpropInput against tfjs-wasm's stock
 * Conv2DBackpropInput (a scalar loop) and the cpu backend. ratio = peer ms / ours ms (> 1: we win).
 * The cpu backend needs minutes per call at batch 64 (340 s for D2's filter gradient), so it runs at
 * batch 1 and its time is scaled by 64 (the work is linear in the batch).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { loadWasm } from '../kernel-lib/src/backend/wasm';
import { stockKernel } from '../kernel-lib/src/backend/wasm/kernel-utils';
import type { BenchOptions, BenchResult } from './types';

interface Layer { name: string; x: [number, number, number, number]; cout: number }

const dcgan: Layer[] = [
  { name: 'D1 32x32x3->64', x: [64, 32, 32, 3], cout: 64 },
  { name: 'D2 16x16x64->128', x: [64, 16, 16, 64], cout: 128 },
  { name: 'D3 8x8x128->256', x: [64, 8, 8, 128], cout: 256 },
];

/** Best ms of `reps` calls after one warm-up (the least disturbed by other work on a shared machine). */
function timeMs(reps: number, f: () => void): number {
  f();
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

type Shape4 = [number, number, number, number];

function shapes(l: Layer, batch = l.x[0]): { x: Shape4; w: Shape4; dy: Shape4 } {
  const [, h, w, c] = l.x;
  return { x: [batch, h, w, c], w: [4, 4, c, l.cout], dy: [batch, Math.ceil(h / 2), Math.ceil(w / 2), l.cout] };
}

/** ms per call of dW and dx on the active backend (the tensors are made on it), at `batch`. */
function timeGrads(l: Layer, reps: number, batch = l.x[0]): { dw: number; dx: number } {
  const s = shapes(l, batch);
  const x = tf.randomNormal(s.x, 0, 1, 'float32', 1);
  const w = tf.randomNormal(s.w, 0, 1, 'float32', 2);
  const dy = tf.randomNormal(s.dy, 0, 1, 'float32', 3);
  const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC' };
  const dw = timeMs(reps, () => (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: s.w }) as tf.Tensor).dispose());
  const dx = timeMs(reps, () => (tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...attrs, inputShape: s.x }) as tf.Tensor).dispose());
  tf.dispose([x, w, dy]);
  return { dw, dx };
}

/** ms per call of tfjs-wasm's own Conv2DBackpropInput, called directly on the backend. */
function timeStockDx(l: Layer, reps: number): number {
  const stock = stockKernel('Conv2DBackpropInput');
  if (!stock) throw new Error('stock wasm Conv2DBackpropInput was not kept');
  const s = shapes(l);
  const backend = tf.backend() as BackendWasm;
  const w = tf.randomNormal(s.w, 0, 1, 'float32', 2);
  const dy = tf.randomNormal(s.dy, 0, 1, 'float32', 3);
  const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC', inputShape: l.x };
  const ms = timeMs(reps, () => {
    const out = stock.kernelFunc({ inputs: { dy, filter: w }, backend, attrs }) as tf.TensorInfo;
    backend.disposeData(out.dataId);
  });
  tf.dispose([w, dy]);
  return ms;
}

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const prev = tf.getBackend();
  const layers = quick ? dcgan.slice(1, 2) : dcgan;
  const reps = quick ? 3 : 7;
  const out: BenchResult[] = [];
  try {
    await loadWasm();
    const ours = layers.map((l) => ({ l, t: timeGrads(l, reps), stockDx: timeStockDx(l, quick ? 1 : 3) }));
    await tf.setBackend('cpu');
    for (const { l, t, stockDx } of ours) {
      const cpu1 = timeGrads(l, 1, 1);
      const cpu = { dw: cpu1.dw * l.x[0], dx: cpu1.dx * l.x[0] };
      const notes = `x [${l.x}] -> ${l.cout} ch, 4x4 s2 same, 1 thread`;
      const cpuNote = `${notes}; peer = tfjs cpu backend at batch 1, x${l.x[0]}`;
      out.push({ name: `Conv2DBackpropFilter ${l.name} vs cpu`, unit: 'ms', ours: t.dw, peer: cpu.dw, ratio: cpu.dw / t.dw, notes: cpuNote });
      out.push({ name: `Conv2DBackpropInput ${l.name} vs stock wasm`, unit: 'ms', ours: t.dx, peer: stockDx, ratio: stockDx / t.dx, notes: `${notes}; peer = tfjs-wasm 4.22 stock kernel (scalar loop); also conv2dTranspose's forward` });
      out.push({ name: `Conv2DBackpropInput ${l.name} vs cpu`, unit: 'ms', ours: t.dx, peer: cpu.dx, ratio: cpu.dx / t.dx, notes: cpuNote });
    }
  } finally {
    if (prev) await tf.setBackend(prev);
  }
  return out;
}
