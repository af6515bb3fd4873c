/**
 * A GAN as a trainable unit: G, D, their optimizers, the loss, an optional EMA copy of G.
 * One `trainStep` = one D update on a real batch and fresh fakes, then one G update.
 */
import * as tf from '../tf';
import { Rng, type Seed } from '../random';
import { Adam } from '../training/adam';
import { checkpointVariables } from '../training/state';
import type { ChartGroup, Metrics, StepContext, TrainStep } from '../training/types';
import type { ImageBatch } from '../images/types';
import { EVAL, type ForwardContext } from './context';
import { topHessianEigenvalue } from '../metrics/generative/hessian';
import { ganLosses, type GanLoss } from './losses';
import type { DiscriminatorNet, GeneratorNet } from './types';

export interface GanTrainingOptions {
  loss: GanLoss;
  lrG: number;
  lrD: number;
  beta1: number;
  beta2: number;
  /** Decay of the EMA copy of G used for sampling (e.g. 0.999), or 0 for none. */
  emaDecay: number;
}

/** Standard-normal latents drawn from `rng` (our stream, so checkpoints restore it). */
export function latents(n: number, dim: number, rng: Rng): tf.Tensor2D {
  return tf.tensor2d(rng.fillNormal(new Float32Array(n * dim)), [n, dim]);
}

export class Gan implements TrainStep<ImageBatch> {
  readonly gOpt: Adam;
  readonly dOpt: Adam;

  constructor(
    readonly generator: GeneratorNet,
    readonly discriminator: DiscriminatorNet,
    readonly options: GanTrainingOptions,
    /** The EMA copy of G (same config), when `emaDecay` > 0. */
    readonly ema: GeneratorNet | null = null,
  ) {
    this.gOpt = new Adam(generator.params.trainable(), { learningRate: options.lrG, beta1: options.beta1, beta2: options.beta2 });
    this.dOpt = new Adam(discriminator.params.trainable(), { learningRate: options.lrD, beta1: options.beta1, beta2: options.beta2 });
    if (ema) ema.params.copyFrom(generator.params);
  }

  get latentDim(): number { return this.generator.config.latentDim; }
  get numClasses(): number { return this.generator.config.numClasses; }
  get imageShape(): [number, number, number] {
    const { imageSize, channels } = this.generator.config;
    return [imageSize, imageSize, channels];
  }

  private randomLabels(n: number, rng: Rng): tf.Tensor1D | undefined {
    if (this.numClasses === 0) return undefined;
    return tf.tensor1d(Int32Array.from({ length: n }, () => rng.int(this.numClasses)), 'int32');
  }

  trainStep(batch: ImageBatch, { rng }: StepContext): Metrics {
    const G = this.generator, D = this.discriminator, losses = ganLosses(this.options.loss);
    const x = batch.images;
    const n = x.shape[0];
    let realLabels: tf.Tensor1D | undefined;
    if (this.numClasses > 0) {
      if (batch.labels.some((l) => l < 0 || l >= this.numClasses)) {
        throw new Error(`GAN step: the model has ${this.numClasses} classes; the batch has labels outside 0..${this.numClasses - 1} (unlabelled data set?)`);
      }
      realLabels = tf.tensor1d(batch.labels, 'int32');
    }
    const zD = latents(n, this.latentDim, rng), yD = this.randomLabels(n, rng);
    const zG = latents(n, this.latentDim, rng), yG = this.randomLabels(n, rng);
    const fake = tf.tidy(() => G.apply(zD, { training: true, updateStats: false, labels: yD }));
    let dStats: tf.Tensor1D | null = null;
    // D step: one pass over real + fake when D has no batch norm (the spectral-norm vectors
    // then take exactly one power iteration per step), two passes when it has (DCGAN).
    const dLoss = this.dOpt.minimize(() => {
      let real: tf.Tensor1D, fk: tf.Tensor1D;
      if (D.usesBatchNorm) {
        real = D.apply(x, { training: true, updateStats: true, labels: realLabels });
        fk = D.apply(fake, { training: true, updateStats: false, labels: yD });
      } else {
        const labels = realLabels && yD ? tf.concat([realLabels, yD]) as tf.Tensor1D : undefined;
        [real, fk] = tf.split(D.apply(tf.concat([x, fake]), { training: true, updateStats: true, labels }), 2) as [tf.Tensor1D, tf.Tensor1D];
      }
      dStats = tf.keep(tf.stack([tf.mean(real), tf.mean(fk)]) as tf.Tensor1D);
      return losses.d(real, fk);
    });
    const gLoss = this.gOpt.minimize(() => {
      const images = G.apply(zG, { training: true, updateStats: true, labels: yG });
      return losses.g(D.apply(images, { training: true, updateStats: false, labels: yG }));
    });
    if (this.ema) this.updateEma();
    const [dReal, dFake] = (dStats as unknown as tf.Tensor1D).dataSync();
    tf.dispose([fake, zD, zG, dStats as unknown as tf.Tensor, ...(yD ? [yD] : []), ...(yG ? [yG] : []), ...(realLabels ? [realLabels] : [])]);
    const metrics: Metrics = { dLoss, gLoss, dReal, dFake };
    for (const [name, g] of [...G.attentionGammas(), ...D.attentionGammas()]) metrics[`gamma ${name}`] = g.dataSync()[0];
    return metrics;
  }

