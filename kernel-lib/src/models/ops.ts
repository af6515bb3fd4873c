import * as tf from '../tf';
import {
  BATCH_NORM_RELU_POOL,
  BATCH_NORM_RELU_POOL_GRAD,
  BATCH_NORM_TRAIN,
  BATCH_NORM_TRAIN_GRAD,
  hasKernel,
  type BatchNormTrainAttrs,
} from '../backend/fused-kernels';
import { ATTENTION, ATTENTION_GRAD, type AttentionAttrs, BCE_WITH_LOGITS, BCE_WITH_LOGITS_GRAD, SCALED_ADD, SCALED_ADD_GRAD } from '../backend/fused-kernels';

const stopGradientOp = tf.customGrad((...inputs: (tf.Tensor | ((tensors: tf.Tensor[]) => void))[]) => {
  const x = inputs[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

/** x as a constant for differentiation (tfjs-core has no stopGradient op). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stopGradientOp(x) as T;
}

export interface BatchNormBatchStats<R extends tf.Rank> {
  /** The normalised (and, with scale/offset, scaled and shifted) input. */
  y: tf.Tensor<R>;
  /** Batch mean per channel [C]. */
  mean: tf.Tensor1D;
  /** Biased batch variance per channel [C] (as tf.moments). */
  variance: tf.Tensor1D;
}

/**
 * Training-mode batch norm over every axis but the last: y = (x − μ)/√(σ² + ε)·scale + offset with
 * the batch's μ and σ², which it also returns (for running statistics). One fused kernel each way
 * where the backend registers BATCH_NORM_TRAIN (onnx), tfjs ops elsewhere; same values and gradients.
 *
 * @example
 * const { y, mean, variance } = batchNormTraining(x, 1e-5, gamma, beta);
 */
export function batchNormTraining<R extends tf.Rank>(x: tf.Tensor<R>, epsilon: number, scale?: tf.Tensor1D, offset?: tf.Tensor1D): BatchNormBatchStats<R> {
  const c = x.shape[x.rank - 1];
  for (const [name, t] of [['scale', scale], ['offset', offset]] as const) {
    if (t && (t.rank !== 1 || t.shape[0] !== c)) throw new Error(`batchNormTraining: ${name} must have shape [${c}] (x's channels), got [${t.shape}]`);
  }
  if (x.rank < 2) throw new Error(`batchNormTraining: x must have a batch axis and a channel axis, got shape [${x.shape}]`);
  if (hasKernel(BATCH_NORM_TRAIN) && x.dtype === 'float32') {
    return tf.tidy(() => {
      const inputs = { x, scale: scale ?? tf.ones([c]), offset: offset ?? tf.zeros([c]) };
      const attrs: BatchNormTrainAttrs = { varianceEpsilon: epsilon };
      const [y, mean, variance] = tf.engine().runKernel(BATCH_NORM_TRAIN, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
      return { y: y as tf.Tensor<R>, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
    });
  }
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, [...Array(x.rank - 1).keys()]) as { mean: tf.Tensor1D; variance: tf.Tensor1D };
    let y: tf.Tensor = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
    if (scale) y = tf.mul(y, scale);
    if (offset) y = tf.add(y, offset);
    return { y: y as tf.Tensor<R>, mean, variance };
  });
}

tf.registerGradient({
  kernelName: BATCH_NORM_TRAIN,
  inputsToSave: ['x', 'scale'],
  outputsToSave: [false, true, true],
  gradFunc: (dys, saved, attrs) => {
    const [x, scale, mean, variance] = saved;
    const [dy, dMean, dVariance] = dys as tf.Tensor[];
    const inputs = { x, mean, variance, scale, dy, dMean, dVariance };
    const [dx, dScale, dOffset] = tf.engine().runKernel(BATCH_NORM_TRAIN_GRAD, inputs, attrs as tf.NamedAttrMap) as tf.Tensor[];
    return { x: () => dx, scale: () => dScale, offset: () => dOffset };
  },
});

/**
 * relu(2×2 max-pool, stride 2, of batchNormTraining(x)) for an NHWC x of even height and width, with
 * the batch's statistics. One fused kernel each way where the backend registers BATCH_NORM_RELU_POOL
 * (onnx; the full-size normalised tensor is never stored), the three ops elsewhere; same values, and
 * the same gradients up to ties between window values that round to the same float32.
 *
 * @example
 * const { y, mean, variance } = batchNormReluPool2x(conv, 1e-5, gamma, beta); // y: [B, H/2, W/2, C]
 */
export function batchNormReluPool2x(x: tf.Tensor4D, epsilon: number, scale: tf.Tensor1D, offset: tf.Tensor1D): BatchNormBatchStats<tf.Rank.R4> {
  const [, h, w, c] = x.shape;
  if (h % 2 !== 0 || w % 2 !== 0) throw new Error(`batchNormReluPool2x: x must have even height and width, got shape [${x.shape}]`);
  for (const [name, t] of [['scale', scale], ['offset', offset]] as const) {
    if (t.rank !== 1 || t.shape[0] !== c) throw new Error(`batchNormReluPool2x: ${name} must have shape [${c}] (x's channels), got [${t.shape}]`);
  }
  if (!hasKernel(BATCH_NORM_RELU_POOL) || x.dtype !== 'float32') {
    return tf.tidy(() => {
      const bn = batchNormTraining(x, epsilon, scale, offset);
      return { y: tf.relu(tf.maxPool(bn.y, 2, 2, 'valid')), mean: bn.mean, variance: bn.variance };
    });
  }
  const attrs: BatchNormTrainAttrs = { varianceEpsilon: epsilon };
  const [y, mean, variance] = tf.engine().runKernel(BATCH_NORM_RELU_POOL, { x, scale, offset }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  return { y: y as tf.Tensor4D, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}

tf.registerGradient({
  kernelName: BATCH_NORM_RELU_POOL,
  inputsToSave: ['x', 'scale', 'offset'],
  outputsToSave: [true, true, true],
  gradFunc: (dys, saved, attrs) => {
    const [x, scale, offset, y, mean, variance] = saved;
    const [dy, dMean, dVariance] = dys as tf.Tensor[];
    const inputs = { x, scale, offset, y, mean, variance, dy, dMean, dVariance };
    const [dx, dScale, dOffset] = tf.engine().runKernel(BATCH_NORM_RELU_POOL_GRAD, inputs, attrs as tf.NamedAttrMap) as tf.Tensor[];
    return { x: () => dx, scale: () => dScale, offset: () => dOffset };
  },
});

/**
 * x + γ·o for a one-element γ (SAGAN's attention residual): one kernel each way where the backend
 * registers SCALED_ADD (onnx), tfjs ops elsewhere; same values, gradients to within rounding.
 *
 * @example
 * const y = scaledAdd(x, gamma, attentionOutput);
 */
export function scaledAdd<R extends tf.Rank>(x: tf.Tensor<R>, gamma: tf.Tensor, o: tf.Tensor<R>): tf.Tensor<R> {
  if (gamma.size !== 1) throw new Error(`scaledAdd: gamma must have one element, got shape [${gamma.shape}]`);
  if (!tf.util.arraysEqual(x.shape, o.shape)) throw new Error(`scaledAdd: o has shape [${o.shape}], x [${x.shape}]; they must match`);
  if (!hasKernel(SCALED_ADD) || [x, gamma, o].some((t) => t.dtype !== 'float32')) return tf.add(x, tf.mul(gamma, o));
  return tf.tidy(() => tf.engine().runKernel(SCALED_ADD, { x, gamma: tf.reshape(gamma, []), o }) as tf.Tensor<R>);
}

tf.registerGradient({
  kernelName: SCALED_ADD,
  inputsToSave: ['gamma', 'o'],
  gradFunc: (dy, saved) => {
    const [gamma, o] = saved;
    const d = dy as tf.Tensor;
    const [dO, dGamma] = tf.engine().runKernel(SCALED_ADD_GRAD, { dy: d, gamma, o }) as tf.Tensor[];
    return { x: () => tf.reshape(d, d.shape), gamma: () => dGamma, o: () => dO };
  },
});

/**
 * Binary cross-entropy of targets t in [0, 1] against logits l, per element:
 * max(l, 0) − l·t + log(1 + e^−|l|) (stable for large |l|). One kernel each way where the backend
 * registers BCE_WITH_LOGITS (onnx), tfjs ops elsewhere. The gradient in l is σ(l) − t everywhere
 * (tfjs's composed gradient gives −t at exactly l = 0).
 *
 * @example
 * const perPixel = bceWithLogits(decoderLogits, images01);
 */
export function bceWithLogits<R extends tf.Rank>(logits: tf.Tensor<R>, target: tf.Tensor<R>): tf.Tensor<R> {
  if (!tf.util.arraysEqual(logits.shape, target.shape)) throw new Error(`bceWithLogits: target has shape [${target.shape}], logits [${logits.shape}]; they must match`);
  if (!hasKernel(BCE_WITH_LOGITS) || logits.dtype !== 'float32' || target.dtype !== 'float32') {
    return tf.add(tf.sub(tf.relu(logits), tf.mul(logits, target)), tf.softplus(tf.neg(tf.abs(logits))));
  }
  return tf.engine().runKernel(BCE_WITH_LOGITS, { logits, target }) as tf.Tensor<R>;
}

tf.registerGradient({
  kernelName: BCE_WITH_LOGITS,
  inputsToSave: ['logits', 'target'],
  gradFunc: (dy, saved) => {
    const [logits, target] = saved;
    const d = dy as tf.Tensor;
    return {
      logits: () => tf.engine().runKernel(BCE_WITH_LOGITS_GRAD, { dy: d, logits, target }) as tf.Tensor,
      target: () => tf.neg(tf.mul(d, logits)),
    };
  },
});

export interface AttentionResult {
  /** β v: [B, N, e]. */
  y: tf.Tensor3D;
  /** With `withMap`, the attention map β = softmax(q kᵀ) over the last axis: [B, N, M]. */
  beta?: tf.Tensor3D;
}

/**
 * Attention without scaling (SAGAN's): β = softmax(q kᵀ) over the M keys, y = β v, for q [B, N, d],
 * k [B, M, d], v [B, M, e]; β too with `withMap`. One kernel each way where the backend registers
 * ATTENTION (onnx: the [B, N, M] scores and their gradients never leave onnxruntime, and without
 * `withMap` neither does β: the backward pass recomputes it), tfjs ops elsewhere; same values,
 * gradients to within rounding (β's too, when it feeds the loss).
 *
 * @example
 * const { y, beta } = attention(theta, phi, g, true); // beta: the map, for display
 */
export function attention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, withMap = false): AttentionResult {
  const [b, , d] = q.shape;
  if (k.rank !== 3 || k.shape[0] !== b || k.shape[2] !== d) throw new Error(`attention: k has shape [${k.shape}], q [${q.shape}]; k must be [${b}, M, ${d}]`);
  if (v.rank !== 3 || v.shape[0] !== b || v.shape[1] !== k.shape[1]) throw new Error(`attention: v has shape [${v.shape}], k [${k.shape}]; v must be [${b}, ${k.shape[1]}, e]`);
  if (!hasKernel(ATTENTION) || [q, k, v].some((t) => t.dtype !== 'float32')) {
    return tf.tidy(() => {
      const beta = tf.softmax(tf.matMul(q, k, false, true)) as tf.Tensor3D;
      return { y: tf.matMul(beta, v) as tf.Tensor3D, beta: withMap ? beta : undefined };
    });
  }
  const attrs: AttentionAttrs = { withMap };
  const [y, beta] = tf.engine().runKernel(ATTENTION, { q, k, v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor3D[];
  return { y, beta };
}

tf.registerGradient({
  kernelName: ATTENTION,
  inputsToSave: ['q', 'k', 'v'],
  outputsToSave: [false, true],
  gradFunc: (dys, saved) => {
    const [q, k, v, beta] = saved; // beta: only when the forward gave it
    // One output (no map): tfjs passes its gradient alone, not in an array.
    const [dy, dBeta] = (Array.isArray(dys) ? dys : [dys]) as (tf.Tensor | null)[];
    const inputs = { dy: dy ?? tf.zeros([...q.shape.slice(0, 2), v.shape[2] as number]), q, k, v, ...(beta ? { beta } : {}), ...(dBeta ? { dBeta } : {}) };
    const [dq, dk, dv] = tf.engine().runKernel(ATTENTION_GRAD, inputs) as tf.Tensor[];
    return { q: () => dq, k: () => dk, v: () => dv };
  },
});
