/** Shared bits of the model tests: the cpu backend, tiny random image batches. */
import * as tf from '../../kernel-lib/src/tf';

import { Rng } from '../../kernel-lib/src/random';
import type { ImageBatch } from '../../kernel-lib/src/images/types';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
}

/** A batch of n random images in [-1, 1] with labels cycling through `classes` (or −1). */
export function randomBatch(n: number, size: number, channels: number, seed: number, classes = 0): ImageBatch {
  const rng = new Rng(seed);
  const data = new Float32Array(n * size * size * channels);
  for (let i = 0; i < data.length; i++) data[i] = 2 * rng.float() - 1;
  return {
    images: tf.tensor4d(data, [n, size, size, channels]),
    labels: Int32Array.from({ length: n }, (_, i) => (classes > 0 ? i % classes : -1)),
    indices: Int32Array.from({ length: n }, (_, i) => i),
  };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
