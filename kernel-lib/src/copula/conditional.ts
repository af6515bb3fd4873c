/**
 * Normal scores for rows with known values: exact Gaussian conditioning on known numeric scores,
 * an exact truncated draw for the first known category (an interval of scores), and nothing
 * else — other interval conditions are met by the caller's rejection loop.
 */
import type { Rng } from '../random';
import { gaussianConditional } from './correlation';
import { normCdf, normPpf } from './special';

/** Per-row knowledge about copula dimensions. */
export interface RowKnowledge {
  /** Dimension → known normal score. */
  points: Map<number, number>;
  /** Dimension → allowed score interval [lo, hi). */
  intervals: Map<number, [number, number]>;
}

/** A draw from N(mu, sigma²) truncated to [lo, hi], by the inverse CDF (tail-stable). */
export function truncatedNormal(mu: number, sigma: number, lo: number, hi: number, rng: Rng): number {
  let a = (lo - mu) / sigma, b = (hi - mu) / sigma;
  const flip = a > 0; // work in the lower tail, where Φ keeps its precision
  if (flip) { const t = a; a = -b; b = -t; }
  const fa = normCdf(a), fb = normCdf(b);
  let z = normPpf(fa + rng.float() * (fb - fa));
  if (!Number.isFinite(z)) z = Number.isFinite(a) ? a : b;
  z = Math.min(b, Math.max(a, z));
  return mu + sigma * (flip ? -z : z);
}

/**
 * Scores (d per row, row-major) for rows that share the same set of known dimensions, in
 * `rows` order. `corr` is the d × d copula correlation.
 */
export function conditionalScores(corr: Float64Array, d: number, rows: readonly RowKnowledge[], rng: Rng): Float64Array {
  const out = new Float64Array(rows.length * d);
  if (rows.length === 0) return out;
  const first = rows[0];
  const pointDims = [...first.points.keys()].sort((a, b) => a - b);
  const intervalDim = first.intervals.size > 0 ? Math.min(...first.intervals.keys()) : -1;
  const unknownA = range(d).filter((j) => !first.points.has(j));
  const condA = pointDims.length > 0 ? gaussianConditional(corr, d, pointDims, unknownA) : null;
  const known2 = intervalDim >= 0 ? [...pointDims, intervalDim].sort((a, b) => a - b) : pointDims;
  const unknownB = range(d).filter((j) => !known2.includes(j));
  const condB = intervalDim >= 0 ? gaussianConditional(corr, d, known2, unknownB) : condA;
  // Mean and sd of the interval dimension given the points only.
  let rowA = -1, sdA = 1;
  if (intervalDim >= 0) {
    rowA = unknownA.indexOf(intervalDim);
    if (condA) {
      const u = unknownA.length, L = condA.L;
      let v = 0;
      for (let k = 0; k <= rowA; k++) v += L[rowA * u + k] * L[rowA * u + k];
      sdA = Math.sqrt(v);
    }
  }
  const eps = new Float64Array(unknownB.length);
  const known = new Float64Array(known2.length);
  const pk = new Float64Array(pointDims.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const o = r * d;
    for (let i = 0; i < pointDims.length; i++) { pk[i] = row.points.get(pointDims[i])!; out[o + pointDims[i]] = pk[i]; }
    if (intervalDim >= 0) {
      let mu = 0;
      if (condA) for (let i = 0; i < pointDims.length; i++) mu += condA.A[rowA * pointDims.length + i] * pk[i];
      const [lo, hi] = row.intervals.get(intervalDim)!;
      out[o + intervalDim] = truncatedNormal(mu, sdA, lo, hi, rng);
    }
    for (let i = 0; i < known2.length; i++) known[i] = out[o + known2[i]];
    rng.fillNormal(eps);
    const u = unknownB.length, k = known2.length;
    for (let a = 0; a < u; a++) {
      let s = 0;
      if (condB) {
        for (let i = 0; i < k; i++) s += condB.A[a * k + i] * known[i];
        for (let b = 0; b <= a; b++) s += condB.L[a * u + b] * eps[b];
      } else {
        s = eps[a]; // nothing known: caller uses this only with the full Cholesky path
      }
      out[o + unknownB[a]] = s;
    }
  }
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
