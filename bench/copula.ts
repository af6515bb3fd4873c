/**
 * Gaussian copula fit + sample of 100,000 × 20 mixed columns (12 continuous, 8 categorical with
 * 3..50 levels: the table of ../shared/peers/copula_ref.py), ours vs the numpy/scipy reference run
 * in the same process tree, one after the other. Figures are the best of `reps` runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../kernel-lib/src/random';
import { Table, type Cell } from '../kernel-lib/src/tabular';
import { GaussianCopulaSynthesizer, type Family } from '../kernel-lib/src/copula';
import { qualityReport } from '../kernel-lib/src/quality';
import { normCdf } from '../kernel-lib/src/copula/special';
import type { BenchOptions, BenchResult } from './types';

const PEER = process.env.COPULA_PEER ?? join(__dirname, '..', '..', 'shared', 'peers', 'copula_ref.py');
const PYTHON = process.env.COPULA_PYTHON ?? '/usr/bin/python3';

/** The peer's table: a 4-factor latent Gaussian, 12 continuous transforms, 8 quantile-cut categoricals. */
export function makeTable(n: number): Table {
  const rng = new Rng('copula-bench');
  const f = Array.from({ length: 4 }, () => rng.fillNormal(new Float64Array(n)));
  const w = Array.from({ length: 80 }, () => rng.normal());
  const cols: Record<string, Float64Array | Cell[]> = {};
  const levels = [3, 5, 8, 12, 20, 30, 40, 50];
  for (let j = 0; j < 20; j++) {
    const z = rng.fillNormal(new Float64Array(n));
    for (let i = 0; i < n; i++) { let s = 0; for (let k = 0; k < 4; k++) s += f[k][i] * w[k * 20 + j]; z[i] = 0.5 * s + z[i]; }
    if (j < 12) {
      let ss = 0; for (let i = 0; i < n; i++) ss += z[i] * z[i];
      const sd = Math.sqrt(ss / n);
      cols[`c${j}`] = z.map((v0) => { const v = v0 / sd; return [v * 3 + 10, Math.exp(v * 0.5), -Math.log(1 - normCdf(v)), 100 * normCdf(v)][j % 4]; });
    } else {
      const L = levels[j - 12];
      const sorted = Float64Array.from(z).sort();
      const cuts = Array.from({ length: L - 1 }, () => sorted[rng.int(n)]).sort((a, b) => a - b);
      cols[`k${j - 12}`] = Array.from(z, (v) => { let c = 0; while (c < cuts.length && v > cuts[c]) c++; return `cat${c}`; });
    }
  }
  return new Table(cols);
}

function timeOurs(table: Table, reps: number, distribution: Family | 'auto'): { fit: number; sample: number } {
  let fit = Infinity, sample = Infinity;
  for (let r = 0; r < reps; r++) {
    let t = performance.now();
    const s = new GaussianCopulaSynthesizer(null, { seed: r, defaultDistribution: distribution }).fit(table);
    fit = Math.min(fit, (performance.now() - t) / 1000);
    t = performance.now();
    s.sample(table.numRows, { seed: r });
    sample = Math.min(sample, (performance.now() - t) / 1000);
  }
  return { fit, sample };
}

function peer(marginals: 'empirical' | 'beta', reps: number): { fit: number; sample: number } | null {
  if (!existsSync(PEER) || !existsSync(PYTHON)) return null;
  const p = spawnSync(PYTHON, [PEER, marginals, String(reps)], { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } });
  const line = p.stdout.trim().split('\n').pop();
  if (p.status !== 0 || !line) return null;
  const j = JSON.parse(line) as { fit_min_s: number; sample100k_min_s: number };
  return { fit: j.fit_min_s, sample: j.sample100k_min_s };
}

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const n = 100_000;
  const table = makeTable(n);
  const reps = quick ? 2 : 3;
  const out: BenchResult[] = [];
  const cases: [string, Family | 'auto', 'empirical' | 'beta'][] = [
    ['copula fit+sample 100k×20, auto marginals (KS) vs peer empirical', 'auto', 'empirical'],
    ['copula fit+sample 100k×20, beta marginals vs peer beta', 'beta', 'beta'],
  ];
  for (const [name, ours, theirs] of cases) {
    if (quick && theirs === 'beta') continue;
    const o = timeOurs(table, reps, ours);
    const p = peer(theirs, theirs === 'beta' ? 1 : reps);
    const total = o.fit + o.sample;
    out.push({
      name, unit: 's', ours: total,
      ...(p ? { peer: p.fit + p.sample, ratio: (p.fit + p.sample) / total } : {}),
      oursFit: o.fit, oursSample: o.sample, ...(p ? { peerFit: p.fit, peerSample: p.sample } : {}),
      notes: `best of ${reps}; peer = ../shared/peers/copula_ref.py ${theirs} (numpy/scipy, OPENBLAS_NUM_THREADS=1), ratio > 1 = we are faster` +
        (p ? '' : '; peer not run (needs /usr/bin/python3 with numpy + scipy)'),
    });
  }
  // The quality report on the same table (no peer: SDMetrics is not installed here).
  const synth = new GaussianCopulaSynthesizer(null, { seed: 0 }).fit(table);
  const synthetic = synth.sample(n, { seed: 1 });
  const t = performance.now();
  const report = qualityReport(table, synthetic, synth.getMetadata() ?? undefined);
  out.push({
    name: 'quality report 100k×20 (column shapes + 190 pair trends)', unit: 's', ours: (performance.now() - t) / 1000,
    score: report.score, notes: 'pair metrics on a 50,000-row deterministic subsample; no peer',
  });
  return out;
}
