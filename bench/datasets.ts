/**
 * sklearn-style generators at 10^6 rows: rows/s of makeClassification (20 features, 10
 * informative), makeRegression (100 features) and makeBlobs (10 features, 5 centres), beside
 * scikit-learn's make_* run by ../shared/peers/sklearn_gen.py in the same benchmark (Debian's
 * python3-sklearn, OPENBLAS_NUM_THREADS=1). ratio = ours / sklearn rows/s (> 1: we are faster).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeBlobs, makeClassification, makeRegression } from '../kernel-lib/src/datasets';
import type { BenchOptions, BenchResult } from './types';

const PEER = join(__dirname, '..', '..', 'shared', 'peers', 'sklearn_gen.py');
const N = 1_000_000;

const CASES: { name: string; peerCase: string; make: (seed: number) => unknown }[] = [
  {
    name: 'makeClassification(1e6 × 20, 10 informative)',
    peerCase: 'make_classification(1e6, n_features=20, n_informative=10)',
    make: (seed) => makeClassification({ nSamples: N, nFeatures: 20, nInformative: 10, randomState: seed }),
  },
  {
    name: 'makeRegression(1e6 × 100)',
    peerCase: 'make_regression(1e6, n_features=100)',
    make: (seed) => makeRegression({ nSamples: N, nFeatures: 100, randomState: seed }),
  },
  {
    name: 'makeBlobs(1e6 × 10, 5 centers)',
    peerCase: 'make_blobs(1e6, n_features=10, centers=5)',
    make: (seed) => makeBlobs({ nSamples: N, nFeatures: 10, centers: 5, randomState: seed }),
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** sklearn's median seconds per case, or why there is none. */
function peerSeconds(reps: number): Map<string, number> | string {
  if (process.env.SYNTHLAB_BENCH_PEER === '0') return 'peer disabled (SYNTHLAB_BENCH_PEER=0)';
  if (!existsSync(PEER)) return `peer script missing: ${PEER}`;
  const r = spawnSync('/usr/bin/python3', [PEER, String(reps)], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 0) return `sklearn_gen.py failed: ${(r.stderr || String(r.error)).trim().split('\n').pop()}`;
  const out = new Map<string, number>();
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const row = JSON.parse(line) as { case: string; median_s: number; sklearn: string };
    out.set(row.case, row.median_s);
    out.set(`sklearn ${row.sklearn}`, Number.NaN);
  }
  return out;
}

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const reps = quick ? 1 : 3;
  const ours = CASES.map((c) => {
    c.make(-1); // warm-up: JIT and first-touch of the allocator
    const times: number[] = [];
    for (let r = 0; r < reps; r++) {
      const t = performance.now();
      c.make(r);
      times.push((performance.now() - t) / 1000);
    }
    return median(times);
  });
  // The peer runs right after ours, in the same process tree, so drift hits both alike.
  const peer = peerSeconds(reps);
  const version = typeof peer === 'string' ? '' : [...peer.keys()].find((k) => k.startsWith('sklearn ')) ?? '';
  return CASES.map((c, i) => {
    const peerS = typeof peer === 'string' ? undefined : peer.get(c.peerCase);
    const result: BenchResult = {
      name: c.name,
      unit: 'rows/s',
      ours: N / ours[i],
      seconds: ours[i],
      notes: typeof peer === 'string' ? peer : `peer: ${version} ${c.peerCase}, OPENBLAS_NUM_THREADS=1, median of ${reps}`,
    };
    if (peerS !== undefined) {
      result.peer = N / peerS;
      result.peerSeconds = peerS;
      result.ratio = peerS / ours[i];
    }
    return result;
  });
}
