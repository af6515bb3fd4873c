/**
 * Kernels Synthlab adds to tfjs's set, by name with their inputs and attributes (as tfjs declares
 * its own in kernel_names). A backend may register them; a caller checks with `hasKernel` and
 * composes tfjs ops where the active backend has none.
 */
import { getBackend, getKernel } from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';

/**
 * One Adam step for one variable in PyTorch's arrangement:
 * m' = β1·m + (1−β1)·g; v' = β2·v + (1−β2)·g²; p' = p − (m'/(√v'·invSqrtC2 + ε))·lrOverC1,
 * each operation rounded to float32 in this order. Without `m` (β1 = 0) the first moment is g.
 * Outputs: [p', v'] and m' last when `m` is given.
 */
export const ADAM_UPDATE = 'SynthlabAdamUpdate';
export interface AdamUpdateInputs {
  p: TensorInfo;
  v: TensorInfo;
  g: TensorInfo;
  m?: TensorInfo;
}
export interface AdamUpdateAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1/√(1 − β2^t). */
  invSqrtC2: number;
  /** lr/(1 − β1^t). */
  lrOverC1: number;
}

/** x + γ·o with γ a scalar (SAGAN's attention residual). Inputs: x, gamma [], o (x's shape). */
export const SCALED_ADD = 'SynthlabScaledAdd';
/** Its gradient. Inputs: dy, gamma, o. Outputs: dO = γ·dy and dGamma = Σ dy·o (a scalar). */
export const SCALED_ADD_GRAD = 'SynthlabScaledAddGrad';

/** Binary cross-entropy with logits per element: max(l, 0) − l·t + log(1 + e^−|l|). Inputs: logits, target (same shape). */
export const BCE_WITH_LOGITS = 'SynthlabBceWithLogits';
/** Its logits gradient. Inputs: dy, logits, target. Output: dy·(σ(l) − t). */
export const BCE_WITH_LOGITS_GRAD = 'SynthlabBceWithLogitsGrad';

/** Whether the active backend registers `name`. */
export function hasKernel(name: string): boolean {
  return getKernel(name, getBackend()) !== undefined;
}

/**
 * Training-mode batch norm over every axis but the last (channels). Inputs: x, scale [C], offset [C].
 * Outputs: y = (x − μ)/√(σ² + ε)·scale + offset, μ [C] and the biased variance σ² [C].
 */
export const BATCH_NORM_TRAIN = 'SynthlabBatchNormTrain';
export interface BatchNormTrainAttrs {
  varianceEpsilon: number;
}
/**
 * Its gradient. Inputs: x, mean, variance, scale, dy, dMean, dVariance (the gradients of the three
 * outputs); attrs as BATCH_NORM_TRAIN. Outputs: dx, dScale, dOffset.
 */
export const BATCH_NORM_TRAIN_GRAD = 'SynthlabBatchNormTrainGrad';

/**
 * relu(2×2 max-pool (stride 2) of training-mode batch norm): BATCH_NORM_TRAIN's inputs and attrs
 * on an NHWC x of even height and width. Outputs: y [B, H/2, W/2, C], μ [C], σ² [C]; the
 * full-size normalised tensor is never stored.
 */
export const BATCH_NORM_RELU_POOL = 'SynthlabBatchNormReluPool';
/**
 * Its gradient. Inputs: x, scale, offset, y, mean, variance, dy, dMean, dVariance; attrs as
 * BATCH_NORM_TRAIN. Outputs: dx, dScale, dOffset.
 */
export const BATCH_NORM_RELU_POOL_GRAD = 'SynthlabBatchNormReluPoolGrad';

/**
 * A conv2d (NHWC, HWIO filter) plus a bias [O] and an activation whose gradient the output alone
 * decides ('linear', 'relu', 'leakyrelu' with α > 0): tfjs unfuses fused.conv2d under a gradient
 * tape, so the bias add and the activation would each be a full-size pass. Inputs: x, filter, bias.
 */
export const CONV2D_BIAS = 'SynthlabConv2DBias';
export interface ConvBiasAttrs {
  strides: number;
  pad: 'same' | 'valid';
  activation: 'linear' | 'relu' | 'leakyrelu';
  leakyreluAlpha: number;
}
/**
 * conv2dTranspose (Conv2DBackpropInput of x by a [k, k, O, I] filter) plus bias and activation as
 * CONV2D_BIAS. Inputs: x, filter, bias; attrs ConvBiasAttrs and `outShape` [N, H, W, O].
 */
export const CONV2D_TRANSPOSE_BIAS = 'SynthlabConv2DTransposeBias';
/**
 * The gradient of a bias and activation through their output y: dz = dy·act′ (act′ read from y's
 * sign), and dBias = Σ dz over every axis but the last. Inputs: dy, y; attrs activation,
 * leakyreluAlpha. Outputs: dz, dBias.
 */
export const BIAS_ACTIVATION_GRAD = 'SynthlabBiasActivationGrad';

/**
 * Attention over the last two axes: β = softmax(q kᵀ) (no scaling), y = β v. Inputs: q [B, N, d],
 * k [B, M, d], v [B, M, e]. Outputs: y [B, N, e], and the map β [B, N, M] when `withMap`.
 */
export const ATTENTION = 'SynthlabAttention';
export interface AttentionAttrs {
  withMap: boolean;
}
/**
 * Its gradient. Inputs: dy, q, k, v, beta when the forward gave it (else recomputed), and dBeta when β itself feeds the loss. With
 * dβ = dy vᵀ (+ dBeta) and ds = β ⊙ (dβ − rowsum(dβ ⊙ β)), outputs dq = ds k, dk = dsᵀ q, dv = βᵀ dy.
 */
export const ATTENTION_GRAD = 'SynthlabAttentionGrad';
