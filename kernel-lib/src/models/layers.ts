/**
 * The building blocks of the generative models, written against tfjs-core ops: convolutions and
 * dense layers (optionally spectrally normalised), (conditional) batch norm, nearest-neighbour
 * up-sampling, and the SAGAN self-attention block. Each holds its variables; `apply` is pure
 * apart from the statistics a training step updates.
 */
import * as tf from '../tf';
import type { ForwardContext } from './context';
import type { Init, Params } from './params';
import { attention, batchNormReluPool2x, batchNormTraining, scaledAdd } from './ops';
import { conv2dBias, conv2dTransposeBias, type ConvActivation } from './conv-ops';
import { Weight } from './spectral-norm';

export interface LinearOptions {
  spectral?: boolean;
  bias?: boolean;
  init?: Init;
}

const GLOROT: Init = { kind: 'glorot' };

export class Conv2d {
  readonly weight: Weight;
  readonly bias: tf.Variable | null;
  constructor(params: Params, name: string, inC: number, outC: number, readonly kernel: number, readonly stride = 1, options: LinearOptions = {}) {
    this.weight = new Weight(params, `${name}/w`, [kernel, kernel, inC, outC], options.init ?? GLOROT, options.spectral ?? false);
    this.bias = options.bias === false ? null : params.add(`${name}/b`, [outC], { kind: 'constant', value: 0 });
  }
  /** activation(conv + bias): one kernel each way with the bias (conv2dBias), which the activation may join. */
  apply(x: tf.Tensor4D, ctx: ForwardContext, activation: ConvActivation = 'linear', leakyreluAlpha = 0.2): tf.Tensor4D {
    const w = this.weight.value(ctx) as tf.Tensor4D;
    if (this.bias) return conv2dBias(x, w, this.bias as tf.Tensor1D, this.stride, 'same', activation, leakyreluAlpha);
    const y = tf.conv2d(x, w, this.stride, 'same');
    return activation === 'relu' ? tf.relu(y) : activation === 'leakyrelu' ? tf.leakyRelu(y, leakyreluAlpha) : y;
  }
}

