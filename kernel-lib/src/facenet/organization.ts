/**
 * The data-organization experiment (the article's Table 1, done right): FaceNet trained on
 * real faces only, on real + synthetic faces, and on real + classically augmented faces — same
 * network, steps, seeds and evaluation for every arm — scored on held-out identities.
 */
import * as tf from '../tf';
import { augment, defaultAugmentation, type Augmentation } from '../images/augment';
import { Rng } from '../random';
import { train } from '../training/trainer';
import type { BatchSource } from '../training/data';
import type { ImageBatch } from '../images/types';
import { evaluateEmbeddings, type EmbeddingEvaluation } from './evaluate';
import { EmbeddingNet, type EmbeddingNetConfig } from './model';
import { pkBatches } from './sampler';
import { FaceNetStep } from './step';
import type { Mining } from './triplet';

export type ArmName = 'untrained' | 'real' | 'real+synthetic' | 'real+augmented';

export interface LabelledImages {
  /** [N, H, W, C] in [-1, 1]. */
  images: tf.Tensor4D;
  labels: Int32Array;
}

/** Synthetic images with their own identity labels (and a line on how they were made). */
export interface SyntheticImages extends LabelledImages {
  note?: string;
}

/** What a 'new-identities' strategy sees of the run: the embedding being trained, after the warm-up. */
export interface EmbeddingContext {
  /** Unit-norm embeddings [n, dim] of images (row-major). */
  embed(images: tf.Tensor4D): Float32Array;
  dim: number;
  /** Embeddings of a sample of the real training images, and their identities. */
  realEmbeddings: Float32Array;
  realLabels: Int32Array;
  /** New identities are numbered from here (above every real label). */
  firstNewLabel: number;
}

/**
 * Where synthetic faces come from, and how they enter triplet training:
 * - 'conditional': images of existing identities (e.g. a class-conditional SAGAN), added to
 *   those identities' images;
 * - 'new-identities': images of new identities (labelled by the strategy), made after a
 *   real-only warm-up (`warmup` share of the steps) so that the embedding can vet them;
 * - 'negatives': images without an identity, used only as negatives in each batch.
 */
export interface SyntheticFaces {
  name: string;
  kind: 'conditional' | 'new-identities' | 'negatives';
  description: string;
  /** 'new-identities': share of the training steps before `generate` is called (default 0.3). */
  warmup?: number;
  /**
   * `n` images; for 'conditional', of identities `identities` (length n); 'new-identities'
   * returns up to n images with their labels, using `context`.
   */
  generate(n: number, identities: Int32Array, rng: Rng, context?: EmbeddingContext): tf.Tensor4D | SyntheticImages;
}

export interface DataOrganizationOptions {
  train: LabelledImages;
  /** Held-out identities (disjoint from train's). */
  test: LabelledImages;
  /** One strategy, or several to compare (the best by verification accuracy is the arm). */
  synthetic: SyntheticFaces | SyntheticFaces[];
  augmentation?: Augmentation;
  /** Extra images as a share of the real training set (default 0.15). */
  ratio?: number;
  seeds?: number[];
  /** Training steps per run, and P×K batches. */
  steps: number;
  P: number;
  K: number;
  net?: Partial<Omit<EmbeddingNetConfig, 'imageSize' | 'channels'>>;
  learningRate?: number;
  mining?: Mining;
  /** Ratios of synthetic faces for the sweep (default 0, 0.05, 0.15, 0.3, 0.5); [] for none. */
  sweep?: number[];
  /** Seeds used by the sweep (default the first seed). */
  sweepSeeds?: number[];
  /** Real training images embedded for a 'new-identities' strategy's check (default 256). */
  vetSample?: number;
  /** Called after each run (for progress). */
  onRun?(done: number, total: number, label: string): void;
}

