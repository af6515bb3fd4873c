/**
 * relu(2×2 max-pool of training-mode batch norm) in one kernel each way (BATCH_NORM_RELU_POOL). Per
 * channel the normalisation is y = a·x + b, monotone in x, so each window's maximum of y is a·x + b
 * at the window's maximum of x (a > 0) or minimum (a < 0): the forward reads x twice (statistics,
 * then windows) and writes only the pooled output, never the full-size normalised tensor; the
 * backward writes dx once, with dy landing only on the chosen positions. Against batch norm, pool
 * and relu as three kernels each way this skips two full-size buffers forward and two backward.
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { BATCH_NORM_RELU_POOL, BATCH_NORM_RELU_POOL_GRAD, type BatchNormTrainAttrs } from '../../fused-kernels';
import { intDims, onnxKernel, type OnnxBackend } from '../backend';
import { affine, batchStats, gradCoefficients } from './batch-norm';

type Args = { inputs: Record<string, TensorInfo | undefined>; backend: OnnxBackend; attrs: BatchNormTrainAttrs };

/** Window position (0–3 in scan order) of each output's choice; NONE: the window has no number. */
const NONE = 255;

/** The forward's choices, kept for the gradient under the output's data (as the max-pool kernel does). */
const choiceByOutput = new WeakMap<object, Uint8Array>();

/**
 * For each 2×2 window and channel, the position of the first maximum of a·x + b in scan order (of x
 * where a > 0, of −x where a < 0, the first number where a = 0); NaN never wins. With `y`, writes
 * relu(a·x + b) of the chosen value (0 for a window without numbers, as relu(max-pool) gives).
 */
function choose(x: Float32Array, shape: readonly number[], a: Float64Array, b: Float64Array, at: Uint8Array, y: Float32Array | null): void {
  const [n, h, w, c] = intDims(shape);
  const row = w * c, sign = Float64Array.from(a, Math.sign);
  let o = 0;
  for (let bi = 0; bi < n; bi++) {
    for (let oh = 0; oh < h / 2; oh++) {
      for (let ow = 0, base = (bi * h + 2 * oh) * row; ow < w / 2; ow++, base += 2 * c) {
        for (let ch = 0; ch < c; ch++, o++) {
          const i = base + ch, s = sign[ch];
          let best = Number.NEGATIVE_INFINITY;
          let pos = NONE;
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
          if (pos === NONE) {
            y[o] = 0;
          } else {
            const p = x[i + offset(pos, c, row)] * a[ch] + b[ch];
            y[o] = p < 0 ? 0 : p;
          }
        }
      }
    }
  }
}

function offset(pos: number, c: number, row: number): number {
  return (pos & 1) * c + (pos >> 1) * row;
}

function batchNormReluPool({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { x, scale, offset: off } = inputs as Record<string, TensorInfo>;
  const v = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
  const [n, h, w, c] = intDims(x.shape);
  const { mean, variance, a, b } = batchStats(v(x), c, v(scale), v(off), attrs.varianceEpsilon);
  const y = backend.outputBuffer((n * h * w) / 4 * c);
  const at = new Uint8Array(y.length);
  choose(v(x), x.shape, a, b, at, y);
  const out = backend.makeTensorInfo([n, h / 2, w / 2, c], 'float32', y);
  choiceByOutput.set(out.dataId, at);
  return [out, backend.makeTensorInfo([c], 'float32', mean), backend.makeTensorInfo([c], 'float32', variance)];
}

/**
 * Per channel S1 = Σg and S2 = Σg·(x_chosen − μ) over the windows, g = dy where y > 0 (relu) else 0.
 * (Loops in functions of typed arrays and ints: see gradSums in batch-norm.ts.)
 */
function chosenSums(x: Float32Array, y: Float32Array, dy: Float32Array, mu: Float32Array, shape: number[], at: Uint8Array): { s1: Float64Array; s2: Float64Array } {
  const [n, h, w, c] = shape, row = w * c, off = [0, c, row, row + c];
  const s1 = new Float64Array(c), s2 = new Float64Array(c);
  for (let bi = 0, o = 0; bi < n; bi++) {
    for (let base = bi * h * row, end = base + h * row; base < end; base += row) {
      // One output row: windows over input rows base and base + row.
      for (let rowEnd = base + row; base < rowEnd; base += 2 * c) {
        for (let ch = 0; ch < c; ch++, o++) {
          const pos = at[o];
          if (pos === NONE || !(y[o] > 0)) continue;
          const g = dy[o];
          s1[ch] += g;
          s2[ch] += g * (x[base + ch + off[pos]] - mu[ch]);
        }
      }
    }
  }
  return { s1, s2 };
}

/** At each window's chosen position with y > 0, dx = x·fx + dy·fa + f0 (batchNormTrainGrad's form; elsewhere dx = x·fx + f0). */
function addChosen(dx: Float32Array, x: Float32Array, y: Float32Array, dy: Float32Array, shape: number[], at: Uint8Array, fx: Float64Array, fa: Float64Array, f0: Float64Array): void {
  const [n, h, w, c] = shape, row = w * c, off = [0, c, row, row + c];
  for (let bi = 0, o = 0; bi < n; bi++) {
    for (let base = bi * h * row, end = base + h * row; base < end; base += row) {
      for (let rowEnd = base + row; base < rowEnd; base += 2 * c) {
        for (let ch = 0; ch < c; ch++, o++) {
          const pos = at[o];
          if (pos === NONE || !(y[o] > 0)) continue;
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
  const shape = intDims(t.x.shape), c = shape[3], eps = attrs.varianceEpsilon;
  let at = choiceByOutput.get(t.y.dataId);
  if (!at || at.length !== yv.length) {
    const o = v('offset'), a = new Float64Array(c), b = new Float64Array(c);
    for (let ch = 0; ch < c; ch++) {
      a[ch] = s[ch] / Math.sqrt(vr[ch] + eps);
      b[ch] = o[ch] - mu[ch] * a[ch];
    }
    at = new Uint8Array(yv.length);
    choose(xv, shape, a, b, at, null);
  }
  const { s1, s2 } = chosenSums(xv, yv, dyv, mu, shape, at);
  const { fa, fx, f0, dScale, dOffset } = gradCoefficients(xv.length / c, { mu, vr, s, dMu: v('dMean'), dVar: v('dVariance') }, s1, s2, eps);
  const dx = affine(xv, fx, f0, null, null, backend.outputBuffer(xv.length));
  addChosen(dx, xv, yv, dyv, shape, at, fx, fa, f0);
  return [backend.makeTensorInfo([...shape], 'float32', dx), backend.makeTensorInfo([c], 'float32', dScale), backend.makeTensorInfo([c], 'float32', dOffset)];
}

// Float32, rank 4 with even height and width only: the op (models/ops.ts) composes other cases.
export const batchNormPoolKernels: KernelConfig[] = [onnxKernel(BATCH_NORM_RELU_POOL, batchNormReluPool), onnxKernel(BATCH_NORM_RELU_POOL_GRAD, batchNormReluPoolGrad)];