/** Transposed convolution (DCGAN's up-sampling): stride-2 'same', output 2H × 2W. */
export class ConvTranspose2d {
  readonly weight: Weight;
  readonly bias: tf.Variable | null;
  constructor(params: Params, name: string, inC: number, readonly outC: number, readonly kernel: number, options: LinearOptions = {}) {
    // tfjs's filter layout for conv2dTranspose is [kh, kw, out, in].
    this.weight = new Weight(params, `${name}/w`, [kernel, kernel, outC, inC], options.init ?? GLOROT, options.spectral ?? false);
    this.bias = options.bias === false ? null : params.add(`${name}/b`, [outC], { kind: 'constant', value: 0 });
  }
  apply(x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor4D {
    const [b, h, w] = x.shape;
    const weight = this.weight.value(ctx) as tf.Tensor4D;
    const outShape: [number, number, number, number] = [b, 2 * h, 2 * w, this.outC];
    if (this.bias) return conv2dTransposeBias(x, weight, this.bias as tf.Tensor1D, outShape, 2, 'same');
    return tf.conv2dTranspose(x, weight, outShape, 2, 'same');
  }
}

export class Dense {
  readonly weight: Weight;
  readonly bias: tf.Variable | null;
  constructor(params: Params, name: string, inF: number, outF: number, options: LinearOptions = {}) {
    this.weight = new Weight(params, `${name}/w`, [inF, outF], options.init ?? GLOROT, options.spectral ?? false);
    this.bias = options.bias === false ? null : params.add(`${name}/b`, [outF], { kind: 'constant', value: 0 });
  }
  apply(x: tf.Tensor2D, ctx: ForwardContext): tf.Tensor2D {
    const y: tf.Tensor2D = tf.matMul(x, this.weight.value(ctx) as tf.Tensor2D);
    return this.bias ? tf.add(y, this.bias) as tf.Tensor2D : y;
  }
}

/** A class embedding [K, C] (the projection discriminator's), optionally spectrally normalised. */
export class Embedding {
  readonly weight: Weight;
  constructor(params: Params, name: string, readonly numClasses: number, dim: number, options: LinearOptions = {}) {
    this.weight = new Weight(params, `${name}/w`, [numClasses, dim], options.init ?? GLOROT, options.spectral ?? false);
  }
  apply(labels: tf.Tensor1D, ctx: ForwardContext): tf.Tensor2D {
    return tf.gather(this.weight.value(ctx), labels) as tf.Tensor2D;
  }
}

export function requireLabels(ctx: ForwardContext, batch: number, numClasses: number, where: string): tf.Tensor1D {
  const y = ctx.labels;
  if (!y) throw new Error(`${where}: this model is class-conditional (${numClasses} classes); pass labels`);
  if (y.shape[0] !== batch) throw new Error(`${where}: ${y.shape[0]} labels for a batch of ${batch}`);
  return y;
}

/** Per-example rows of a per-class table [K, C]: looked up by `ctx.labels`, or mixed by `ctx.classMix`. */
export function classRows(table: tf.Tensor, ctx: ForwardContext, batch: number, where: string): tf.Tensor2D {
  const numClasses = table.shape[0];
  const mix = ctx.classMix;
  if (!mix) return tf.gather(table, requireLabels(ctx, batch, numClasses, where)) as tf.Tensor2D;
  if (mix.shape[0] !== batch || mix.shape[1] !== numClasses) {
    throw new Error(`${where}: classMix has shape [${mix.shape}], expected [${batch}, ${numClasses}]`);
  }
  return tf.matMul(mix, table as tf.Tensor2D);
}

/**
 * Batch norm over N, H, W. With `numClasses` > 0 it is conditional (de Vries et al. 2017, as
 * in SAGAN's G): γ and β are looked up per class, initialised to 1 and 0.
 */
export class BatchNorm {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;
  readonly mean: tf.Variable;
  readonly variance: tf.Variable;
  constructor(params: Params, name: string, readonly channels: number, readonly numClasses = 0, readonly momentum = 0.1, readonly epsilon = 1e-5) {
    const shape = numClasses > 0 ? [numClasses, channels] : [channels];
    this.gamma = params.add(`${name}/gamma`, shape, { kind: 'constant', value: 1 });
    this.beta = params.add(`${name}/beta`, shape, { kind: 'constant', value: 0 });
    this.mean = params.add(`${name}/mean`, [channels], { kind: 'constant', value: 0 }, false);
    this.variance = params.add(`${name}/variance`, [channels], { kind: 'constant', value: 1 }, false);
  }
  apply(x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor4D {
    const plain = this.numClasses === 0;
    let xhat: tf.Tensor4D;
    if (ctx.training) {
      // One fused kernel each way; with per-class γ/β it normalises only and they apply below.
      const { y, mean, variance } = plain ? batchNormTraining(x, this.epsilon, this.gamma as tf.Tensor1D, this.beta as tf.Tensor1D) : batchNormTraining(x, this.epsilon);
      this.track(mean, variance, x, ctx);
      if (plain) return y;
      xhat = y;
    } else {
      xhat = tf.mul(tf.sub(x, this.mean), tf.rsqrt(tf.add(this.variance, this.epsilon)));
      if (plain) return tf.add(tf.mul(xhat, this.gamma), this.beta);
    }
    const g = tf.reshape(classRows(this.gamma, ctx, x.shape[0], 'conditional batch norm'), [-1, 1, 1, this.channels]);
    const b = tf.reshape(classRows(this.beta, ctx, x.shape[0], 'conditional batch norm'), [-1, 1, 1, this.channels]);
    return tf.add(tf.mul(xhat, g), b);
  }

  /**
   * reluMaxPool2x(apply(x, ctx)); in training without classes and with even sides, one fused kernel
   * each way (batchNormReluPool2x: the full-size normalised tensor is never stored).
   */
  applyReluPool2x(x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor4D {
    const [, h, w] = x.shape;
    if (!ctx.training || this.numClasses > 0 || h % 2 !== 0 || w % 2 !== 0) return reluMaxPool2x(this.apply(x, ctx));
    const { y, mean, variance } = batchNormReluPool2x(x, this.epsilon, this.gamma as tf.Tensor1D, this.beta as tf.Tensor1D);
    this.track(mean, variance, x, ctx);
    return y;
  }

  /** Moves the running statistics towards the batch's when the context asks for it. */
  private track(mean: tf.Tensor1D, variance: tf.Tensor1D, x: tf.Tensor4D, ctx: ForwardContext): void {
    if (!ctx.updateStats && !ctx.standingPass) return;
    const a = ctx.standingPass ? 1 / ctx.standingPass : this.momentum;
    const n = x.shape[0] * x.shape[1] * x.shape[2];
    // Running variance uses the unbiased batch variance, as PyTorch and TF do.
    this.mean.assign(tf.tidy(() => tf.add(tf.mul(this.mean, 1 - a), tf.mul(mean, a))));
    this.variance.assign(tf.tidy(() => tf.add(tf.mul(this.variance, 1 - a), tf.mul(variance, (a * n) / Math.max(1, n - 1)))));
  }
}

/**
 * Nearest-neighbour 2× up-sampling as a broadcast product (its gradient is a sum): backends without a
 * fast ResizeNearestNeighborGrad/AvgPoolGrad kernel fall back to slow ones, elementwise ops never.
 */
export function upsample2x(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  return tf.reshape(tf.mul(tf.reshape(x, [b, h, 1, w, 1, c]), tf.ones([1, 1, 2, 1, 2, 1])), [b, 2 * h, 2 * w, c]);
}

/**
 * relu then 2×2 max-pool (stride 2, valid), computed as pool then relu: max is monotone, so the values
 * are the same and so are the gradients (both route dy to the window's first maximum, or nowhere when
 * it is ≤ 0), while the relu and its gradient run on a 4× smaller tensor.
 */
export function reluMaxPool2x(x: tf.Tensor4D): tf.Tensor4D {
  return tf.relu(tf.maxPool(x, 2, 2, 'valid'));
}

/** 2×2 average pooling as a reshape + mean (same reason). */
export function avgPool2x(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  return tf.mean(tf.reshape(x, [b, h / 2, 2, w / 2, 2, c]), [2, 4]) as tf.Tensor4D;
}

/**
 * SAGAN self-attention (Zhang et al. 2018; `sn_non_local_block_sim` of the official code):
 * θ = 1×1 conv to C/8; φ = 1×1 conv to C/8 then 2×2 max-pool; g = 1×1 conv to C/2 then 2×2
 * max-pool; β = softmax over the pooled positions of θφᵀ; o = 1×1 conv C/2 → C of βg;
 * output γ·o + x with γ a learnt scalar starting at 0 (the block starts as the identity).
 * All four convolutions are spectrally normalised and bias-free, as in the official code.
 */
export class SelfAttention {
  readonly theta: Conv2d;
  readonly phi: Conv2d;
  readonly g: Conv2d;
  readonly out: Conv2d;
  readonly gamma: tf.Variable;
  constructor(params: Params, name: string, readonly channels: number, spectral = true) {
    if (channels < 8 || channels % 8 !== 0) throw new RangeError(`self-attention ${name}: channels must be a multiple of 8, got ${channels}`);
    const opts = { spectral, bias: false };
    this.theta = new Conv2d(params, `${name}/theta`, channels, channels / 8, 1, 1, opts);
    this.phi = new Conv2d(params, `${name}/phi`, channels, channels / 8, 1, 1, opts);
    this.g = new Conv2d(params, `${name}/g`, channels, channels / 2, 1, 1, opts);
    this.out = new Conv2d(params, `${name}/attn`, channels / 2, channels, 1, 1, opts);
    this.gamma = params.add(`${name}/gamma`, [], { kind: 'constant', value: 0 });
  }
  apply(x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor4D {
    const [b, h, w, c] = x.shape;
    if (h % 2 !== 0 || w % 2 !== 0) throw new RangeError(`self-attention: feature map ${h}×${w} must have even sides (2×2 pooling)`);
    const n = h * w, m = n / 4;
    // θ, φ and g (bias-free 1×1 convs of x) as one conv, split: one pass over x and one input
    // gradient instead of three input gradients and two gradient sums.
    const filters = [this.theta, this.phi, this.g].map((conv) => conv.weight.value(ctx));
    const [t, p, v] = tf.split(tf.conv2d(x, tf.concat(filters, 3) as tf.Tensor4D, 1, 'same'), [c / 8, c / 8, c / 2], 3) as tf.Tensor4D[];
    const theta = tf.reshape(t, [b, n, c / 8]) as tf.Tensor3D;
    const phi = tf.reshape(tf.maxPool(p, 2, 2, 'valid'), [b, m, c / 8]) as tf.Tensor3D;
    const g = tf.reshape(tf.maxPool(v, 2, 2, 'valid'), [b, m, c / 2]) as tf.Tensor3D;
    const { y, beta } = attention(theta, phi, g, !!ctx.attention); // beta: [b, n, m], when asked
    if (ctx.attention && beta) ctx.attention.push(tf.keep(beta));
    const o = tf.reshape(y, [b, h, w, c / 2]);
    return scaledAdd(x, this.gamma, this.out.apply(o as tf.Tensor4D, ctx));
  }
}
