/**
 * SAGAN's generator and discriminator, as in the official code (brain-research/self-attention-gan,
 * `generator_test` / `discriminator_test`), generalised from 128 px to any 4·2^k size:
 * G: SN-linear z → 4×4×16ch, residual up-blocks (BN → ReLU → 2× nearest → SN-conv3 → BN → ReLU
 * → SN-conv3, shortcut 2× nearest → SN-conv1), widths halving to ch, self-attention at one
 * resolution, BN → ReLU → SN-conv3 → tanh. D: optimised first down-block, residual down-blocks
 * (ReLU → SN-conv3 → ReLU → SN-conv3 → avg-pool 2, shortcut SN-conv1 → avg-pool), self-attention,
 * a last block without down-sampling, ReLU, sum over positions, SN-linear → 1, plus the
 * projection ⟨embed(y), h⟩ when class-conditional. BN in G is conditional when classes are given.
 *
 * Deviations, and why:
 * - Sizes: the code is written for 128 px; here the widths follow its schedule (×16 … ×1) for any
 *   4·2^k side, and attention sits at `attentionRes` in both G and D (code: 32 at 128 px; default
 *   min(32, S/2)). D has no attention when attentionRes = S (no D block outputs that size).
 * - Spectral norm treats u, v as constants in the gradient (see spectral-norm.ts).
 * - The D step runs real and fake images as one batch (D has no batch norm, so this is the same
 *   function), which gives exactly one power iteration per D step.
 * - Labels of fakes are drawn uniformly (both steps); the code feeds given labels.
 * - Sampling uses BN running statistics (momentum 0.1); `generate(z, y, { training: true })`
 *   uses the batch's own, as PyTorch SAGAN code that never switches G to eval mode does.
 * - Adam ε = 1e-8; weights Glorot-uniform (the code's xavier initializer).
 */
import * as tf from '../tf';
import type { Rng } from '../random';
import type { ForwardContext } from './context';
import { avgPool2x, BatchNorm, Conv2d, Dense, Embedding, requireLabels, SelfAttention, upsample2x } from './layers';
import { ParamSet, type Params } from './params';
import { stagesFor, type DiscriminatorNet, type GeneratorNet, type NetworkConfig } from './types';

export interface SaganNetConfig extends NetworkConfig {
  readonly kind: 'sagan';
  /** Base width (the code's gf_dim / df_dim). */
  readonly width: number;
  /** Feature-map side where self-attention sits (G and D), or 0 for none. */
  readonly attentionRes: number;
}

const SN = { spectral: true };

class GBlock {
  readonly bn1: BatchNorm; readonly conv1: Conv2d; readonly bn2: BatchNorm; readonly conv2: Conv2d; readonly skip: Conv2d;
  constructor(p: Params, name: string, inC: number, outC: number, numClasses: number) {
    this.bn1 = new BatchNorm(p, `${name}/bn1`, inC, numClasses);
    this.conv1 = new Conv2d(p, `${name}/conv1`, inC, outC, 3, 1, SN);
    this.bn2 = new BatchNorm(p, `${name}/bn2`, outC, numClasses);
    this.conv2 = new Conv2d(p, `${name}/conv2`, outC, outC, 3, 1, SN);
    this.skip = new Conv2d(p, `${name}/skip`, inC, outC, 1, 1, SN);
  }
  apply(x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor4D {
    let h = upsample2x(tf.relu(this.bn1.apply(x, ctx)));
    h = this.conv1.apply(h, ctx);
    h = this.conv2.apply(tf.relu(this.bn2.apply(h, ctx)), ctx);
    return tf.add(h, this.skip.apply(upsample2x(x), ctx));
  }
}

class DBlock {
  readonly conv1: Conv2d; readonly conv2: Conv2d; readonly skip: Conv2d | null;
  constructor(p: Params, name: string, inC: number, outC: number, readonly down: boolean, readonly first: boolean) {
    this.conv1 = new Conv2d(p, `${name}/conv1`, inC, outC, 3, 1, SN);
    this.conv2 = new Conv2d(p, `${name}/conv2`, outC, outC, 3, 1, SN);
    this.skip = down || inC !== outC ? new Conv2d(p, `${name}/skip`, inC, outC, 1, 1, SN) : null;
  }
  apply(x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor4D {
    let h = this.conv1.apply(this.first ? x : tf.relu(x), ctx, 'relu');
    h = this.conv2.apply(h, ctx);
    if (this.down) h = avgPool2x(h);
    let s = x;
    // The optimised first block pools before its 1×1 conv, the others after (as in the code).
    if (this.first) s = this.skip ? this.skip.apply(avgPool2x(s), ctx) : avgPool2x(s);
    else {
      if (this.skip) s = this.skip.apply(s, ctx);
      if (this.down) s = avgPool2x(s);
    }
    return tf.add(h, s);
  }
}

function gammas(named: [string, SelfAttention | null][]): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>();
  for (const [n, a] of named) if (a) out.set(n, a.gamma);
  return out;
}

export class SaganGenerator implements GeneratorNet {
  readonly params: ParamSet;
  private readonly linear: Dense;
  private readonly blocks: GBlock[] = [];
  private readonly attention: SelfAttention | null = null;
  private readonly attentionAfter: number; // block index, -1 = right after the 4×4 input
  private readonly bn: BatchNorm;
  private readonly toImage: Conv2d;
  private readonly startC: number;