export interface RunResult {
  arm: ArmName;
  strategy?: string;
  ratio: number;
  seed: number;
  evaluation: EmbeddingEvaluation;
  /** Embeddings of the held-out images [n, dim], row-major (for plots). */
  embeddings: Float32Array;
  finalLoss: number;
  seconds: number;
  /** How the synthetic images of this run were made, when the strategy says (e.g. identities kept). */
  syntheticNote?: string;
  /** Extra images (synthetic or augmented) this run trained with. */
  extraImages: number;
}

/** Extra images appended to the real set for one run, or negatives mixed into each batch. */
interface Extras { pooled?: LabelledImages; negatives?: tf.Tensor4D; note?: string }

function extraCount(train: LabelledImages, ratio: number): number {
  return Math.round(train.labels.length * ratio);
}

/** Identities for n extra images, drawn in proportion to their share of the real set. */
function drawIdentities(train: LabelledImages, n: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: n }, () => train.labels[rng.int(train.labels.length)]);
}

function makeExtras(arm: ArmName, options: DataOrganizationOptions, strategy: SyntheticFaces | undefined, ratio: number, rng: Rng, context?: EmbeddingContext): Extras {
  const n = extraCount(options.train, ratio);
  if (n === 0 || arm === 'real' || arm === 'untrained') return {};
  if (arm === 'real+augmented') {
    const idx = Int32Array.from({ length: n }, () => rng.int(options.train.labels.length));
    const images = tf.tidy(() => augment(tf.gather(options.train.images, tf.tensor1d(idx, 'int32')), options.augmentation ?? defaultAugmentation(), rng.derive('augment')));
    return { pooled: { images, labels: Int32Array.from(idx, (i) => options.train.labels[i]) } };
  }
  const s = strategy as SyntheticFaces;
  const identities = drawIdentities(options.train, n, rng.derive('identities'));
  const out = s.generate(n, identities, rng.derive('generate'), context);
  if (out instanceof tf.Tensor) {
    if (s.kind === 'new-identities') throw new Error(`synthetic strategy ${s.name}: a 'new-identities' strategy must return images with their labels`);
    if (s.kind === 'conditional' && out.shape[0] !== n) throw new Error(`synthetic strategy ${s.name}: asked for ${n} images of given identities, got ${out.shape[0]}`);
    return s.kind === 'negatives' ? { negatives: out } : { pooled: { images: out, labels: identities } };
  }
  if (out.labels.length !== out.images.shape[0]) throw new Error(`synthetic strategy ${s.name}: ${out.labels.length} labels for ${out.images.shape[0]} images`);
  if (out.labels.length === 0) {
    out.images.dispose();
    return { note: out.note };
  }
  return { pooled: { images: out.images, labels: out.labels }, note: out.note };
}

/** The embedding being trained, as a 'new-identities' strategy sees it. */
function embeddingContext(net: EmbeddingNet, options: DataOrganizationOptions, rng: Rng): EmbeddingContext {
  const { train } = options;
  const take = Math.min(train.labels.length, options.vetSample ?? 256);
  const idx = rng.permutation(train.labels.length).slice(0, take);
  const sample = tf.tidy(() => tf.gather(train.images, tf.tensor1d(idx, 'int32')));
  const realEmbeddings = net.embed(sample);
  sample.dispose();
  let maxLabel = -1;
  for (const l of train.labels) if (l > maxLabel) maxLabel = l;
  return {
    embed: (images) => net.embed(images), dim: net.config.embeddingDim,
    realEmbeddings, realLabels: Int32Array.from(idx, (i) => train.labels[i]), firstNewLabel: maxLabel + 1,
  };
}

