/**
 * A fitted marginal as a fast monotone map between data values and normal scores.
 *
 * The map x ↦ z = Φ⁻¹(F(x)) is tabulated once on a uniform grid of z (2049 points over
 * ±Z_CLIP, i.e. u clipped to [1e-7, 1 − 1e-7]): sampling is one linear interpolation per value
 * and fitting one binary search, with no special function in the hot loops.
 */
import { Rng } from '../random';
import { betaI, gammaP, lgamma, normCdf, normPpf } from './special';
import { FAMILIES, fitFamily, lbeta, type DistributionParams, type Family } from './fitting';

/** u is clipped to [U_CLIP, 1 − U_CLIP] before Φ⁻¹, so normal scores stay within ±Z_CLIP. */
export const U_CLIP = 1e-7;
export const Z_CLIP = -normPpf(U_CLIP);
const GRID = 2049;
const H = (2 * Z_CLIP) / (GRID - 1);

/** F(x) for one family. */
export function cdf(p: DistributionParams, x: number): number {
  return cdfOf(p)(x);
}

/** F as a closure with its normalising constants computed once (the KS and table loops call it often). */
export function cdfOf(p: DistributionParams): (x: number) => number {
  switch (p.family) {
    case 'norm': return (x) => normCdf((x - p.loc) / p.scale);
    case 'uniform': return (x) => (p.scale > 0 ? Math.min(1, Math.max(0, (x - p.loc) / p.scale)) : x >= p.loc ? 1 : 0);
    case 'beta': { const ln = lbeta(p.a, p.b); return (x) => betaI(p.a, p.b, (x - p.loc) / p.scale, ln); }
    case 'gamma': { const gln = lgamma(p.a); return (x) => gammaP(p.a, (x - p.loc) / p.scale, gln); }
    case 'truncnorm': {
      const fa = normCdf((p.low - p.loc) / p.scale), fb = normCdf((p.high - p.loc) / p.scale);
      return (x) => (x <= p.low ? 0 : x >= p.high ? 1 : (normCdf((x - p.loc) / p.scale) - fa) / (fb - fa));
    }
    case 'gaussianKde': {
      const pts = p.points, h = p.bandwidth;
      return (x) => {
        let s = 0;
        for (let i = 0; i < pts.length; i++) s += normCdf((x - pts[i]) / h);
        return s / pts.length;
      };
    }
  }
}

function pdfOf(p: DistributionParams): (x: number) => number {
  if (p.family === 'beta') {
    const ln = lbeta(p.a, p.b);
    return (x) => {
      const y = (x - p.loc) / p.scale;
      return y > 0 && y < 1 ? Math.exp((p.a - 1) * Math.log(y) + (p.b - 1) * Math.log1p(-y) - ln) / p.scale : 0;
    };
  }
  if (p.family === 'gamma') {
    const gln = lgamma(p.a);
    return (x) => { const y = (x - p.loc) / p.scale; return y > 0 ? Math.exp((p.a - 1) * Math.log(y) - y - gln) / p.scale : 0; };
  }
  return () => NaN;
}

/** Inverts a continuous CDF at increasing targets by bracketed Newton steps. */
function invertSorted(p: DistributionParams, targets: Float64Array, lo: number, hi: number, out: Float64Array): void {
  const F = cdfOf(p), f = pdfOf(p);
  let left = lo;
  for (let k = 0; k < targets.length; k++) {
    const u = targets[k];
    let a = left, b = hi, x = left;
    for (let it = 0; it < 100; it++) {
      const r = F(x) - u;
      if (Math.abs(r) < 1e-13) break;
      if (r < 0) a = x; else b = x;
      const d = f(x);
      let nx = d > 0 ? x - r / d : NaN;
      if (!(nx > a && nx < b)) nx = b === Infinity ? (a === x ? a + Math.max(1, Math.abs(a)) : 2 * x - a) : 0.5 * (a + b);
      if (Math.abs(nx - x) <= 1e-14 * Math.max(1, Math.abs(x))) { x = nx; break; }
      x = nx;
    }
    out[k] = x;
    left = x;
  }
}