  constructor(readonly config: SaganNetConfig, rng: Rng) {
    const { imageSize, width, numClasses, latentDim, attentionRes, channels } = config;
    const k = stagesFor(imageSize, 'SAGAN generator');
    this.params = new ParamSet('sagan_g', rng);
    const p = this.params;
    this.startC = width * Math.min(16, 2 ** k);
    this.linear = new Dense(p, 'linear', latentDim, 4 * 4 * this.startC, SN);
    let c = this.startC;
    this.attentionAfter = attentionRes ? Math.log2(attentionRes / 4) - 1 : -2;
    for (let i = 0; i < k; i++) {
      const out = width * Math.min(16, 2 ** (k - 1 - i));
      if (this.attentionAfter === i - 1) this.attention = new SelfAttention(p, 'attention', c, true);
      this.blocks.push(new GBlock(p, `block${i + 1}`, c, out, numClasses));
      c = out;
    }
    if (this.attentionAfter === k - 1) this.attention = new SelfAttention(p, 'attention', c, true);
    this.bn = new BatchNorm(p, 'bn', c); // unconditional, as in the official code
    this.toImage = new Conv2d(p, 'to_image', c, channels, 3, 1, SN);
  }

  apply(z: tf.Tensor2D, ctx: ForwardContext): tf.Tensor4D {
    if (z.shape[1] !== this.config.latentDim) throw new RangeError(`SAGAN generator: z has ${z.shape[1]} dimensions, expected ${this.config.latentDim}`);
    if (this.config.numClasses > 0 && !ctx.classMix) requireLabels(ctx, z.shape[0], this.config.numClasses, 'SAGAN generator');
    let h = tf.reshape(this.linear.apply(z, ctx), [-1, 4, 4, this.startC]) as tf.Tensor4D;
    if (this.attention && this.attentionAfter === -1) h = this.attention.apply(h, ctx);
    this.blocks.forEach((b, i) => {
      h = b.apply(h, ctx);
      if (this.attention && this.attentionAfter === i) h = this.attention.apply(h, ctx);
    });
    return tf.tanh(this.toImage.apply(tf.relu(this.bn.apply(h, ctx)), ctx));
  }

  attentionGammas(): Map<string, tf.Variable> {
    return gammas([[`G@${this.config.attentionRes}`, this.attention]]);
  }
}

export class SaganDiscriminator implements DiscriminatorNet {
  readonly params: ParamSet;
  readonly usesBatchNorm = false;
  private readonly blocks: DBlock[] = [];
  private readonly attention: SelfAttention | null = null;
  private readonly attentionAfter: number;
  private readonly linear: Dense;
  private readonly embed: Embedding | null;

  constructor(readonly config: SaganNetConfig, rng: Rng) {
    const { imageSize, width, numClasses, attentionRes, channels } = config;
    const k = stagesFor(imageSize, 'SAGAN discriminator');
    this.params = new ParamSet('sagan_d', rng);
    const p = this.params;
    let c: number = channels;
    this.attentionAfter = attentionRes ? k - 1 - Math.log2(attentionRes / 4) : -1;
    for (let i = 0; i < k; i++) {
      const out = width * Math.min(16, 2 ** i);
      this.blocks.push(new DBlock(p, `block${i + 1}`, c, out, true, i === 0));
      c = out;
      if (this.attentionAfter === i) this.attention = new SelfAttention(p, 'attention', c, true);
    }
    this.blocks.push(new DBlock(p, `block${k + 1}`, c, c, false, false));
    this.linear = new Dense(p, 'linear', c, 1, SN);
    this.embed = numClasses > 0 ? new Embedding(p, 'embed', numClasses, c, SN) : null;
  }

  apply(x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor1D {
    const { imageSize, channels } = this.config;
    if (x.shape[1] !== imageSize || x.shape[2] !== imageSize || x.shape[3] !== channels) {
      throw new RangeError(`SAGAN discriminator: images are [${x.shape.slice(1).join(', ')}], expected [${imageSize}, ${imageSize}, ${channels}]`);
    }
    let h = x;
    this.blocks.forEach((b, i) => {
      h = b.apply(h, ctx);
      if (this.attention && this.attentionAfter === i) h = this.attention.apply(h, ctx);
    });
    const pooled = tf.sum(tf.relu(h), [1, 2]) as tf.Tensor2D;
    let out = tf.reshape(this.linear.apply(pooled, ctx), [-1]) as tf.Tensor1D;
    if (this.embed) {
      const y = requireLabels(ctx, x.shape[0], this.config.numClasses, 'projection discriminator');
      out = tf.add(out, tf.sum(tf.mul(this.embed.apply(y, ctx), pooled), 1));
    }
    return out;
  }

  attentionGammas(): Map<string, tf.Variable> {
    return gammas([[`D@${this.config.attentionRes}`, this.attention]]);
  }
}
