/**
 * SDMetrics' single-column and column-pair metrics, on plain arrays. Each returns a score in
 * [0, 1] (1 = the synthetic data matches), or NaN when it cannot be computed.
 */

/** KSComplement = 1 − sup_x |F_real(x) − F_synth(x)| (two-sample KS statistic; missing values dropped). */
export function ksComplement(real: ArrayLike<number>, synthetic: ArrayLike<number>): number {
  const x = Float64Array.from(real).filter((v) => !Number.isNaN(v)).sort();
  const y = Float64Array.from(synthetic).filter((v) => !Number.isNaN(v)).sort();
  if (x.length === 0 || y.length === 0) return NaN;
  let i = 0, j = 0, d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return 1 - d;
}

type Key = string | number | boolean | null;

function frequencies(values: readonly Key[]): Map<Key, number> {
  const m = new Map<Key, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  for (const [k, c] of m) m.set(k, c / values.length);
  return m;
}

/** TVComplement = 1 − ½ Σ_ω |R_ω − S_ω| over categories ω (missing is a category). */
export function tvComplement(real: readonly Key[], synthetic: readonly Key[]): number {
  if (real.length === 0 || synthetic.length === 0) return NaN;
  return 1 - totalVariation(frequencies(real), frequencies(synthetic));
}

function totalVariation(r: Map<Key, number>, s: Map<Key, number>): number {
  let tv = 0;
  for (const [k, p] of r) tv += Math.abs(p - (s.get(k) ?? 0));
  for (const [k, q] of s) if (!r.has(k)) tv += q;
  return tv / 2;
}

/** Pearson correlation over rows where both values exist (NaN if either has no variance). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0, sa = 0, sb = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]) && !Number.isNaN(b[i])) { n++; sa += a[i]; sb += b[i]; }
  if (n < 2) return NaN;
  const ma = sa / n, mb = sb / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    const x = a[i] - ma, y = b[i] - mb;
    sab += x * y; saa += x * x; sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** Average ranks (ties share their mean rank); NaN stays NaN. */
export function ranks(a: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: a.length }, (_, i) => i).filter((i) => !Number.isNaN(a[i])).sort((i, j) => a[i] - a[j]);
  const out = new Float64Array(a.length).fill(NaN);
  for (let s = 0; s < idx.length;) {
    let e = s;
    while (e + 1 < idx.length && a[idx[e + 1]] === a[idx[s]]) e++;
    for (let k = s; k <= e; k++) out[idx[k]] = (s + e) / 2 + 1;
    s = e + 1;
  }
  return out;
}

export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  // Rank only rows where both exist, as scipy/pandas do for pairwise-complete data.
  const keep: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]) && !Number.isNaN(b[i])) keep.push(i);
  return pearson(ranks(keep.map((i) => a[i])), ranks(keep.map((i) => b[i])));
}

/** CorrelationSimilarity = 1 − |S_AB − R_AB| / 2 for Pearson (default) or Spearman coefficients. */
export function correlationSimilarity(
  realA: ArrayLike<number>, realB: ArrayLike<number>, synA: ArrayLike<number>, synB: ArrayLike<number>,
  coefficient: 'pearson' | 'spearman' = 'pearson',
): { score: number; real: number; synthetic: number } {
  const f = coefficient === 'pearson' ? pearson : spearman;
  const r = f(realA, realB), s = f(synA, synB);
  const score = Number.isNaN(r) ? NaN : 1 - Math.abs((Number.isNaN(s) ? 0 : s) - r) / 2;
  return { score, real: r, synthetic: s };
}

/**
 * Bins of a continuous column as SDMetrics' discretize_column: `bins` equal-width bins over the
 * real range, outer edges open (−∞, +∞), so synthetic values outside the range land in the end bins.
 */
export function discretize(real: ArrayLike<number>, synthetic: ArrayLike<number>, bins = 10): { real: Key[]; synthetic: Key[] } {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < real.length; i++) { const v = real[i]; if (!Number.isNaN(v)) { if (v < min) min = v; if (v > max) max = v; } }
  if (min === Infinity) { min = 0; max = 1; }
  if (min === max) { min -= 0.5; max += 0.5; } // numpy's histogram_bin_edges on a constant
  const width = (max - min) / bins;
  const bin = (v: number): Key => (Number.isNaN(v) ? null : Math.min(bins - 1, Math.max(0, Math.floor((v - min) / width))));
  return { real: Array.from(real, bin), synthetic: Array.from(synthetic, bin) };
}

/** ContingencySimilarity = 1 − ½ Σ_{α,β} |R_αβ − S_αβ| over the joint frequency table. */
export function contingencySimilarity(realA: readonly Key[], realB: readonly Key[], synA: readonly Key[], synB: readonly Key[]): number {
  const a = codes(realA, synA), b = codes(realB, synB);
  return contingencyOfCodes(a, b);
}