/** The data value at each of the GRID normal scores. */
function tabulate(p: DistributionParams): Float64Array {
  const xs = new Float64Array(GRID);
  const us = new Float64Array(GRID);
  for (let k = 0; k < GRID; k++) us[k] = normCdf(-Z_CLIP + k * H);
  switch (p.family) {
    case 'norm':
      for (let k = 0; k < GRID; k++) xs[k] = p.loc + p.scale * (-Z_CLIP + k * H);
      break;
    case 'uniform':
      for (let k = 0; k < GRID; k++) xs[k] = p.loc + p.scale * us[k];
      break;
    case 'truncnorm': {
      const fa = normCdf((p.low - p.loc) / p.scale), fb = normCdf((p.high - p.loc) / p.scale);
      for (let k = 0; k < GRID; k++) {
        const x = p.loc + p.scale * normPpf(fa + us[k] * (fb - fa));
        xs[k] = Math.min(p.high, Math.max(p.low, Number.isFinite(x) ? x : k < GRID / 2 ? p.low : p.high));
      }
      break;
    }
    case 'beta':
      invertSorted(p, us, p.loc, p.loc + p.scale, xs);
      break;
    case 'gamma':
      invertSorted(p, us, p.loc, Infinity, xs);
      break;
    case 'gaussianKde': {
      // CDF on a fine x grid, then interpolate its inverse at the targets.
      const pts = p.points, h = p.bandwidth;
      const lo = pts[0] - 6 * h, hi = pts[pts.length - 1] + 6 * h;
      const m = 1024;
      const gx = new Float64Array(m), gu = new Float64Array(m);
      const F = cdfOf(p);
      for (let i = 0; i < m; i++) { gx[i] = lo + ((hi - lo) * i) / (m - 1); gu[i] = F(gx[i]); }
      let j = 0;
      for (let k = 0; k < GRID; k++) {
        const u = us[k];
        while (j < m - 2 && gu[j + 1] < u) j++;
        const du = gu[j + 1] - gu[j];
        const t = du > 0 ? Math.min(1, Math.max(0, (u - gu[j]) / du)) : 0;
        xs[k] = gx[j] + t * (gx[j + 1] - gx[j]);
      }
      break;
    }
  }
  for (let k = 1; k < GRID; k++) if (xs[k] < xs[k - 1]) xs[k] = xs[k - 1]; // keep it monotone
  return xs;
}

const BUCKETS = 4096;

/** A fitted marginal with its tabulated normal-score map. */
export class Marginal {
  private readonly xs: Float64Array;
  /** bucket b of [xs[0], xs[GRID − 1]] → the last grid index whose x is ≤ the bucket's left edge. */
  private readonly start: Int32Array;
  private readonly x0: number;
  private readonly bucketScale: number;
  private readonly F: (x: number) => number;

  constructor(readonly params: DistributionParams) {
    this.xs = tabulate(params);
    this.F = cdfOf(params);
    const xs = this.xs;
    this.x0 = xs[0];
    const span = xs[GRID - 1] - xs[0];
    this.bucketScale = span > 0 ? BUCKETS / span : 0;
    this.start = new Int32Array(BUCKETS + 1);
    let k = 0;
    for (let b = 0; b <= BUCKETS; b++) {
      const edge = this.x0 + b / (this.bucketScale || 1);
      while (k < GRID - 2 && xs[k + 1] <= edge) k++;
      this.start[b] = k;
    }
  }

  /** z = Φ⁻¹(F(x)), clipped to ±Z_CLIP (bucket lookup, then a short scan of the grid). */
  toNormal(x: number): number {
    const xs = this.xs;
    if (!(x > xs[0])) return -Z_CLIP;
    if (x >= xs[GRID - 1]) return Z_CLIP;
    let k = this.start[Math.min(BUCKETS, Math.floor((x - this.x0) * this.bucketScale))];
    while (xs[k + 1] <= x) k++;
    const dx = xs[k + 1] - xs[k];
    return -Z_CLIP + (k + (dx > 0 ? (x - xs[k]) / dx : 0.5)) * H;
  }

  /** x = F⁻¹(Φ(z)). */
  fromNormal(z: number): number {
    let t = (z + Z_CLIP) / H;
    if (!(t > 0)) t = 0; else if (t > GRID - 1) t = GRID - 1;
    const i = Math.min(Math.floor(t), GRID - 2);
    const f = t - i;
    return this.xs[i] + f * (this.xs[i + 1] - this.xs[i]);
  }

  cdf(x: number): number {
    return this.F(x);
  }
}

/** The two-sample-free KS statistic sup|F − F_n| of sorted values against a CDF. */
export function ksStatistic(sorted: ArrayLike<number>, f: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const u = f(sorted[i]);
    d = Math.max(d, u - i / n, (i + 1) / n - u);
  }
  return d;
}