  /** EMA of G's trainable weights; running statistics and spectral-norm vectors are copied. */
  private updateEma(): void {
    const d = this.options.emaDecay;
    const src = this.generator.params.all();
    tf.tidy(() => {
      for (const [name, e] of (this.ema as GeneratorNet).params.all()) {
        const v = src.get(name) as tf.Variable;
        e.assign(v.trainable ? tf.add(tf.mul(e, d), tf.mul(v, 1 - d)) : v);
      }
    });
  }

  /**
   * Sharpness of G's loss: the top eigenvalue of its Hessian in G's weights at a fixed latent
   * batch, D fixed (power iteration on finite-difference Hessian-vector products; Durall et al.
   * 2020 see it rise before mode collapse). Costs 2·iterations forward-backward passes.
   * @example train(gan, faces, { ..., monitors: [{ every: 100, compute: () => ({ sharpness: gan.generatorSharpness() }) }] })
   */
  generatorSharpness(options: { batchSize?: number; iterations?: number; seed?: number } = {}): number {
    const n = options.batchSize ?? 16;
    const rng = Rng.from(options.seed ?? 0);
    const z = latents(n, this.latentDim, rng), y = this.randomLabels(n, rng);
    const ctx: ForwardContext = { training: true, updateStats: false, labels: y };
    const g = ganLosses(this.options.loss).g;
    try {
      return topHessianEigenvalue(() => g(this.discriminator.apply(this.generator.apply(z, ctx), ctx)), this.generator.params.trainable(), {
        iterations: options.iterations ?? 5, seed: rng,
      });
    } finally {
      tf.dispose([z, ...(y ? [y] : [])]);
    }
  }

  /**
   * "Standing statistics" (Brock et al. 2019): sets the sampler's batch-norm running statistics
   * to the mean of the batch statistics over `passes` batches of fresh latents, so eval-mode
   * samples match training-mode ones even when G moved faster than the running averages.
   */
  standingStats(options: { passes?: number; batchSize?: number; seed?: number } = {}): void {
    const rng = Rng.from(options.seed ?? 0);
    const n = options.batchSize ?? 64;
    for (let k = 1; k <= (options.passes ?? 8); k++) {
      const z = latents(n, this.latentDim, rng), y = this.randomLabels(n, rng);
      tf.dispose(tf.tidy(() => this.sampler.apply(z, { training: true, updateStats: false, standingPass: k, labels: y })));
      tf.dispose([z, ...(y ? [y] : [])]);
    }
  }

  /** The generator used for sampling: the EMA copy when there is one. */
  get sampler(): GeneratorNet {
    return this.ema ?? this.generator;
  }

  /** Images [n, S, S, C] in [-1, 1] from given latents (and labels for a conditional GAN). */
  generate(z: tf.Tensor2D, labels?: tf.Tensor1D | ArrayLike<number>, ctx: Partial<ForwardContext> = {}): tf.Tensor4D {
    return tf.tidy(() => {
      const y = labels === undefined ? undefined : labels instanceof tf.Tensor ? labels : tf.tensor1d(Int32Array.from(labels), 'int32');
      return this.sampler.apply(z, { ...EVAL, ...ctx, labels: y });
    });
  }

  /** n samples from the seeded latents; a conditional GAN takes their classes (default 0, 1, 2, …). */
  sample(n: number, seed: Seed | Rng = 0, labels?: ArrayLike<number>): tf.Tensor4D {
    const rng = Rng.from(seed);
    const z = latents(n, this.latentDim, rng);
    const y = this.numClasses > 0 ? labels ?? Array.from({ length: n }, (_, i) => i % this.numClasses) : undefined;
    const out = this.generate(z, y);
    z.dispose();
    return out;
  }

  preview(count: number, seed: number): tf.Tensor4D {
    return this.sample(count, seed);
  }

  chartGroups(): ChartGroup[] {
    const gammas = [...this.generator.attentionGammas().keys(), ...this.discriminator.attentionGammas().keys()].map((k) => `gamma ${k}`);
    return [
      { title: 'losses', keys: ['dLoss', 'gLoss'] },
      { title: 'D(x) and D(G(z)) (mean logits)', keys: ['dReal', 'dFake'] },
      ...(gammas.length ? [{ title: 'attention γ', keys: gammas }] : []),
    ];
  }

  stateVariables(): Map<string, tf.Variable> {
    const params = { G: this.generator.params.all(), D: this.discriminator.params.all(), ...(this.ema ? { G_ema: this.ema.params.all() } : {}) };
    return checkpointVariables(params, { opt_G: this.gOpt, opt_D: this.dOpt });
  }

  stateJson(): Record<string, number> {
    return { gSteps: this.gOpt.step, dSteps: this.dOpt.step };
  }

  loadStateJson(state: Record<string, number>): void {
    this.gOpt.step = state.gSteps ?? 0;
    this.dOpt.step = state.dSteps ?? 0;
  }

  dispose(): void {
    this.generator.params.dispose();
    this.discriminator.params.dispose();
    this.ema?.params.dispose();
    this.gOpt.dispose();
    this.dOpt.dispose();
  }
}
