/**
 * Summaries over repeated runs (seeds): mean with a 95 % confidence interval from Student's t,
 * and paired comparisons of two arms run on the same seeds.
 */

/** Two-sided 95 % critical values of Student's t for 1..30 degrees of freedom. */
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function tCritical95(df: number): number {
  if (!(df >= 1)) return NaN;
  return df <= 30 ? T95[Math.floor(df) - 1] : 1.96 + 2.4 / df; // close to the exact quantile beyond 30
}

export interface MeanCi {
  mean: number;
  /** Half width of the 95 % interval (NaN with one value). */
  ci95: number;
  std: number;
  n: number;
}

export function meanCi(values: readonly number[]): MeanCi {
  const n = values.length;
  if (n === 0) throw new Error('meanCi: no values');
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : NaN;
  return { mean, ci95: n > 1 ? tCritical95(n - 1) * std / Math.sqrt(n) : NaN, std, n };
}

export interface PairedComparison {
  /** Mean of a − b over the shared seeds, with its 95 % interval. */
  difference: MeanCi;
  /** Seeds on which a was higher, lower, tied. */
  wins: number;
  losses: number;
  ties: number;
  /** The interval excludes 0. */
  significant: boolean;
}

/** Compares two arms run on the same seeds (values in seed order). */
export function pairedComparison(a: readonly number[], b: readonly number[]): PairedComparison {
  if (a.length !== b.length) throw new Error(`pairedComparison: ${a.length} values vs ${b.length}; pair the same seeds`);
  const d = a.map((v, i) => v - b[i]);
  const difference = meanCi(d);
  return {
    difference, wins: d.filter((x) => x > 0).length, losses: d.filter((x) => x < 0).length, ties: d.filter((x) => x === 0).length,
    significant: Number.isFinite(difference.ci95) && Math.abs(difference.mean) > difference.ci95,
  };
}

/** "0.812 ± 0.014" (or just the mean with one value). */
export function formatMeanCi(m: MeanCi, digits = 3): string {
  return Number.isFinite(m.ci95) ? `${m.mean.toFixed(digits)} ± ${m.ci95.toFixed(digits)}` : m.mean.toFixed(digits);
}