/** A discrete column pair as integer codes over the union of real and synthetic values. */
export interface Codes { real: Int32Array; synthetic: Int32Array; levels: number }

export function codes(real: readonly Key[], synthetic: readonly Key[]): Codes {
  const index = new Map<Key, number>();
  const code = (v: Key) => { let k = index.get(v); if (k === undefined) { k = index.size; index.set(v, k); } return k; };
  const r = Int32Array.from(real, code), s = Int32Array.from(synthetic, code);
  return { real: r, synthetic: s, levels: index.size };
}

/** ContingencySimilarity on integer codes (the report's fast path: no per-row strings). */
export function contingencyOfCodes(a: Codes, b: Codes): number {
  const nr = a.real.length, ns = a.synthetic.length;
  if (nr === 0 || ns === 0) return NaN;
  const cells = a.levels * b.levels;
  if (cells <= 4_000_000) {
    const diff = new Float64Array(cells);
    for (let i = 0; i < nr; i++) diff[a.real[i] * b.levels + b.real[i]] += 1 / nr;
    for (let i = 0; i < ns; i++) diff[a.synthetic[i] * b.levels + b.synthetic[i]] -= 1 / ns;
    let tv = 0;
    for (let k = 0; k < cells; k++) tv += Math.abs(diff[k]);
    return 1 - tv / 2;
  }
  const diff = new Map<number, number>();
  for (let i = 0; i < nr; i++) { const k = a.real[i] * b.levels + b.real[i]; diff.set(k, (diff.get(k) ?? 0) + 1 / nr); }
  for (let i = 0; i < ns; i++) { const k = a.synthetic[i] * b.levels + b.synthetic[i]; diff.set(k, (diff.get(k) ?? 0) - 1 / ns); }
  let tv = 0;
  for (const v of diff.values()) tv += Math.abs(v);
  return 1 - tv / 2;
}

/** Cramér's V of two discrete columns (0 = independent). */
export function cramersV(a: readonly Key[], b: readonly Key[]): number {
  const ca = codes(a, []), cb = codes(b, []);
  return cramersVOfCodes(ca.real, ca.levels, cb.real, cb.levels);
}

export function cramersVOfCodes(a: Int32Array, r: number, b: Int32Array, c: number): number {
  const n = a.length;
  if (r < 2 || c < 2 || n === 0) return 0;
  const t = new Float64Array(r * c), rs = new Float64Array(r), cs = new Float64Array(c);
  for (let i = 0; i < n; i++) { const x = a[i], y = b[i]; t[x * c + y]++; rs[x]++; cs[y]++; }
  let chi2 = 0;
  for (let x = 0; x < r; x++) for (let y = 0; y < c; y++) { const e = (rs[x] * cs[y]) / n; if (e > 0) chi2 += ((t[x * c + y] - e) ** 2) / e; }
  return Math.sqrt(chi2 / (n * (Math.min(r, c) - 1)));
}

/** BoundaryAdherence: share of synthetic values within [min, max] of the real ones (missing ignored). */
export function boundaryAdherence(real: ArrayLike<number>, synthetic: ArrayLike<number>): number {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < real.length; i++) { const v = real[i]; if (!Number.isNaN(v)) { if (v < min) min = v; if (v > max) max = v; } }
  let n = 0, inside = 0;
  for (let i = 0; i < synthetic.length; i++) { const v = synthetic[i]; if (Number.isNaN(v)) continue; n++; if (v >= min && v <= max) inside++; }
  return n === 0 || min === Infinity ? NaN : inside / n;
}

/** CategoryAdherence: share of synthetic values that are real categories (missing counts as one). */
export function categoryAdherence(real: readonly Key[], synthetic: readonly Key[]): number {
  const seen = new Set(real);
  if (synthetic.length === 0) return NaN;
  let ok = 0;
  for (const v of synthetic) if (seen.has(v)) ok++;
  return ok / synthetic.length;
}

/** KeyUniqueness: share of synthetic rows whose key is present and not a repeat of an earlier row's. */
export function keyUniqueness(keys: readonly Key[]): number {
  if (keys.length === 0) return NaN;
  return new Set(keys.filter((k) => k !== null)).size / keys.length;
}

/** TableStructure: |real columns ∩ synthetic columns| / |real columns ∪ synthetic columns|. */
export function tableStructure(realNames: readonly string[], syntheticNames: readonly string[]): number {
  const r = new Set(realNames), s = new Set(syntheticNames);
  const union = new Set([...r, ...s]);
  let inter = 0;
  for (const x of r) if (s.has(x)) inter++;
  return union.size === 0 ? 1 : inter / union.size;
}
