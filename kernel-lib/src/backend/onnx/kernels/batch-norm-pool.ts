/**
 * relu(2×2 max-pool of training-mode batch norm) in one kernel each way (BATCH_NORM_RELU_POOL). Per
 * channel the normalisation is y = a·x + b, monotone in x, so each window's maximum of y is a·x + b
 * at the window's maximum of x (a > 0) or minimum (a < 0): the forward reads x twice (statistics,
 * then windows) and writes only the pooled output, never the full-size normalised tensor; the
 * backward writes dx once, with dy landing only on the chosen positions. Against batch norm, pool
 * and relu as three kernels each way this skips two full-size buffers forward and two backward.
 * On 2+ threads the loops split over images with a helper thread (helper-thread.ts): onnxruntime
 * splits the convs, but these loops were the calling thread's alone (facenet64 at 2 threads, main
 * thread CPU per step ~690 → ~535 ms, wall ~694 → ~556 ms, process CPU equal at ~900 ms).
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { BATCH_NORM_RELU_POOL, BATCH_NORM_RELU_POOL_GRAD, type BatchNormTrainAttrs } from '../../fused-kernels';
import { intDims, onnxKernel, type OnnxBackend } from '../backend';
import { HelperThread } from '../helper-thread';
import { gradCoefficients, shiftedRangeSums, statsFromSums, type BatchStats } from './batch-norm';

type Args = { inputs: Record<string, TensorInfo | undefined>; backend: OnnxBackend; attrs: BatchNormTrainAttrs };

/** The forward's choices, kept for the gradient under the output's data (as the max-pool kernel does). */
const choiceByOutput = new WeakMap<object, Uint8Array>();

/** Below this many input values a kernel runs on the calling thread alone (the hand-off costs ~0.1 ms). */
const SPLIT_MIN = 1 << 18;

let helper: HelperThread | null | undefined;

/** Loops the helper thread has run (tests check the split path ran). */
export function helperCalls(): number {
  return helper?.calls ?? 0;
}

/** The helper thread when the backend has 2+ threads and x (n images) is worth splitting. */
function helperFor(backend: OnnxBackend, n: number, size: number): HelperThread | undefined {
  if (backend.threads < 2 || n < 2 || size < SPLIT_MIN) return undefined;
  if (helper === undefined) {
    try {
      helper = new HelperThread([shiftedRangeSums, choose, chosenSums, gradRange]);
    } catch {
      helper = null; // no worker threads here: the loops stay on the calling thread
    }
  }
  return helper?.alive ? helper : undefined;
}

/**
 * For each 2×2 window of images [b0, b1) and each channel, the position (0–3 in scan order; 255:
 * the window has no number) of the first maximum of a·x + b (of x where a > 0, of −x where a < 0,
 * the first number where a = 0); NaN never wins. With `y`, writes relu(a·x + b) of the chosen value
 * (0 for a window without numbers, as relu(max-pool) gives). Self-contained: the helper runs it too.
 */
function choose(x: Float32Array, n: number, h: number, w: number, c: number, a: Float64Array, b: Float64Array, at: Uint8Array, y: Float32Array | null, b0: number, b1: number): void {
  const row = w * c, sign = Float64Array.from(a, Math.sign);
  let o = b0 * (h >> 1) * (w >> 1) * c;
  for (let bi = b0; bi < b1; bi++) {
    for (let oh = 0; oh < h / 2; oh++) {
      for (let ow = 0, base = (bi * h + 2 * oh) * row; ow < w / 2; ow++, base += 2 * c) {
        for (let ch = 0; ch < c; ch++, o++) {
          const i = base + ch, s = sign[ch];
          let best = Number.NEGATIVE_INFINITY;
          let pos = 255;
          let v = s * x[i];
          if (v > best) {
            best = v;
            pos = 0;
          }
          v = s * x[i + c];
          if (v > best) {
            best = v;
            pos = 1;
          }
          v = s * x[i + row];
          if (v > best) {
            best = v;
            pos = 2;
          }
          v = s * x[i + row + c];
          if (v > best) pos = 3;
          at[o] = pos;
          if (!y) continue;
          if (pos === 255) {
            y[o] = 0;
          } else {
            const p = x[i + (pos & 1) * c + (pos >> 1) * row] * a[ch] + b[ch];
            y[o] = p < 0 ? 0 : p;
          }
        }
      }
    }
  }
}

