/**
 * A convolutional VAE (Kingma & Welling 2014): encoder of stride-2 convs to μ and log σ²,
 * z = μ + σ·ε, decoder of 2× nearest up-sampling + 3×3 convs to pixel logits. Loss per image =
 * reconstruction (BCE on [0, 1] targets, or MSE) + β·KL, averaged over the batch (β-VAE when
 * β ≠ 1). Up-sampling + conv rather than transposed convs: no checkerboard, and fast kernels.
 */
import * as tf from '../tf';
import { Rng, type Seed } from '../random';
import { Adam } from '../training/adam';
import { checkpointVariables } from '../training/state';
import type { ChartGroup, Metrics, StepContext, TrainStep } from '../training/types';
import type { ImageBatch, ImageRange } from '../images/types';
import { EVAL, type ForwardContext } from './context';
import { latents } from './gan';
import { Conv2d, Dense, upsample2x } from './layers';
import { klDivergence, reconstructionLoss } from './losses';
import { ParamSet } from './params';
import { stagesFor, type NetworkConfig } from './types';

export interface VaeConfig extends NetworkConfig {
  readonly kind: 'vae';
  readonly width: number;
  readonly beta: number;
  readonly reconstruction: 'bce' | 'mse';
  /** Pixel range of the data (and of `decode`'s output). */
  readonly range: ImageRange;
}

export interface VaeOptions {
  imageSize: number;
  channels?: 1 | 3;
  /** Default 64. */
  latentDim?: number;
  /** Width of the first encoder conv, doubling per stage (default 32). */
  width?: number;
  /** Weight of the KL term (default 1). */
  beta?: number;
  /** Default 'bce' (targets mapped to [0, 1]). */
  reconstruction?: 'bce' | 'mse';
  /** Range of the images the VAE is fed (default '[-1,1]', as GAN data sets use). */
  range?: ImageRange;
  learningRate?: number;
  seed?: Seed | Rng;
}

export class Vae implements TrainStep<ImageBatch> {
  readonly params: ParamSet;
  readonly optimizer: Adam;
  private readonly enc: Conv2d[] = [];
  private readonly toMu: Dense;
  private readonly toLogVar: Dense;
  private readonly fromZ: Dense;
  private readonly dec: Conv2d[] = [];
  private readonly toPixels: Conv2d;
  private readonly topC: number;

  constructor(readonly config: VaeConfig, rng: Rng, learningRate = 1e-3) {
    const { imageSize, channels, width, latentDim } = config;
    const k = stagesFor(imageSize, 'vae');
    this.params = new ParamSet('vae', rng);
    const p = this.params;
    let c: number = channels;
    for (let i = 0; i < k; i++) {
      const out = width * 2 ** i;
      this.enc.push(new Conv2d(p, `enc${i + 1}`, c, out, 4, 2));
      c = out;
    }
    this.topC = c;
    this.toMu = new Dense(p, 'mu', 16 * c, latentDim);
    this.toLogVar = new Dense(p, 'log_var', 16 * c, latentDim, { init: { kind: 'constant', value: 0 } });
    this.fromZ = new Dense(p, 'from_z', latentDim, 16 * c);
    for (let i = 0; i < k; i++) {
      const out = c / 2;
      this.dec.push(new Conv2d(p, `dec${i + 1}`, c, out, 3));
      c = out;
    }
    this.toPixels = new Conv2d(p, 'to_pixels', c, channels, 3);
    this.optimizer = new Adam(p.trainable(), { learningRate });
  }

  get latentDim(): number { return this.config.latentDim; }

  /** μ and log σ² [B, latentDim] of images in the data range. */
  encode(x: tf.Tensor4D, ctx: ForwardContext = EVAL): { mu: tf.Tensor2D; logVar: tf.Tensor2D } {
    const { imageSize, channels } = this.config;
    if (x.shape[1] !== imageSize || x.shape[2] !== imageSize || x.shape[3] !== channels) {
      throw new RangeError(`VAE encoder: images are [${x.shape.slice(1).join(', ')}], expected [${imageSize}, ${imageSize}, ${channels}]`);
    }
    let h = this.config.range === '[-1,1]' ? x : tf.sub(tf.mul(x, 2), 1) as tf.Tensor4D; // encoder sees [-1, 1]
    for (const c of this.enc) h = c.apply(h, ctx, 'relu');
    const flat = tf.reshape(h, [x.shape[0], -1]) as tf.Tensor2D;
    return { mu: this.toMu.apply(flat, ctx), logVar: this.toLogVar.apply(flat, ctx) };
  }

  /** Pixel logits [B, S, S, C] (σ(logits) is the image in [0, 1]). */
  decodeLogits(z: tf.Tensor2D, ctx: ForwardContext = EVAL): tf.Tensor4D {
    let h = tf.relu(tf.reshape(this.fromZ.apply(z, ctx), [-1, 4, 4, this.topC])) as tf.Tensor4D;
    for (const c of this.dec) h = c.apply(upsample2x(h), ctx, 'relu');
    return this.toPixels.apply(h, ctx);
  }

