/**
 * Parameter estimation for the univariate families (the semantics of sdv-dev/Copulas'
 * univariates): maximum likelihood where it is cheap, with the support of bounded families
 * taken from the data's range stretched by a small margin.
 */
import { digamma, lgamma, normCdf, trigamma } from './special';

export type Family = 'norm' | 'beta' | 'truncnorm' | 'gamma' | 'uniform' | 'gaussianKde';

/** Every family, simplest first (ties in the KS selection go to the simpler one). */
export const FAMILIES: readonly Family[] = ['uniform', 'norm', 'gamma', 'beta', 'truncnorm', 'gaussianKde'];

/** A fitted marginal: plain JSON, enough to rebuild it without the data. */
export type DistributionParams =
  | { family: 'norm'; loc: number; scale: number }
  | { family: 'uniform'; loc: number; scale: number }
  | { family: 'beta'; a: number; b: number; loc: number; scale: number }
  | { family: 'gamma'; a: number; loc: number; scale: number }
  | { family: 'truncnorm'; low: number; high: number; loc: number; scale: number }
  | { family: 'gaussianKde'; points: number[]; bandwidth: number };

interface Moments { n: number; min: number; max: number; mean: number; std: number }

export function moments(x: ArrayLike<number>): Moments {
  let min = Infinity, max = -Infinity, s = 0;
  for (let i = 0; i < x.length; i++) { const v = x[i]; s += v; if (v < min) min = v; if (v > max) max = v; }
  const mean = s / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) { const d = x[i] - mean; ss += d * d; }
  return { n: x.length, min, max, mean, std: Math.sqrt(ss / x.length) };
}

/** Fits `family` to finite values `x` (at least 2 distinct values). */
export function fitFamily(family: Family, x: Float64Array): DistributionParams {
  const m = moments(x);
  const range = m.max - m.min;
  const margin = 1e-3 * range;
  switch (family) {
    case 'norm': return { family, loc: m.mean, scale: m.std };
    case 'uniform': return { family, loc: m.min, scale: range };
    case 'beta': return fitBeta(x, m.min - margin, range + 2 * margin);
    case 'gamma': return fitGamma(x, m.min - margin);
    case 'truncnorm': return fitTruncnorm(x, m, m.min - margin, m.max + margin);
    case 'gaussianKde': {
      const points = Array.from(x).sort((a, b) => a - b);
      // Scott's rule, as scipy.stats.gaussian_kde in one dimension.
      return { family, points, bandwidth: m.std * Math.pow(points.length, -0.2) };
    }
  }
}

function fitBeta(x: Float64Array, loc: number, scale: number): DistributionParams {
  let sl = 0, sl1 = 0, sy = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    const y = (x[i] - loc) / scale;
    sl += Math.log(y); sl1 += Math.log1p(-y); sy += y; syy += y * y;
  }
  const n = x.length;
  const my = sy / n, vy = Math.max(syy / n - my * my, 1e-12);
  const common = Math.max((my * (1 - my)) / vy - 1, 1e-3);
  let a = Math.max(my * common, 1e-3), b = Math.max((1 - my) * common, 1e-3);
  const ml = sl / n, ml1 = sl1 / n;
  for (let it = 0; it < 100; it++) {
    const dab = digamma(a + b), tab = trigamma(a + b);
    const g1 = dab - digamma(a) + ml, g2 = dab - digamma(b) + ml1;
    const h11 = tab - trigamma(a), h22 = tab - trigamma(b), h12 = tab;
    const det = h11 * h22 - h12 * h12;
    let da = -(h22 * g1 - h12 * g2) / det, db = -(h11 * g2 - h12 * g1) / det;
    while (a + da <= 0 || b + db <= 0) { da /= 2; db /= 2; }
    a += da; b += db;
    if (Math.abs(da) < 1e-10 * a && Math.abs(db) < 1e-10 * b) break;
  }
  return { family: 'beta', a, b, loc, scale };
}

function fitGamma(x: Float64Array, loc: number): DistributionParams {
  let s = 0, sl = 0;
  for (let i = 0; i < x.length; i++) { const y = x[i] - loc; s += y; sl += Math.log(y); }
  const mean = s / x.length;
  const d = Math.max(Math.log(mean) - sl / x.length, 1e-12);
  let a = (3 - d + Math.sqrt((d - 3) * (d - 3) + 24 * d)) / (12 * d);
  for (let it = 0; it < 50; it++) {
    const f = Math.log(a) - digamma(a) - d, fp = 1 / a - trigamma(a);
    let step = f / fp;
    while (a - step <= 0) step /= 2;
    a -= step;
    if (Math.abs(step) < 1e-12 * a) break;
  }
  return { family: 'gamma', a, loc, scale: mean / a };
}

/** Truncated-normal MLE of (loc, scale) for fixed bounds, from sufficient statistics. */
function fitTruncnorm(x: Float64Array, m: Moments, low: number, high: number): DistributionParams {
  const n = x.length;
  let sx = 0, sxx = 0;
  for (let i = 0; i < n; i++) { const v = (x[i] - m.mean) / m.std; sx += v; sxx += v * v; }
  // Work in standardized units; negative log-likelihood of (mu, log sigma).
  const lo = (low - m.mean) / m.std, hi = (high - m.mean) / m.std;
  const nll = (mu: number, ls: number): number => {
    const s = Math.exp(ls);
    const mass = normCdf((hi - mu) / s) - normCdf((lo - mu) / s);
    if (!(mass > 1e-300)) return Infinity;
    return (sxx - 2 * mu * sx + n * mu * mu) / (2 * s * s) + n * ls + n * Math.log(mass);
  };
  const [mu, ls] = nelderMead2(nll, [0, 0], 0.3, 300);
  return { family: 'truncnorm', low, high, loc: m.mean + mu * m.std, scale: Math.exp(ls) * m.std };
}

/** A small Nelder–Mead for two parameters. */
function nelderMead2(f: (a: number, b: number) => number, start: [number, number], step: number, iters: number): [number, number] {
  let pts: [number, number, number][] = [
    [start[0], start[1], 0], [start[0] + step, start[1], 0], [start[0], start[1] + step, 0],
  ];
  for (const p of pts) p[2] = f(p[0], p[1]);
  for (let it = 0; it < iters; it++) {
    pts.sort((p, q) => p[2] - q[2]);
    const [best, mid, worst] = pts;
    if (Math.abs(worst[2] - best[2]) < 1e-12 * (Math.abs(best[2]) + 1e-12)) break;
    const cx = (best[0] + mid[0]) / 2, cy = (best[1] + mid[1]) / 2;
    const at = (t: number): [number, number, number] => {
      const px = cx + t * (worst[0] - cx), py = cy + t * (worst[1] - cy);
      return [px, py, f(px, py)];
    };
    const r = at(-1);
    if (r[2] < best[2]) { const e = at(-2); pts = [best, mid, e[2] < r[2] ? e : r]; continue; }
    if (r[2] < mid[2]) { pts = [best, mid, r]; continue; }
    const c = r[2] < worst[2] ? at(-0.5) : at(0.5);
    if (c[2] < Math.min(worst[2], r[2])) { pts = [best, mid, c]; continue; }
    pts = [best, ...[mid, worst].map((p): [number, number, number] => {
      const px = best[0] + 0.5 * (p[0] - best[0]), py = best[1] + 0.5 * (p[1] - best[1]);
      return [px, py, f(px, py)];
    })];
  }
  pts.sort((p, q) => p[2] - q[2]);
  return [pts[0][0], pts[0][1]];
}

/** log of the beta function B(a, b). */
export function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}
