/**
 * Conv gradient kernels at DCGAN shapes (batch 64, 4×4 stride-2 'same' convs): ms per call of
 * Synthlab's wasm Conv2DBackpropFilter and Conv2DBackpropInput against tfjs-wasm's stock
 * Conv2DBackpropInput (a scalar loop) and the cpu backend; BatchMatMul at dense-gradient and
 * attention shapes vs the stock kernel; depthwise gradients vs cpu.
 * ratio = peer ms / ours ms (> 1: we win).
 * The cpu backend needs minutes per call at batch 64 (340 s for D2's filter gradient), so it runs at
 * batch 1 and its time is scaled by 64 (the work is linear in the batch).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { loadWasm } from '../kernel-lib/src/backend/wasm';
import { stockKernel } from '../kernel-lib/src/backend/wasm/kernel-utils';
import type { BenchOptions, BenchResult } from './types';
import { bestCpuMs } from './timing';

interface Layer { name: string; x: [number, number, number, number]; cout: number }

const dcgan: Layer[] = [
  { name: 'D1 32x32x3->64', x: [64, 32, 32, 3], cout: 64 },
  { name: 'D2 16x16x64->128', x: [64, 16, 16, 64], cout: 128 },
  { name: 'D3 8x8x128->256', x: [64, 8, 8, 128], cout: 256 },
];


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
  const dw = bestCpuMs(reps, () => (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: s.w }) as tf.Tensor).dispose());
  const dx = bestCpuMs(reps, () => (tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...attrs, inputShape: s.x }) as tf.Tensor).dispose());
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
  const ms = bestCpuMs(reps, () => {
    const out = stock.kernelFunc({ inputs: { dy, filter: w }, backend, attrs }) as tf.TensorInfo;
    backend.disposeData(out.dataId);
  });
  tf.dispose([w, dy]);
  return ms;
}

/** ms of the wasm BatchMatMul (ours) and of the stock kernel on the same operands. */
function timeMatMul(a: number[], b: number[], transposeA: boolean, transposeB: boolean, reps: number): { ours: number; stock: number } {
  const stock = stockKernel('BatchMatMul');
  if (!stock) throw new Error('stock wasm BatchMatMul was not kept');
  const backend = tf.backend() as BackendWasm;
  const at = tf.randomNormal(a, 0, 1, 'float32', 4);
  const bt = tf.randomNormal(b, 0, 1, 'float32', 5);
  const attrs = { transposeA, transposeB };
  const ours = bestCpuMs(reps, () => (tf.engine().runKernel('BatchMatMul', { a: at, b: bt }, attrs) as tf.Tensor).dispose());
  const stockMs = bestCpuMs(Math.max(1, Math.floor(reps / 3)), () => {
    // The stock kernel takes rank-3 operands.
    const a3 = tf.reshape(at, [-1, ...a.slice(-2)]);
    const b3 = tf.reshape(bt, [-1, ...b.slice(-2)]);
    const out = stock.kernelFunc({ inputs: { a: a3, b: b3 }, backend, attrs }) as tf.TensorInfo;
    backend.disposeData(out.dataId);
    tf.dispose([a3, b3]);
  });
  tf.dispose([at, bt]);
  return { ours, stock: stockMs };
}

const matMuls: { name: string; a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [
  { name: 'dense dW xᵀ·dy [64,100]ᵀ×[64,4096]', a: [64, 100], b: [64, 4096], ta: true, tb: false },
  { name: 'dense dx dy·Wᵀ [64,4096]×[100,4096]ᵀ', a: [64, 4096], b: [100, 4096], ta: false, tb: true },
  { name: 'attention q·kᵀ [64,256,32]×[64,256,32]ᵀ', a: [64, 256, 32], b: [64, 256, 32], ta: false, tb: true },
  { name: 'attention p·v [64,256,256]×[64,256,64]', a: [64, 256, 256], b: [64, 256, 64], ta: false, tb: false },
];

/** Depthwise 3×3 gradients on wasm (ours) vs the cpu backend at batch 1, scaled. */
async function depthwise(reps: number): Promise<BenchResult[]> {
  const x: Shape4 = [64, 32, 32, 32];
  const f: Shape4 = [3, 3, 32, 1];
  const attrs = { strides: 1, dilations: 1, pad: 'same' };
  const time = (batch: number, r: number) => {
    const xt = tf.randomNormal([batch, 32, 32, 32], 0, 1, 'float32', 6);
    const ft = tf.randomNormal(f, 0, 1, 'float32', 7);
    const dy = tf.randomNormal([batch, 32, 32, 32], 0, 1, 'float32', 8);
    const dw = bestCpuMs(r, () => (tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x: xt, dy }, { ...attrs, filterShape: f }) as tf.Tensor).dispose());
    const dx = bestCpuMs(r, () => (tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy, filter: ft }, { ...attrs, inputShape: [batch, 32, 32, 32] }) as tf.Tensor).dispose());
    tf.dispose([xt, ft, dy]);
    return { dw, dx };
  };
  await tf.setBackend('wasm');
  const ours = time(64, reps);
  await tf.setBackend('cpu');
  const cpu1 = time(1, 1);
  const notes = `x [${x}], 3x3 s1 same, multiplier 1; peer = tfjs cpu backend at batch 1, x64`;
  return [
    { name: 'DepthwiseConv2dNativeBackpropFilter vs cpu', unit: 'ms', ours: ours.dw, peer: cpu1.dw * 64, ratio: (cpu1.dw * 64) / ours.dw, notes },
    { name: 'DepthwiseConv2dNativeBackpropInput vs cpu', unit: 'ms', ours: ours.dx, peer: cpu1.dx * 64, ratio: (cpu1.dx * 64) / ours.dx, notes },
  ];
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
      const notes = `x [${l.x}] -> ${l.cout} ch, 4x4 s2 same, 1 thread, CPU ms`;
      const cpuNote = `${notes}; peer = tfjs cpu backend at batch 1, x${l.x[0]}`;
      out.push({ name: `Conv2DBackpropFilter ${l.name} vs cpu`, unit: 'ms', ours: t.dw, peer: cpu.dw, ratio: cpu.dw / t.dw, notes: cpuNote });
      out.push({ name: `Conv2DBackpropInput ${l.name} vs stock wasm`, unit: 'ms', ours: t.dx, peer: stockDx, ratio: stockDx / t.dx, notes: `${notes}; peer = tfjs-wasm 4.22 stock kernel (scalar loop); also conv2dTranspose's forward` });
      out.push({ name: `Conv2DBackpropInput ${l.name} vs cpu`, unit: 'ms', ours: t.dx, peer: cpu.dx, ratio: cpu.dx / t.dx, notes: cpuNote });
    }
    await tf.setBackend('wasm');
    for (const m of quick ? matMuls.slice(0, 1) : matMuls) {
      const t = timeMatMul(m.a, m.b, m.ta, m.tb, reps);
      out.push({ name: `BatchMatMul ${m.name} vs stock wasm`, unit: 'ms', ours: t.ours, peer: t.stock, ratio: t.stock / t.ours, notes: 'peer = tfjs-wasm 4.22 stock kernel (XNNPACK only for one matrix without transposes, else a scalar loop)' });
    }
    if (!quick) out.push(...(await depthwise(reps)));
  } finally {
    if (prev) await tf.setBackend(prev);
  }
  return out;
}
