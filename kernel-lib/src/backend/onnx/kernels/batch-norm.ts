/**
 * Training-mode batch norm (Synthlab's BATCH_NORM_TRAIN kernel and its gradient), each one pass for
 * the per-channel sums and one for the output, over the input seen as [M, C] rows of channels.
 * tfjs composes it from moments + batchNorm: ~6 kernels forward and ~20 backward, each a fresh
 * full-size buffer. On onnxruntime the same math as one graph call each way still cost ~45 % more
 * CPU (facenet64's four layers: 212 vs 152 ms forward, 285 vs 218 ms backward): every full-size
 * intermediate and output is a freshly faulted-in buffer there, plus the copy into the tfjs
 * tensor, while these loops write their output once.
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { util } from '@tensorflow/tfjs-core';
import { BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD, type BatchNormTrainAttrs } from '../../fused-kernels';
import { intDims, onnxKernel, type OnnxBackend } from '../backend';

type Args = { inputs: Record<string, TensorInfo | undefined>; backend: OnnxBackend; attrs: BatchNormTrainAttrs };

/** x as rows of channels: [M, C]. */
export function rows(x: TensorInfo): [number, number] {
  const dims = intDims(x.shape), c = dims[dims.length - 1];
  return [(util.sizeFromShape(dims) / c) | 0, c];
}

/** Rows per block of the statistics loops: a block (≤ 4096 values) stays in L1 while each channel's sums run in registers. */
function blockRows(c: number): number {
  return Math.max(1, (4096 / c) | 0);
}

/** Per channel, in doubles: Σ(x − k) and Σ(x − k)² with k the first row (a shift that keeps E[d²] − E[d]² exact enough). */
function shiftedSums(x: Float32Array, c: number): { k: Float64Array; s1: Float64Array; s2: Float64Array } {
  const k = Float64Array.from(x.subarray(0, c));
  return { k, ...shiftedRangeSums(x, c, k, 0, (x.length / c) | 0) };
}

/**
 * Σ(x − k) and Σ(x − k)² per channel over rows [r0, r1), in blocks of ≤ 4096 values that stay in L1
 * while each channel's sums run in registers. Self-contained: the helper thread runs it too.
 */
export function shiftedRangeSums(x: Float32Array, c: number, k: Float64Array, r0: number, r1: number): { s1: Float64Array; s2: Float64Array } {
  const b = Math.max(1, (4096 / c) | 0);
  const s1 = new Float64Array(c), s2 = new Float64Array(c);
  for (let r = r0; r < r1; r += b) {
    const end = Math.min(r1, r + b) * c;
    for (let ch = 0; ch < c; ch++) {
      const kc = k[ch];
      let a = 0, q = 0;
      for (let i = r * c + ch; i < end; i += c) {
        const d = x[i] - kc;
        a += d;
        q += d * d;
      }
      s1[ch] += a;
      s2[ch] += q;
    }
  }
  return { s1, s2 };
}

/**
 * out[i] = x[i]·a[ch] + b[ch] (+ y[i]·f[ch]) in doubles, so the folded −μ·a in b cancels exactly;
 * writes every element of `out` (x's length). One flat loop with a channel counter (faster here
 * than nested row/channel loops).
 */
export function affine(x: Float32Array, a: Float64Array, b: Float64Array, y: Float32Array | null, f: Float64Array | null, out: Float32Array): Float32Array {
  const c = a.length, n = x.length;
  if (y && f) {
    for (let i = 0, ch = 0; i < n; i++) {
      out[i] = x[i] * a[ch] + y[i] * f[ch] + b[ch];
      if (++ch === c) ch = 0;
    }
  } else {
    for (let i = 0, ch = 0; i < n; i++) {
      out[i] = x[i] * a[ch] + b[ch];
      if (++ch === c) ch = 0;
    }
  }
  return out;
}

/** Per channel: the batch mean μ, the biased variance σ² and y = a·x + b, the normalised, scaled and shifted x. */
export interface BatchStats {
  mean: Float32Array;
  variance: Float32Array;
  a: Float64Array;
  b: Float64Array;
}

export function batchStats(x: Float32Array, c: number, scale: Float32Array, offset: Float32Array, eps: number): BatchStats {
  const { k, s1, s2 } = shiftedSums(x, c);
  return statsFromSums((x.length / c) | 0, k, s1, s2, scale, offset, eps);
}

/** batchStats from shiftedRangeSums' sums over all m rows. */
export function statsFromSums(m: number, k: Float64Array, s1: Float64Array, s2: Float64Array, scale: Float32Array, offset: Float32Array, eps: number): BatchStats {
  const c = k.length;
  const mean = new Float32Array(c), variance = new Float32Array(c), a = new Float64Array(c), b = new Float64Array(c);
  for (let ch = 0; ch < c; ch++) {
    const d = s1[ch] / m, v = Math.max(0, s2[ch] / m - d * d), mu = k[ch] + d;
    mean[ch] = mu;
    variance[ch] = v;
    a[ch] = scale[ch] / Math.sqrt(v + eps);
    b[ch] = offset[ch] - mu * a[ch];
  }
  return { mean, variance, a, b };
}

