/**
 * Seeded random numbers for everything in Synthlab. No module calls `Math.random`.
 *
 * The generator is xoshiro128** (fast, 2^128 − 1 period, passes BigCrush) seeded through
 * splitmix32. Independent streams come from `derive(label)`, which hashes the *seed* with a
 * label, so a stream's numbers do not depend on how much other streams consumed: adding a
 * shuffle to a pipeline does not change the augmentations that follow it.
 */

/** A seed: an integer (any safe integer) or a string. */
export type Seed = number | string;

/** The whole state of an `Rng`, for checkpoints (`Rng.fromState`). Plain JSON. */
export interface RngState {
  readonly key: readonly [number, number, number, number];
  readonly s: readonly [number, number, number, number];
  readonly spare: number | null;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** splitmix32 step: a good mixer to expand one 32-bit word into many. */
function splitmix32(x: number): [number, number] {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [x, z >>> 0];
}

/** Hashes words and a string into 4 well-mixed 32-bit words (murmur3-style finaliser). */
function hashKey(words: readonly number[], label: string): [number, number, number, number] {
  let h1 = 0x6a09e667 | 0, h2 = 0xbb67ae85 | 0, h3 = 0x3c6ef372 | 0, h4 = 0xa54ff53a | 0;
  const mix = (k: number) => {
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h1 ^= k; h1 = (h1 << 13) | (h1 >>> 19); h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    const t = h1; h1 = h2; h2 = h3; h3 = h4; h4 = t ^ h3;
  };
  for (const w of words) mix(w | 0);
  mix(0x5eed);
  for (let i = 0; i < label.length; i++) mix(label.charCodeAt(i));
  mix(label.length);
  let x = h1 ^ h2 ^ h3 ^ h4;
  const out: number[] = [];
  for (const h of [h1, h2, h3, h4]) {
    const [nx, z] = splitmix32(x ^ h);
    x = nx;
    out.push(z);
  }
  return out as [number, number, number, number];
}

function seedWords(seed: Seed): [number, number, number, number] {
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`seed must be a safe integer or a string, got ${seed}`);
    }
    const lo = seed % TWO_POW_32 >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    return hashKey([lo, hi, seed < 0 ? 1 : 0], '');
  }
  return hashKey([0x57a7], seed);
}

/** A seeded random number generator with derived streams. */
export class Rng {
  private readonly key: [number, number, number, number];
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  /** @example const rng = new Rng(42); rng.float(); */
  constructor(seed: Seed) {
    this.key = seedWords(seed);
    [this.s0, this.s1, this.s2, this.s3] = this.key;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Accepts an Rng (returned as is), a seed, or nothing (seed 0). */
  static from(seedOrRng?: Seed | Rng): Rng {
    if (seedOrRng instanceof Rng) return seedOrRng;
    return new Rng(seedOrRng ?? 0);
  }

  /** Restores a generator saved with `state()`. */
  static fromState(state: RngState): Rng {
    const rng = new Rng(0);
    (rng.key as number[]).splice(0, 4, ...state.key);
    [rng.s0, rng.s1, rng.s2, rng.s3] = state.s;
    rng.spare = state.spare;
    return rng;
  }

  /** A snapshot of the generator (JSON-serialisable). */
  state(): RngState {
    return { key: [...this.key], s: [this.s0, this.s1, this.s2, this.s3], spare: this.spare };
  }

  /**
   * An independent stream named `label`. It depends only on this generator's seed and the
   * label, never on how many numbers were drawn, so pipelines stay reproducible as they grow.
   */
  derive(label: string): Rng {
    const child = new Rng(0);
    const k = hashKey(this.key, label);
    (child.key as number[]).splice(0, 4, ...k);
    [child.s0, child.s1, child.s2, child.s3] = k;
    return child;
  }

  /** A new generator seeded from this one's next outputs (advances this generator). */
  split(): Rng {
    const child = new Rng(0);
    const k = hashKey([this.uint32(), this.uint32(), this.uint32(), this.uint32()], 'split');
    (child.key as number[]).splice(0, 4, ...k);
    [child.s0, child.s1, child.s2, child.s3] = k;
    return child;
  }

  /** The next 32 random bits as an unsigned integer. */
  uint32(): number {
    // xoshiro128**
    const result = Math.imul(((Math.imul(this.s1, 5) << 7) | (Math.imul(this.s1, 5) >>> 25)), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** A uniform double in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.float();
  }

  /** A uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!(n > 0) || !Number.isSafeInteger(n)) throw new RangeError(`int(n) needs a positive integer, got ${n}`);
    if (n <= TWO_POW_32) {
      // Lemire-style rejection on 32 bits.
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      let x = this.uint32();
      while (x >= limit) x = this.uint32();
      return x % n;
    }
    return Math.floor(this.float() * n);
  }

  /** A uniform integer in [low, high). */
  intBetween(low: number, high: number): number {
    return low + this.int(high - low);
  }

  /** True with probability p. */
  bernoulli(p = 0.5): boolean {
    return this.float() < p;
  }

  /**
   * Two independent standard normals by Marsaglia's polar method (no trigonometry; uniforms of
   * 32 bits each, ample for normal draws). Written into `pair`.
   */
  private polarPair(pair: Float64Array): void {
    for (;;) {
      const u = this.uint32() * 4.656612873077393e-10 - 1; // 2^-31
      const v = this.uint32() * 4.656612873077393e-10 - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const m = Math.sqrt((-2 * Math.log(s)) / s);
      pair[0] = u * m;
      pair[1] = v * m;
      return;
    }
  }

  private readonly pair = new Float64Array(2);

  /** A normal draw (polar method; the second value of each pair is kept for the next call). */
  normal(mean = 0, std = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    this.polarPair(this.pair);
    this.spare = this.pair[1];
    return mean + std * this.pair[0];
  }

  /** Fills `out` with normal draws; much faster than calling `normal` in a loop. */
  fillNormal<T extends Float32Array | Float64Array>(out: T, mean = 0, std = 1): T {
    let i = 0;
    if (this.spare !== null && out.length > 0) {
      out[i++] = mean + std * this.spare;
      this.spare = null;
    }
    // The polar loop inlined (this is the hot path of every generator).
    const n = out.length;
    while (i + 1 < n) {
      const u = this.uint32() * 4.656612873077393e-10 - 1;
      const v = this.uint32() * 4.656612873077393e-10 - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const m = std * Math.sqrt((-2 * Math.log(s)) / s);
      out[i] = mean + u * m;
      out[i + 1] = mean + v * m;
      i += 2;
    }
    if (i < n) out[i] = this.normal(mean, std);
    return out;
  }

  /** Fills `out` with uniform draws in [low, high). */
  fillUniform<T extends Float32Array | Float64Array>(out: T, low = 0, high = 1): T {
    const span = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + span * this.float();
    return out;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T, A extends { length: number; [i: number]: T }>(items: A): A {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle<number, Int32Array>(p);
  }

  /** One element of a non-empty array, optionally with weights (need not sum to 1). */
  pick<T>(items: readonly T[], weights?: readonly number[]): T {
    if (items.length === 0) throw new RangeError('pick() needs a non-empty array');
    if (!weights) return items[this.int(items.length)];
    if (weights.length !== items.length) {
      throw new RangeError(`pick(): ${items.length} items but ${weights.length} weights`);
    }
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0)) throw new RangeError(`pick(): weights must be ≥ 0, got ${w}`);
      total += w;
    }
    let r = this.float() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** A 31-bit integer seed for libraries that take one (tfjs random ops, initialisers). */
  seedInt(): number {
    return this.uint32() >>> 1;
  }
}
