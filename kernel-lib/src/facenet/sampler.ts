/**
 * P×K batches for triplet training: P identities, K images each. A batch is a pure function of
 * (seed, epoch, index) — what the generic trainer needs for exact resume: each epoch visits
 * every identity once in a seeded order; an identity with fewer than K images is sampled with
 * replacement, so no identity is dropped.
 */
import type { Tensor4D } from '../tf';
import * as tf from '../tf';
import type { ImageBatch } from '../images/types';
import type { BatchSource } from '../training/data';
import { Rng, type Seed } from '../random';

export interface PkOptions { P: number; K: number; seed?: Seed | Rng }

export class PkSampler {
  private readonly groups: number[][];
  private readonly root: Rng;

  constructor(labels: ArrayLike<number>, readonly options: PkOptions) {
    const byId = new Map<number, number[]>();
    for (let i = 0; i < labels.length; i++) { const g = byId.get(labels[i]) ?? []; g.push(i); byId.set(labels[i], g); }
    this.groups = [...byId.keys()].sort((a, b) => a - b).map((id) => byId.get(id) as number[]);
    if (!(Number.isInteger(options.P) && options.P >= 2)) throw new Error(`PkSampler: P must be an integer ≥ 2 (identities per batch), got ${options.P}`);
    if (!(Number.isInteger(options.K) && options.K >= 2)) throw new Error(`PkSampler: K must be an integer ≥ 2 (images per identity), got ${options.K}`);
    if (this.groups.length < options.P) throw new Error(`PkSampler: P = ${options.P} identities per batch but the set has only ${this.groups.length}`);
    if (!this.groups.some((g) => g.length >= 2)) throw new Error('PkSampler: no identity has 2 or more images, so no positive pair can be formed');
    this.root = Rng.from(options.seed).derive('pk');
  }

  /** Batches per epoch: each identity once. */
  get batchesPerEpoch(): number {
    return Math.floor(this.groups.length / this.options.P);
  }

  /** Sample indices of batch `index` of epoch `epoch` (P·K, grouped by identity). */
  batch(epoch: number, index: number): Int32Array {
    const { P, K } = this.options;
    const order = this.root.derive(`epoch:${epoch}`).permutation(this.groups.length);
    const rng = this.root.derive(`batch:${epoch}:${index}`);
    const out = new Int32Array(P * K);
    for (let p = 0; p < P; p++) {
      const imgs = this.groups[order[(index * P + p) % order.length]];
      const picks = imgs.length >= K ? rng.shuffle([...imgs]).slice(0, K) : Array.from({ length: K }, () => rng.pick(imgs));
      out.set(picks, p * K);
    }
    return out;
  }
}

/**
 * A trainer batch source of P×K batches from in-memory images [N, H, W, C] and their labels.
 * The images stay owned by the caller.
 */
export function pkBatches(images: Tensor4D, labels: Int32Array, options: PkOptions): BatchSource<ImageBatch> {
  if (images.shape[0] !== labels.length) throw new Error(`pkBatches: ${images.shape[0]} images but ${labels.length} labels`);
  const sampler = new PkSampler(labels, options);
  const { P, K } = options;
  return {
    batchesPerEpoch(batchSize) {
      if (batchSize !== P * K) throw new Error(`pkBatches: batchSize must be P·K = ${P * K}, got ${batchSize}`);
      return sampler.batchesPerEpoch;
    },
    batch(epoch, index) {
      const idx = sampler.batch(epoch, index);
      return { images: tf.tidy(() => tf.gather(images, tf.tensor1d(idx, 'int32'))), labels: Int32Array.from(idx, (i) => labels[i]), indices: idx };
    },
    release(batch) {
      batch.images.dispose();
    },
  };
}