/** y = (x − μ)·scale/√(σ² + ε) + offset with the batch's μ and biased σ², which it also outputs. */
function batchNormTrain({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { x, scale, offset } = inputs as Record<string, TensorInfo>;
  const v = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
  const c = rows(x)[1];
  const { mean, variance, a, b } = batchStats(v(x), c, v(scale), v(offset), attrs.varianceEpsilon);
  const y = affine(v(x), a, b, null, null, backend.outputBuffer(v(x).length));
  return [backend.makeTensorInfo([...x.shape], 'float32', y), backend.makeTensorInfo([c], 'float32', mean), backend.makeTensorInfo([c], 'float32', variance)];
}

/** Per-channel inputs of the gradient: batch mean and variance, scale, and the gradients of the mean and variance outputs. */
export interface GradInputs {
  mu: Float32Array;
  vr: Float32Array;
  s: Float32Array;
  dMu: Float32Array;
  dVar: Float32Array;
}

/**
 * dx = fa·dy + fx·x + f0 and dScale, dOffset from S1 = Σdy and S2 = Σdy·(x − μ) per channel over m rows
 * (formula at batchNormTrainGrad).
 */
export function gradCoefficients(m: number, g: GradInputs, s1: Float64Array, s2: Float64Array, eps: number) {
  const c = s1.length;
  const fa = new Float64Array(c), fx = new Float64Array(c), f0 = new Float64Array(c), dScale = new Float32Array(c), dOffset = new Float32Array(c);
  for (let ch = 0; ch < c; ch++) {
    const r = 1 / Math.sqrt(g.vr[ch] + eps), a = g.s[ch] * r, sx = s2[ch] * r;
    fa[ch] = a;
    fx[ch] = (2 * g.dVar[ch] - a * r * sx) / m;
    f0[ch] = (g.dMu[ch] - a * s1[ch]) / m - fx[ch] * g.mu[ch];
    dScale[ch] = sx;
    dOffset[ch] = s1[ch];
  }
  return { fa, fx, f0, dScale, dOffset };
}

/**
 * Per channel, in doubles: S1 = Σdy and S2 = Σdy·(x − μ). The hot loops live in functions of typed
 * arrays and ints only: a kernel function also handles tfjs's input records, whose changing shapes
 * deoptimise it, and a loop inside it then runs unoptimised until on-stack replacement (3× slower
 * calls were measured in the dcgan step).
 */
function gradSums(x: Float32Array, dy: Float32Array, mu: Float32Array, c: number): { s1: Float64Array; s2: Float64Array } {
  const m = (x.length / c) | 0, b = blockRows(c);
  const s1 = new Float64Array(c), s2 = new Float64Array(c);
  for (let r0 = 0; r0 < m; r0 += b) {
    const end = Math.min(m, r0 + b) * c;
    for (let ch = 0; ch < c; ch++) {
      const mc = mu[ch];
      let p = 0, q = 0;
      for (let i = r0 * c + ch; i < end; i += c) {
        const d = dy[i];
        p += d;
        q += d * (x[i] - mc);
      }
      s1[ch] += p;
      s2[ch] += q;
    }
  }
  return { s1, s2 };
}

/**
 * With r = 1/√(σ² + ε), a = scale·r, S1 = Σdy and S2 = Σdy·x̂ per channel over N rows:
 * dx = a·(dy − S1/N − x̂·S2/N) (the closed form γ/σ·(dy − mean(dy) − x̂·mean(dy·x̂))) + dμ/N + 2·dσ²·(x − μ)/N
 * (the paths through the mean and variance outputs), folded into dx = a·dy + fx·x + f0;
 * dScale = S2, dOffset = S1.
 */
function batchNormTrainGrad({ inputs, backend, attrs }: Args): TensorInfo[] {
  const t = inputs as Record<string, TensorInfo>;
  const v = (name: string) => backend.data.get(t[name].dataId).values as Float32Array;
  const [xv, dyv, mu, vr, s, dMu, dVar] = ['x', 'dy', 'mean', 'variance', 'scale', 'dMean', 'dVariance'].map(v);
  const [m, c] = rows(t.x);
  const { s1, s2 } = gradSums(xv, dyv, mu, c);
  const { fa, fx, f0, dScale, dOffset } = gradCoefficients(m, { mu, vr, s, dMu, dVar }, s1, s2, attrs.varianceEpsilon);
  const dx = affine(xv, fx, f0, dyv, fa, backend.outputBuffer(xv.length));
  return [backend.makeTensorInfo([...t.x.shape], 'float32', dx), backend.makeTensorInfo([c], 'float32', dScale), backend.makeTensorInfo([c], 'float32', dOffset)];
}

// Float32 only: the op (models/ops.ts) composes tfjs ops for other dtypes.
export const batchNormKernels: KernelConfig[] = [onnxKernel(BATCH_NORM_TRAIN, batchNormTrain), onnxKernel(BATCH_NORM_TRAIN_GRAD, batchNormTrainGrad)];