/** P×K batches from real (+ pooled extras), with negatives-only images appended to each batch. */
function batchSource(options: DataOrganizationOptions, extras: Extras, seed: number): { source: BatchSource<ImageBatch>; dispose(): void } {
  const pool = extras.pooled
    ? { images: tf.concat([options.train.images, extras.pooled.images]) as tf.Tensor4D, labels: Int32Array.from([...options.train.labels, ...extras.pooled.labels]) }
    : options.train;
  const base = pkBatches(pool.images, pool.labels, { P: options.P, K: options.K, seed });
  const negatives = extras.negatives;
  const perBatch = negatives ? Math.max(1, Math.round(options.P * options.K * (negatives.shape[0] / options.train.labels.length))) : 0;
  const root = new Rng(seed).derive('negatives');
  const source: BatchSource<ImageBatch> = !negatives ? base : {
    batchesPerEpoch: (b) => base.batchesPerEpoch(b),
    async batch(epoch, index, batchSize) {
      const b = await base.batch(epoch, index, batchSize);
      const rng = root.derive(`${epoch}:${index}`);
      const pick = Int32Array.from({ length: perBatch }, () => rng.int(negatives.shape[0]));
      const images = tf.tidy(() => tf.concat([b.images, tf.gather(negatives, tf.tensor1d(pick, 'int32'))]) as tf.Tensor4D);
      b.images.dispose();
      // Each negative is its own identity (labels below any real one): it never forms a positive pair.
      return { images, labels: Int32Array.from([...b.labels, ...Array.from(pick, (_, j) => -1 - j)]), indices: b.indices };
    },
    release: (b) => b.images.dispose(),
  };
  return { source, dispose: () => { if (pool !== options.train) pool.images.dispose(); } };
}

/** Trains and evaluates one run. */
export async function runArm(options: DataOrganizationOptions, arm: ArmName, seed: number, ratio: number, strategy?: SyntheticFaces): Promise<RunResult> {
  const t0 = performance.now();
  const [, h, , c] = options.train.images.shape;
  const net = new EmbeddingNet({ ...options.net, imageSize: h, channels: c, seed });
  const step = new FaceNetStep(net, { learningRate: options.learningRate, mining: options.mining });
  let finalLoss = NaN, syntheticNote: string | undefined, extraImages = 0;
  const trainOn = async (extras: Extras, steps: number, runSeed: number) => {
    const { source, dispose } = batchSource(options, extras, runSeed);
    try {
      const result = await train(step, source, { steps, batchSize: options.P * options.K, seed: runSeed, view: 'none', sampleEvery: 0 });
      const losses = result.history.metrics.loss ?? [];
      finalLoss = losses.slice(-20).reduce((s, v) => s + (v ?? 0), 0) / Math.max(1, Math.min(20, losses.length));
    } finally {
      dispose();
    }
  };
  try {
    if (arm !== 'untrained') {
      const rng = new Rng(seed).derive(`extras:${arm}:${strategy?.name ?? ''}:${ratio}`);
      // A 'new-identities' strategy is vetted by the embedding itself: warm up on real faces first.
      const vetted = arm === 'real+synthetic' && strategy?.kind === 'new-identities' && extraCount(options.train, ratio) > 0;
      const warm = vetted ? Math.round(options.steps * (strategy?.warmup ?? 0.3)) : 0;
      if (warm > 0) await trainOn({}, warm, seed);
      const extras = makeExtras(arm, options, strategy, ratio, rng, vetted ? embeddingContext(net, options, rng.derive('vet')) : undefined);
      syntheticNote = extras.note;
      extraImages = extras.pooled?.labels.length ?? extras.negatives?.shape[0] ?? 0;
      try {
        // The second phase draws other batches than the warm-up's (its own seed).
        await trainOn(extras, options.steps - warm, warm > 0 ? new Rng(seed).derive('after-warmup').seedInt() : seed);
      } finally {
        tf.dispose([extras.pooled?.images, extras.negatives].filter((t): t is tf.Tensor4D => !!t));
      }
    }
    const embeddings = net.embed(options.test.images);
    const evaluation = evaluateEmbeddings(embeddings, options.test.labels, net.config.embeddingDim, { seed, pairsPerFold: 200 });
    return { arm, strategy: strategy?.name, ratio: arm === 'real' || arm === 'untrained' ? 0 : ratio, seed, evaluation, embeddings, finalLoss, seconds: (performance.now() - t0) / 1000, syntheticNote, extraImages };
  } finally {
    step.dispose();
    net.dispose();
  }
}
