/**
 * sklearn-style generators at 10^6 rows: rows/s of makeClassification (20 features, 10
 * informative), makeRegression (100 features) and makeBlobs (10 features, 5 centres), beside
 * scikit-learn's make_* run by ../shared/peers/sklearn_gen.py in the same benchmark (Debian's
 * python3-sklearn, OPENBLAS_NUM_THREADS=1). ratio = ours / sklearn rows/s (> 1: we are faster).
 * Wall times swing with other work on a shared machine, so each figure also carries CPU
 * seconds (process CPU around each call, same calls in an inline Python) and `cpuRatio`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeBlobs, makeClassification, makeRegression } from '../kernel-lib/src/datasets';
import type { BenchOptions, BenchResult } from './types';

const PEER = join(__dirname, '..', '..', 'shared', 'peers', 'sklearn_gen.py');
const N = 1_000_000;

const CASES: { name: string; peerCase: string; peerCall: string; make: (seed: number) => unknown }[] = [
  {
    name: 'makeClassification(1e6 × 20, 10 informative)',
    peerCase: 'make_classification(1e6, n_features=20, n_informative=10)',
    peerCall: 'make_classification(n_samples=1_000_000, n_features=20, n_informative=10, random_state=r)',
    make: (seed) => makeClassification({ nSamples: N, nFeatures: 20, nInformative: 10, randomState: seed }),
  },
  {
    name: 'makeRegression(1e6 × 100)',
    peerCase: 'make_regression(1e6, n_features=100)',
    peerCall: 'make_regression(n_samples=1_000_000, n_features=100, random_state=r)',
    make: (seed) => makeRegression({ nSamples: N, nFeatures: 100, randomState: seed }),
  },
  {
    name: 'makeBlobs(1e6 × 10, 5 centers)',
    peerCase: 'make_blobs(1e6, n_features=10, centers=5)',
    peerCall: 'make_blobs(n_samples=1_000_000, n_features=10, centers=5, random_state=r)',
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

/** sklearn's median CPU seconds per case (time.process_time around the same calls), or none. */
function peerCpuSeconds(reps: number): number[] | undefined {
  if (process.env.SYNTHLAB_BENCH_PEER === '0') return undefined;
  const script = [
    'import json, time',
    'from sklearn.datasets import make_blobs, make_classification, make_regression',
    `calls = [${CASES.map((c) => `lambda r: ${c.peerCall}`).join(', ')}]`,
    'out = []',
    'for f in calls:',
    '    ts = []',
    `    for r in range(${reps}):`,
    '        t = time.process_time(); f(r); ts.append(time.process_time() - t)',
    '    out.append(sorted(ts)[len(ts) // 2])',
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script], { env: { ...process.env, OPENBLAS_NUM_THREADS: '1' }, encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as number[];
}

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const reps = quick ? 1 : 3;
  const ours = CASES.map((c) => {
    c.make(-1); // warm-up: JIT and first-touch of the allocator
    const wall: number[] = [], cpu: number[] = [];
    for (let r = 0; r < reps; r++) {
      const t = performance.now(), u = process.cpuUsage();
      c.make(r);
      const used = process.cpuUsage(u);
      wall.push((performance.now() - t) / 1000);
      cpu.push((used.user + used.system) / 1e6);
    }
    return { wall: median(wall), cpu: median(cpu) };
  });
  // The peers run right after ours, so drift hits both alike.
  const peer = peerSeconds(reps);
  const peerCpu = peerCpuSeconds(reps);
  const version = typeof peer === 'string' ? '' : [...peer.keys()].find((k) => k.startsWith('sklearn ')) ?? '';
  return CASES.map((c, i) => {
    const peerS = typeof peer === 'string' ? undefined : peer.get(c.peerCase);
    const result: BenchResult = {
      name: c.name,
      unit: 'rows/s',
      ours: N / ours[i].wall,
      seconds: ours[i].wall,
      cpuSeconds: ours[i].cpu,
      notes: typeof peer === 'string' ? peer : `peer: ${version} ${c.peerCase}, OPENBLAS_NUM_THREADS=1, median of ${reps}`,
    };
    if (peerS !== undefined) {
      result.peer = N / peerS;
      result.peerSeconds = peerS;
      result.ratio = peerS / ours[i].wall;
    }
    if (peerCpu) {
      result.peerCpuSeconds = peerCpu[i];
      result.cpuRatio = peerCpu[i] / ours[i].cpu;
    }
    return result;
  });
}
