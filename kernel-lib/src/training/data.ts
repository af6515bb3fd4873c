/**
 * Where a training run's batches come from. A batch is a pure function of (epoch, index), so a
 * resumed run reads exactly the batches the uninterrupted run would have read.
 */
import * as tf from '../tf';
import type { Tensor4D } from '../tf';
import type { ImageDataset } from '../images/dataset';
import type { ImageBatch } from '../images/types';
import { Rng, type Seed } from '../random';

export interface BatchSource<B> {
  /** Batches in one epoch at this batch size. */
  batchesPerEpoch(batchSize: number): number;
  /** Batch `index` of epoch `epoch`. */
  batch(epoch: number, index: number, batchSize: number): Promise<B> | B;
  /** Frees a batch after its step (e.g. disposes tensors). */
  release(batch: B): void;
}

/**
 * Full batches of a data set in a seeded order per epoch (the last, partial batch is dropped so
 * every step sees the same batch size, as GAN training wants).
 */
export function datasetBatches(data: ImageDataset, seed: Seed | Rng): BatchSource<ImageBatch> {
  const orderSeed = Rng.from(seed).derive('data-order');
  let cached: { epoch: number; order: Int32Array } | null = null;
  const orderOf = (epoch: number) => {
    if (cached?.epoch !== epoch) cached = { epoch, order: data.epochOrder({ seed: orderSeed, epoch }) };
    return cached.order;
  };
  return {
    batchesPerEpoch(batchSize) {
      const n = Math.floor(data.size / batchSize);
      if (n === 0) throw new RangeError(`train: the data set has ${data.size} images, fewer than one batch of ${batchSize}; lower batchSize`);
      return n;
    },
    batch(epoch, index, batchSize) {
      const idx = orderOf(epoch).subarray(index * batchSize, (index + 1) * batchSize);
      return data.source.readSync ? data.batchSync(idx) : data.batch(idx);
    },
    release(batch) {
      batch.images.dispose();
    },
  };
}

export function isBatchSource<B>(x: unknown): x is BatchSource<B> {
  return typeof x === 'object' && x !== null && typeof (x as BatchSource<B>).batchesPerEpoch === 'function';
}

/**
 * Full batches of in-memory images [N, H, W, C] and their labels, in a seeded order per epoch
 * (a pure function of seed and epoch, for exact resume). The tensors stay the caller's.
 */
export function tensorBatches(images: Tensor4D, labels: Int32Array, seed: Seed | Rng): BatchSource<ImageBatch> {
  if (images.shape[0] !== labels.length) throw new Error(`tensorBatches: ${images.shape[0]} images but ${labels.length} labels`);
  const root = Rng.from(seed).derive('data-order');
  let cached: { epoch: number; order: Int32Array } | null = null;
  const orderOf = (epoch: number) => {
    if (cached?.epoch !== epoch) cached = { epoch, order: root.derive(`epoch:${epoch}`).permutation(labels.length) };
    return cached.order;
  };
  return {
    batchesPerEpoch(batchSize) {
      const n = Math.floor(labels.length / batchSize);
      if (n === 0) throw new RangeError(`train: ${labels.length} images are fewer than one batch of ${batchSize}; lower batchSize`);
      return n;
    },
    batch(epoch, index, batchSize) {
      const idx = orderOf(epoch).slice(index * batchSize, (index + 1) * batchSize);
      return { images: tf.tidy(() => tf.gather(images, tf.tensor1d(idx, 'int32'))), labels: Int32Array.from(idx, (i) => labels[i]), indices: idx };
    },
    release(batch) {
      batch.images.dispose();
    },
  };
}
