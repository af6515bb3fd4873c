/**
 * Where a training run's batches come from. A batch is a pure function of (epoch, index), so a
 * resumed run reads exactly the batches the uninterrupted run would have read.
 */
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
