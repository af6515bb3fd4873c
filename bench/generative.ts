/**
 * GAN training speed: SAGAN steps/s (one D + one G update, hinge loss, spectral norm,
 * self-attention) at 32 and 64 px, batch 64, on the backend `backend.init()` picks here.
 */
import * as tf from '../kernel-lib/src/tf';
import { init } from '../kernel-lib/src/backend';
import { sagan } from '../kernel-lib/src/models/sagan';
import { Rng } from '../kernel-lib/src/random';
import type { ImageBatch } from '../kernel-lib/src/images/types';
import type { BenchOptions, BenchResult } from './types';

function batchOf(n: number, size: number): ImageBatch {
  return {
    images: tf.randomUniform([n, size, size, 3], -1, 1, 'float32', 1) as tf.Tensor4D,
    labels: new Int32Array(n).fill(-1),
    indices: Int32Array.from({ length: n }, (_, i) => i),
  };
}

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const info = await init({ quiet: true });
  const batchSize = Number(process.env.SYNTHLAB_BENCH_GAN_BATCH ?? 64);
  const width = 32;
  const results: BenchResult[] = [];
  for (const size of [32, 64]) {
    const gan = sagan({ imageSize: size, width, seed: 1 });
    const batch = batchOf(batchSize, size);
    const rng = new Rng(1);
    gan.trainStep(batch, { rng, step: 0 }); // warm-up: kernel set-up, first allocations
    const steps = quick ? 1 : 3;
    const t = performance.now();
    for (let s = 1; s <= steps; s++) gan.trainStep(batch, { rng, step: s });
    const seconds = (performance.now() - t) / 1000 / steps;
    results.push({
      name: `SAGAN ${size}px train step`, unit: 'steps/s', ours: 1 / seconds,
      notes: `batch ${batchSize}, width ${width} (G ${gan.generator.params.size} / D ${gan.discriminator.params.size} params), attention at ${Math.min(32, size / 2)}px, backend ${info.name}; mean of ${steps} steps after 1 warm-up; ${seconds.toFixed(2)} s/step`,
    });
    batch.images.dispose();
    gan.dispose();
  }
  return results;
}
