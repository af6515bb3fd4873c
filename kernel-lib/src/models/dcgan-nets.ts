/**
 * DCGAN (Radford et al. 2016), the plain baseline: G = linear z → 4×4×(ch·2^(k−1)), BN, ReLU,
 * then stride-2 4×4 transposed convs with BN + ReLU halving the width, the last one to the image
 * channels with tanh. D = stride-2 4×4 convs with LeakyReLU 0.2 (BN on all but the first),
 * down to 4×4, then a linear logit. Weights N(0, 0.02), as in the paper.
 */
import * as tf from '../tf';
import type { Rng } from '../random';
import type { ForwardContext } from './context';
import { BatchNorm, Conv2d, ConvTranspose2d, Dense } from './layers';
import { ParamSet } from './params';
import { stagesFor, type DiscriminatorNet, type GeneratorNet, type NetworkConfig } from './types';

export interface DcganNetConfig extends NetworkConfig {
  readonly kind: 'dcgan';
  readonly width: number;
}

const INIT = { init: { kind: 'normal' as const, std: 0.02 } };

export class DcganGenerator implements GeneratorNet {
  readonly params: ParamSet;
  private readonly linear: Dense;
  private readonly bn0: BatchNorm;
  private readonly ups: { conv: ConvTranspose2d; bn: BatchNorm | null }[] = [];
  private readonly startC: number;

  constructor(readonly config: DcganNetConfig, rng: Rng) {
    if (config.numClasses > 0) throw new Error('DCGAN here is unconditional; use sagan({ numClasses }) for a class-conditional GAN');
    const k = stagesFor(config.imageSize, 'DCGAN generator');
    this.params = new ParamSet('dcgan_g', rng);
    const p = this.params;
    this.startC = config.width * 2 ** (k - 1);
    this.linear = new Dense(p, 'linear', config.latentDim, 16 * this.startC, INIT);
    this.bn0 = new BatchNorm(p, 'bn0', this.startC);
    let c = this.startC;
    for (let i = 0; i < k; i++) {
      const last = i === k - 1;
      const out = last ? config.channels : c / 2;
      this.ups.push({ conv: new ConvTranspose2d(p, `up${i + 1}`, c, out, 4, INIT), bn: last ? null : new BatchNorm(p, `bn${i + 1}`, out) });
      c = out;
    }
  }

  apply(z: tf.Tensor2D, ctx: ForwardContext): tf.Tensor4D {
    if (z.shape[1] !== this.config.latentDim) throw new RangeError(`DCGAN generator: z has ${z.shape[1]} dimensions, expected ${this.config.latentDim}`);
    let h = tf.relu(this.bn0.apply(tf.reshape(this.linear.apply(z, ctx), [-1, 4, 4, this.startC]), ctx)) as tf.Tensor4D;
    for (const { conv, bn } of this.ups) {
      h = conv.apply(h, ctx);
      h = bn ? tf.relu(bn.apply(h, ctx)) : tf.tanh(h);
    }
    return h;
  }

  attentionGammas(): Map<string, tf.Variable> {
    return new Map();
  }
}

export class DcganDiscriminator implements DiscriminatorNet {
  readonly params: ParamSet;
  readonly usesBatchNorm = true;
  private readonly downs: { conv: Conv2d; bn: BatchNorm | null }[] = [];
  private readonly linear: Dense;

  constructor(readonly config: DcganNetConfig, rng: Rng) {
    const k = stagesFor(config.imageSize, 'DCGAN discriminator');
    this.params = new ParamSet('dcgan_d', rng);
    const p = this.params;
    let c: number = config.channels;
    for (let i = 0; i < k; i++) {
      const out = config.width * 2 ** i;
      this.downs.push({ conv: new Conv2d(p, `down${i + 1}`, c, out, 4, 2, INIT), bn: i === 0 ? null : new BatchNorm(p, `bn${i + 1}`, out) });
      c = out;
    }
    this.linear = new Dense(p, 'linear', 16 * c, 1, INIT);
  }

  apply(x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor1D {
    const { imageSize, channels } = this.config;
    if (x.shape[1] !== imageSize || x.shape[2] !== imageSize || x.shape[3] !== channels) {
      throw new RangeError(`DCGAN discriminator: images are [${x.shape.slice(1).join(', ')}], expected [${imageSize}, ${imageSize}, ${channels}]`);
    }
    let h = x;
    for (const { conv, bn } of this.downs) h = bn ? tf.leakyRelu(bn.apply(conv.apply(h, ctx), ctx), 0.2) : conv.apply(h, ctx, 'leakyrelu', 0.2);
    return tf.reshape(this.linear.apply(tf.reshape(h, [x.shape[0], -1]), ctx), [-1]);
  }

  attentionGammas(): Map<string, tf.Variable> {
    return new Map();
  }
}
