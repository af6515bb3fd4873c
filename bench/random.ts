/** Rng throughput: normals per second, bulk vs scalar (what every generator leans on). */
import { Rng } from '../kernel-lib/src/random';
import type { BenchOptions, BenchResult } from './types';

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const n = quick ? 1_000_000 : 10_000_000;
  const out = new Float64Array(n);
  const rng = new Rng(0);
  let t = performance.now();
  rng.fillNormal(out);
  const bulk = n / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  const scalar = n / ((performance.now() - t) / 1000);
  return [{ name: 'rng.fillNormal', unit: 'normals/s', ours: bulk, peer: scalar, ratio: bulk / scalar, notes: 'peer = rng.normal() in a loop' }];
}
