/**
 * GAN training speed: SAGAN steps/s (one D + one G update, hinge loss, spectral norm,
 * self-attention) at 32 and 64 px, batch 64, on the backend `backend.init()` picks here.
 * FID: 10,000 vs 10,000 features of 128 dimensions, against pytorch-fid's formula (numpy cov +
 * scipy sqrtm) run by ../shared/peers/fid_kernel.py on the same machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '../kernel-lib/src/tf';
import { Matrix } from '../kernel-lib/src/datasets/matrix';
import { fidScore } from '../kernel-lib/src/metrics/generative';
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
  results.push(fidBench());
  return results;
}

/** ReLU-like correlated features, as the peer draws them: max(Z·A/√d + shift, 0). */
function features(n: number, d: number, shift: number, rng: Rng): Matrix {
  const a = rng.fillNormal(new Float64Array(d * d)).map((v) => v / Math.sqrt(d));
  const z = new Float64Array(d), out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    rng.fillNormal(z);
    for (let j = 0; j < d; j++) {
      let v = shift;
      for (let k = 0; k < d; k++) v += z[k] * a[k * d + j];
      out[i * d + j] = Math.max(v, 0);
    }
  }
  return new Matrix(out, n, d);
}

export function fidBench(): BenchResult {
  const rng = new Rng(0);
  const x = features(10_000, 128, 0.3, rng), y = features(10_000, 128, 0.35, rng);
  const t = performance.now();
  const { fid } = fidScore(x, y);
  const ours = (performance.now() - t) / 1000;
  const peerPath = join(__dirname, '..', '..', 'shared', 'peers', 'fid_kernel.py');
  let peer: number | undefined;
  if (existsSync(peerPath)) {
    const r = spawnSync('/usr/bin/python3', [peerPath, '128', '3'], { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } });
    const line = r.stdout?.split('\n').find((l) => l.startsWith('{'));
    if (line) {
      const p = JSON.parse(line) as { stats_mean_cov_median_s: number; sqrtm_fid_median_s: number };
      peer = p.stats_mean_cov_median_s + p.sqrtm_fid_median_s;
    }
  }
  return {
    name: 'FID 128-d, 10k vs 10k', unit: 's', ours, ...(peer !== undefined ? { peer, ratio: peer / ours } : {}),
    notes: `mean + covariance + two symmetric eigen-decompositions (Jacobi, JS, 1 thread); FID ${fid.toFixed(4)}; peer = numpy cov + scipy sqrtm (OpenBLAS 1 thread)${peer === undefined ? ' — peer not run (python3/scipy missing)' : ''}`,
  };
}
