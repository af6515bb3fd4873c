/**
 * Pure data steps of the training-curves view: EMA smoothing and min/max decimation, so 10^5
 * points per series draw as a few thousand SVG points without losing spikes.
 */

/**
 * Exponential moving average with TensorBoard's debiasing (the first points are not pulled
 * toward zero). `weight` in [0, 1): 0 returns the values unchanged. Nulls stay gaps.
 */
export function ema(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (weight <= 0) return values.slice();
  let acc = 0, n = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    acc = acc * weight + (1 - weight) * v;
    n++;
    return acc / (1 - weight ** n);
  });
}

/**
 * Indices to draw for a series shown over `[lo, hi]` (the whole series when absent) with about
 * `maxPoints` points: per bucket of x, the first, min, max and last points, so every peak and
 * trough stays visible. Points just outside the range are kept so lines reach the edges.
 * Assumes `x` ascending (steps or epochs).
 */
export function decimate(x: readonly number[], y: readonly (number | null)[], maxPoints: number, range?: [number, number]): number[] {
  const n = x.length;
  let start = 0, end = n; // [start, end)
  if (range) {
    while (start < n && x[start] < range[0]) start++;
    while (end > start && x[end - 1] > range[1]) end--;
    start = Math.max(0, start - 1);
    end = Math.min(n, end + 1);
  }
  if (end - start <= maxPoints) return Array.from({ length: end - start }, (_, i) => start + i);
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const x0 = x[start], span = x[end - 1] - x0 || 1;
  const out: number[] = [];
  let b = -1, first = -1, last = -1, lo = -1, hi = -1, gap = -1;
  const flush = () => {
    if (first < 0) return;
    for (const i of [first, lo, hi, gap, last].filter((v, k, a) => v >= 0 && a.indexOf(v) === k).sort((p, q) => p - q)) out.push(i);
  };
  for (let i = start; i < end; i++) {
    const bi = Math.min(buckets - 1, Math.floor(((x[i] - x0) / span) * buckets));
    if (bi !== b) { flush(); b = bi; first = i; lo = hi = gap = -1; }
    last = i;
    const v = y[i];
    if (v === null) { if (gap < 0) gap = i; continue; } // one null per bucket keeps the gap
    if (lo < 0 || v < (y[lo] as number)) lo = i;
    if (hi < 0 || v > (y[hi] as number)) hi = i;
  }
  flush();
  return out;
}
