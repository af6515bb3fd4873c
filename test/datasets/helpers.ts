/** Statistics the dataset tests share. */
import type { Matrix } from '../../kernel-lib/src/datasets/matrix';

/** One-way ANOVA F statistic of column `col` of X grouped by labels y (k groups). */
export function anovaF(X: Matrix, col: number, y: Int32Array, k: number): number {
  const n = X.rows;
  const sum = new Float64Array(k), count = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) { const v = X.get(i, col); sum[y[i]] += v; count[y[i]]++; total += v; }
  const grand = total / n;
  let ssb = 0, ssw = 0;
  for (let c = 0; c < k; c++) if (count[c] > 0) ssb += count[c] * (sum[c] / count[c] - grand) ** 2;
  for (let i = 0; i < n; i++) ssw += (X.get(i, col) - sum[y[i]] / count[y[i]]) ** 2;
  return (ssb / (k - 1)) / (ssw / (n - k));
}

export function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

export function std(a: ArrayLike<number>): number {
  const m = mean(a);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - m) ** 2;
  return Math.sqrt(s / a.length);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Counts of each label 0..k-1. */
export function counts(y: ArrayLike<number>, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) c[y[i]]++;
  return c;
}