export interface FamilyChoice {
  params: DistributionParams;
  /** KS statistic of each candidate on the held-out half of the subsample. */
  ks: Partial<Record<Family, number>>;
}

/**
 * Chooses a family by the lowest KS statistic on a deterministic subsample: candidates are fit
 * on one half (≤ `subsample` values) and scored on the other, so flexible families (KDE) do
 * not win by memorising; a simpler family within `tolerance` of the best is preferred. The
 * winner is then refit on the whole subsample.
 */
export function selectFamily(values: Float64Array, candidates: readonly Family[] = FAMILIES, subsample = 4000, label = ''): FamilyChoice {
  const n = values.length;
  const m = Math.min(n, subsample);
  const idx = partialShuffle(n, m, new Rng(`ks-subsample:${label}`));
  const half = m >> 1;
  const fitPart = new Float64Array(half), testPart = new Float64Array(m - half);
  for (let i = 0; i < half; i++) fitPart[i] = values[idx[i]];
  for (let i = half; i < m; i++) testPart[i - half] = values[idx[i]];
  testPart.sort();
  const ordered = FAMILIES.filter((f) => candidates.includes(f));
  const ks: Partial<Record<Family, number>> = {};
  for (const family of ordered) {
    try {
      // KDE: ≤ 250 kernels, and its CDF read off a 256-point grid (exact sums cost O(n·m)).
      const p = fitFamily(family, family === 'gaussianKde' ? fitPart.subarray(0, 250) : fitPart);
      const d = ksStatistic(testPart, p.family === 'gaussianKde' ? gridCdf(p, testPart[0], testPart[testPart.length - 1]) : cdfOf(p));
      if (Number.isFinite(d)) ks[family] = d;
    } catch {
      // A family that cannot be fit to these values simply does not compete.
    }
  }
  const best = Math.min(...Object.values(ks));
  const tolerance = 0.25 / Math.sqrt(testPart.length);
  const chosen = ordered.find((f) => ks[f] !== undefined && ks[f]! <= best + tolerance) ?? 'gaussianKde';
  const all = new Float64Array(m);
  for (let i = 0; i < m; i++) all[i] = values[idx[i]];
  // Closed-form and sufficient-statistic fits are O(n): use every value; KDE keeps ≤ 1000 points.
  return { params: fitFamily(chosen, chosen === 'gaussianKde' ? all.subarray(0, Math.min(m, 1000)) : values), ks };
}

/** F by linear interpolation on a 256-point grid over [lo, hi]. */
function gridCdf(p: DistributionParams, lo: number, hi: number): (x: number) => number {
  const m = 256;
  const step = (hi - lo) / (m - 1) || 1;
  const gu = new Float64Array(m);
  if (p.family === 'gaussianKde') {
    // Kernels binned onto the grid (error ≤ step/2 ≪ bandwidth): F(g) = Σ_b w_b Φ((g − b)·step / h)
    // needs Φ at 2m − 1 offsets only, not at m × kernels points.
    const w = new Float64Array(m);
    let below = 0;
    const reach = 6 * p.bandwidth;
    for (const x of p.points) {
      const b = Math.round((x - lo) / step);
      if (b >= 0 && b < m) w[b]++;
      else if (b < 0) { if (x < lo - reach) below++; else w[0]++; } // far below: always counted
      else if (x <= hi + reach) w[m - 1]++; // far above: never counted
    }
    const phi = new Float64Array(2 * m - 1);
    for (let k = 0; k < phi.length; k++) phi[k] = normCdf(((k - (m - 1)) * step) / p.bandwidth);
    const total = p.points.length;
    for (let g = 0; g < m; g++) {
      let s = below; // kernels far below the grid count fully
      for (let b = 0; b < m; b++) if (w[b] > 0) s += w[b] * phi[g - b + m - 1];
      gu[g] = s / total;
    }
  } else {
    const F = cdfOf(p);
    for (let i = 0; i < m; i++) gu[i] = F(lo + i * step);
  }
  return (x) => {
    const t = Math.min(m - 1, Math.max(0, (x - lo) / step));
    const i = Math.min(Math.floor(t), m - 2);
    return gu[i] + (t - i) * (gu[i + 1] - gu[i]);
  };
}

/** The first m entries of a seeded Fisher–Yates shuffle of 0..n-1. */
export function partialShuffle(n: number, m: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p.subarray(0, m);
}
