/**
 * Value distributions for schema columns (`{ distribution: distributions.normal(40, 12) }`).
 * Each is a tiny object with a name (for error messages and docs) and a `sample(rng)`.
 */
import type { Rng } from '../random';
import type { Cell } from './table';

export interface Distribution<T extends Cell = Cell> {
  /** What it is, e.g. "normal(40, 12)". */
  readonly name: string;
  sample(rng: Rng): T;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new RangeError(what);
}

/** Normal with mean and standard deviation. @example distributions.normal(170, 10) */
function normal(mean = 0, std = 1): Distribution<number> {
  check(Number.isFinite(mean) && std >= 0 && Number.isFinite(std), `normal(mean, std) needs finite mean and std ≥ 0, got (${mean}, ${std})`);
  return { name: `normal(${mean}, ${std})`, sample: (rng) => rng.normal(mean, std) };
}

/** Uniform on [low, high). @example distributions.uniform(0, 1) */
function uniform(low = 0, high = 1): Distribution<number> {
  check(Number.isFinite(low) && Number.isFinite(high) && low <= high, `uniform(low, high) needs finite low ≤ high, got (${low}, ${high})`);
  return { name: `uniform(${low}, ${high})`, sample: (rng) => rng.uniform(low, high) };
}

/** Whole numbers from low to high, both included. @example distributions.integer(1, 6) */
function integer(low: number, high: number): Distribution<number> {
  check(Number.isSafeInteger(low) && Number.isSafeInteger(high) && low <= high, `integer(low, high) needs whole low ≤ high, got (${low}, ${high})`);
  return { name: `integer(${low}, ${high})`, sample: (rng) => low + rng.int(high - low + 1) };
}

/** One of `values`, with optional weights. @example distributions.categorical(['a', 'b'], [3, 1]) */
function categorical<T extends Cell>(values: readonly T[], weights?: readonly number[]): Distribution<T> {
  check(values.length > 0, 'categorical(values) needs at least one value');
  if (weights) {
    check(weights.length === values.length, `categorical: ${values.length} values but ${weights.length} weights`);
    check(weights.every((w) => w >= 0 && Number.isFinite(w)) && weights.some((w) => w > 0), 'categorical: weights must be finite, ≥ 0, and not all 0');
  }
  const cum = new Float64Array(values.length);
  let total = 0;
  values.forEach((_, i) => { total += weights ? weights[i] : 1; cum[i] = total; });
  return {
    name: `categorical(${values.length} values)`,
    sample(rng) {
      const u = rng.float() * total;
      let lo = 0, hi = cum.length - 1;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (u < cum[mid]) hi = mid; else lo = mid + 1; }
      return values[lo];
    },
  };
}

/** true with probability p. */
function bernoulli(p = 0.5): Distribution<boolean> {
  check(p >= 0 && p <= 1, `bernoulli(p) needs 0 ≤ p ≤ 1, got ${p}`);
  return { name: `bernoulli(${p})`, sample: (rng) => rng.float() < p };
}

/** Exponential with the given rate (mean 1/rate). */
function exponential(rate = 1): Distribution<number> {
  check(rate > 0 && Number.isFinite(rate), `exponential(rate) needs rate > 0, got ${rate}`);
  return { name: `exponential(${rate})`, sample: (rng) => -Math.log(1 - rng.float()) / rate };
}

/** exp(normal(mu, sigma)): incomes, prices, durations. */
function lognormal(mu = 0, sigma = 1): Distribution<number> {
  check(Number.isFinite(mu) && sigma >= 0 && Number.isFinite(sigma), `lognormal(mu, sigma) needs finite mu and sigma ≥ 0, got (${mu}, ${sigma})`);
  return { name: `lognormal(${mu}, ${sigma})`, sample: (rng) => Math.exp(rng.normal(mu, sigma)) };
}

/** Poisson counts with mean lambda (Knuth for small lambda, a rounded normal above 500). */
function poisson(lambda: number): Distribution<number> {
  check(lambda >= 0 && Number.isFinite(lambda), `poisson(lambda) needs lambda ≥ 0, got ${lambda}`);
  const limit = Math.exp(-lambda);
  return {
    name: `poisson(${lambda})`,
    sample(rng) {
      if (lambda > 500) return Math.max(0, Math.round(rng.normal(lambda, Math.sqrt(lambda))));
      let k = 0, p = rng.float();
      while (p > limit) { k++; p *= rng.float(); }
      return k;
    },
  };
}

/** The built-in distributions. */
export const distributions = { normal, uniform, integer, categorical, bernoulli, exponential, lognormal, poisson };