  /** Images in the data range from latents. */
  decode(z: tf.Tensor2D): tf.Tensor4D {
    return tf.tidy(() => {
      const p = tf.sigmoid(this.decodeLogits(z));
      return this.config.range === '[-1,1]' ? tf.sub(tf.mul(p, 2), 1) : p;
    });
  }

  /** Loss terms of a batch (per-image means): { loss, recon, kl } as scalars. */
  losses(x: tf.Tensor4D, eps: tf.Tensor2D, ctx: ForwardContext): { loss: tf.Scalar; recon: tf.Scalar; kl: tf.Scalar } {
    const { mu, logVar } = this.encode(x, ctx);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps)) as tf.Tensor2D;
    const logits = this.decodeLogits(z, ctx);
    const target = this.config.range === '[-1,1]' ? tf.div(tf.add(x, 1), 2) as tf.Tensor4D : x;
    const output = this.config.reconstruction === 'bce' ? logits : tf.sigmoid(logits) as tf.Tensor4D;
    const recon = tf.mean(reconstructionLoss(this.config.reconstruction, output, target)) as tf.Scalar;
    const kl = tf.mean(klDivergence(mu, logVar)) as tf.Scalar;
    return { loss: tf.add(recon, tf.mul(kl, this.config.beta)) as tf.Scalar, recon, kl };
  }

  trainStep(batch: ImageBatch, { rng }: StepContext): Metrics {
    const eps = latents(batch.images.shape[0], this.latentDim, rng);
    let parts: tf.Tensor1D | null = null;
    const loss = this.optimizer.minimize(() => {
      const l = this.losses(batch.images, eps, { training: true, updateStats: true });
      parts = tf.keep(tf.stack([l.recon, l.kl]) as tf.Tensor1D);
      return l.loss;
    });
    const [recon, kl] = (parts as unknown as tf.Tensor1D).dataSync();
    tf.dispose([eps, parts as unknown as tf.Tensor]);
    return { loss, recon, kl };
  }

  /** n images decoded from seeded N(0, I) latents. */
  sample(n: number, seed: Seed | Rng = 0): tf.Tensor4D {
    const z = latents(n, this.latentDim, Rng.from(seed));
    const out = this.decode(z);
    z.dispose();
    return out;
  }

  /** Decodes the posterior means of x (the blurry reconstructions the article shows). */
  reconstruct(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => this.decode(this.encode(x).mu));
  }

  /** `steps` images along the straight line between the posterior means of images a and b ([1,S,S,C] or [S,S,C]). */
  interpolate(a: tf.Tensor, b: tf.Tensor, steps = 8): tf.Tensor4D {
    if (!(Number.isInteger(steps) && steps >= 2)) throw new RangeError(`interpolate: steps must be an integer ≥ 2, got ${steps}`);
    return tf.tidy(() => {
      const as4 = (t: tf.Tensor) => (t.rank === 3 ? tf.expandDims(t, 0) : t) as tf.Tensor4D;
      const za = this.encode(as4(a)).mu, zb = this.encode(as4(b)).mu;
      const t = tf.tensor2d(Array.from({ length: steps }, (_, i) => i / (steps - 1)), [steps, 1]);
      return this.decode(tf.add(tf.mul(za, tf.sub(1, t)), tf.mul(zb, t)) as tf.Tensor2D);
    });
  }

  preview(count: number, seed: number): tf.Tensor4D {
    return this.sample(count, seed);
  }

  chartGroups(): ChartGroup[] {
    return [{ title: 'VAE loss per image', keys: ['loss', 'recon'] }, { title: 'KL', keys: ['kl'] }];
  }

  stateVariables(): Map<string, tf.Variable> {
    return checkpointVariables({ vae: this.params.all() }, { opt: this.optimizer });
  }

  stateJson(): Record<string, number> { return { steps: this.optimizer.step }; }
  loadStateJson(state: Record<string, number>): void { this.optimizer.step = state.steps ?? 0; }

  dispose(): void {
    this.params.dispose();
    this.optimizer.dispose();
  }
}

/**
 * A convolutional VAE with its loss and optimizer (Adam 1e-3).
 * @example const v = vae({ imageSize: 32, latentDim: 64, seed: 1 }); await train(v, faces, { epochs: 20, batchSize: 64 }); v.sample(16);
 */
export function vae(options: VaeOptions): Vae {
  stagesFor(options.imageSize, 'vae');
  const beta = options.beta ?? 1;
  if (!(beta >= 0)) throw new RangeError(`vae: beta must be ≥ 0, got ${beta}`);
  const config: VaeConfig = {
    kind: 'vae', imageSize: options.imageSize, channels: options.channels ?? 3, latentDim: options.latentDim ?? 64,
    numClasses: 0, width: options.width ?? 32, beta, reconstruction: options.reconstruction ?? 'bce', range: options.range ?? '[-1,1]',
  };
  return new Vae(config, Rng.from(options.seed ?? 0), options.learningRate ?? 1e-3);
}