function batchNormReluPool({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { x, scale, offset: off } = inputs as Record<string, TensorInfo>;
  const v = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
  const [n, h, w, c] = intDims(x.shape);
  const xv = v(x), y = backend.outputBuffer((n * h * w) / 4 * c), at = new Uint8Array(y.length);
  const k = Float64Array.from(xv.subarray(0, c)), half = n >> 1, m = n * h * w;
  const hp = helperFor(backend, n, xv.length);
  let stats: BatchStats;
  if (hp) {
    // Lower images here, upper ones on the helper, which writes into shared outputs at the same indices.
    const xs = hp.copy('x', xv, half * h * w * c), ys = hp.shared('y', y.length, Float32Array), ats = hp.shared('at', y.length, Uint8Array);
    const [lo, up] = hp.split(shiftedRangeSums, [xv, c, k, 0, half * h * w], [xs, c, k, half * h * w, m]);
    for (let ch = 0; ch < c; ch++) {
      lo.s1[ch] += up.s1[ch];
      lo.s2[ch] += up.s2[ch];
    }
    stats = statsFromSums(m, k, lo.s1, lo.s2, v(scale), v(off), attrs.varianceEpsilon);
    hp.split(choose, [xv, n, h, w, c, stats.a, stats.b, at, y, 0, half], [xs, n, h, w, c, stats.a, stats.b, ats, ys, half, n]);
    const from = half * (h >> 1) * (w >> 1) * c;
    y.set(ys.subarray(from), from);
    at.set(ats.subarray(from), from);
  } else {
    const { s1, s2 } = shiftedRangeSums(xv, c, k, 0, m);
    stats = statsFromSums(m, k, s1, s2, v(scale), v(off), attrs.varianceEpsilon);
    choose(xv, n, h, w, c, stats.a, stats.b, at, y, 0, n);
  }
  const out = backend.makeTensorInfo([n, h / 2, w / 2, c], 'float32', y);
  choiceByOutput.set(out.dataId, at);
  return [out, backend.makeTensorInfo([c], 'float32', stats.mean), backend.makeTensorInfo([c], 'float32', stats.variance)];
}

/**
 * Per channel S1 = Σg and S2 = Σg·(x_chosen − μ) over the windows of images [b0, b1), g = dy where
 * y > 0 (relu) else 0. Self-contained (the helper runs it too).
 */
function chosenSums(x: Float32Array, y: Float32Array, dy: Float32Array, mu: Float32Array, h: number, w: number, c: number, at: Uint8Array, b0: number, b1: number): { s1: Float64Array; s2: Float64Array } {
  const row = w * c, off = [0, c, row, row + c];
  const s1 = new Float64Array(c), s2 = new Float64Array(c);
  for (let bi = b0, o = b0 * (h >> 1) * (w >> 1) * c; bi < b1; bi++) {
    for (let base = bi * h * row, end = base + h * row; base < end; base += row) {
      // One output row: windows over input rows base and base + row.
      for (let rowEnd = base + row; base < rowEnd; base += 2 * c) {
        for (let ch = 0; ch < c; ch++, o++) {
          const pos = at[o];
          if (pos === 255 || !(y[o] > 0)) continue;
          const g = dy[o];
          s1[ch] += g;
          s2[ch] += g * (x[base + ch + off[pos]] - mu[ch]);
        }
      }
    }
  }
  return { s1, s2 };
}

/**
 * dx of images [b0, b1): x·fx + f0 everywhere, and at each window's chosen position with y > 0
 * x·fx + dy·fa + f0 (batchNormTrainGrad's form). Self-contained (the helper runs it too).
 */
function gradRange(dx: Float32Array, x: Float32Array, y: Float32Array, dy: Float32Array, h: number, w: number, c: number, at: Uint8Array, fx: Float64Array, fa: Float64Array, f0: Float64Array, b0: number, b1: number): void {
  const row = w * c, off = [0, c, row, row + c];
  for (let i = b0 * h * row, end = b1 * h * row, ch = 0; i < end; i++) {
    dx[i] = x[i] * fx[ch] + f0[ch];
    if (++ch === c) ch = 0;
  }
  for (let bi = b0, o = b0 * (h >> 1) * (w >> 1) * c; bi < b1; bi++) {
    for (let base = bi * h * row, end = base + h * row; base < end; base += row) {
      for (let rowEnd = base + row; base < rowEnd; base += 2 * c) {
        for (let ch = 0; ch < c; ch++, o++) {
          const pos = at[o];
          if (pos === 255 || !(y[o] > 0)) continue;
          const i = base + ch + off[pos];
          dx[i] = x[i] * fx[ch] + dy[o] * fa[ch] + f0[ch];
        }
      }
    }
  }
}

/**
 * The batch-norm gradient (batchNormTrainGrad's closed form) of dy scattered to the chosen
 * positions through relu (dy where y > 0): its sums S1, S2 run over the pooled outputs only.
 */
function batchNormReluPoolGrad({ inputs, backend, attrs }: Args): TensorInfo[] {
  const t = inputs as Record<string, TensorInfo>;
  const v = (name: string) => backend.data.get(t[name].dataId).values as Float32Array;
  const [xv, yv, dyv, mu, vr, s] = ['x', 'y', 'dy', 'mean', 'variance', 'scale'].map(v);
  const [n, h, w, c] = intDims(t.x.shape), eps = attrs.varianceEpsilon, half = n >> 1;
  let at = choiceByOutput.get(t.y.dataId);
  if (!at || at.length !== yv.length) {
    const o = v('offset'), a = new Float64Array(c), b = new Float64Array(c);
    for (let ch = 0; ch < c; ch++) {
      a[ch] = s[ch] / Math.sqrt(vr[ch] + eps);
      b[ch] = o[ch] - mu[ch] * a[ch];
    }
    at = new Uint8Array(yv.length);
    choose(xv, n, h, w, c, a, b, at, null, 0, n);
  }
  const dx = backend.outputBuffer(xv.length);
  const hp = helperFor(backend, n, xv.length);
  const grad = (s1: Float64Array, s2: Float64Array) =>
    gradCoefficients(xv.length / c, { mu, vr, s, dMu: v('dMean'), dVar: v('dVariance') }, s1, s2, eps);
  let g: ReturnType<typeof gradCoefficients>;
  if (hp) {
    // The helper reads only its images' part of each input.
    const from = half * h * w * c, fromOut = from / 4;
    const xs = hp.copy('x', xv, from), ys = hp.copy('y', yv, fromOut), dys = hp.copy('dy', dyv, fromOut), ats = hp.copy('at', at, fromOut);
    const dxs = hp.shared('dx', xv.length, Float32Array);
    const [lo, up] = hp.split(chosenSums, [xv, yv, dyv, mu, h, w, c, at, 0, half], [xs, ys, dys, mu, h, w, c, ats, half, n]);
    for (let ch = 0; ch < c; ch++) {
      lo.s1[ch] += up.s1[ch];
      lo.s2[ch] += up.s2[ch];
    }
    g = grad(lo.s1, lo.s2);
    hp.split(gradRange, [dx, xv, yv, dyv, h, w, c, at, g.fx, g.fa, g.f0, 0, half], [dxs, xs, ys, dys, h, w, c, ats, g.fx, g.fa, g.f0, half, n]);
    dx.set(dxs.subarray(from), from);
  } else {
    const { s1, s2 } = chosenSums(xv, yv, dyv, mu, h, w, c, at, 0, n);
    g = grad(s1, s2);
    gradRange(dx, xv, yv, dyv, h, w, c, at, g.fx, g.fa, g.f0, 0, n);
  }
  return [backend.makeTensorInfo([n, h, w, c], 'float32', dx), backend.makeTensorInfo([c], 'float32', g.dScale), backend.makeTensorInfo([c], 'float32', g.dOffset)];
}

// Float32, rank 4 with even height and width only: the op (models/ops.ts) composes other cases.
export const batchNormPoolKernels: KernelConfig[] = [onnxKernel(BATCH_NORM_RELU_POOL, batchNormReluPool), onnxKernel(BATCH_NORM_RELU_POOL_GRAD, batchNormReluPoolGrad)];
