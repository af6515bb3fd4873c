/**
 * P×K batches for triplet training: P identities, K images each. Identities are visited in a
 * seeded shuffled order (each once per pass); an identity with fewer than K images is sampled
 * with replacement, so no identity is dropped.
 */
import { Rng, type Seed } from '../random';

export interface PkBatchOptions { P: number; K: number; seed?: Seed | Rng }

export class PkSampler {
  private readonly groups: number[][];
  private readonly rng: Rng;
  private order: number[] = [];
  private cursor = 0;

  constructor(labels: ArrayLike<number>, private readonly options: PkBatchOptions) {
    const byId = new Map<number, number[]>();
    for (let i = 0; i < labels.length; i++) { const g = byId.get(labels[i]) ?? []; g.push(i); byId.set(labels[i], g); }
    this.groups = [...byId.keys()].sort((a, b) => a - b).map((id) => byId.get(id) as number[]);
    if (!(options.P >= 2)) throw new Error(`PkSampler: P must be ≥ 2 identities per batch, got ${options.P}`);
    if (!(options.K >= 2)) throw new Error(`PkSampler: K must be ≥ 2 images per identity, got ${options.K}`);
    if (this.groups.length < options.P) throw new Error(`PkSampler: P = ${options.P} identities per batch but the set has only ${this.groups.length}`);
    if (!this.groups.some((g) => g.length >= 2)) throw new Error('PkSampler: no identity has 2 or more images, so no positive pair can be formed');
    this.rng = Rng.from(options.seed);
  }

  /** The next batch: P·K sample indices, grouped by identity. */
  next(): Int32Array {
    const { P, K } = this.options;
    const out = new Int32Array(P * K);
    for (let p = 0; p < P; p++) {
      if (this.cursor >= this.order.length) {
        this.order = Array.from(this.rng.permutation(this.groups.length));
        this.cursor = 0;
      }
      const imgs = this.groups[this.order[this.cursor++]];
      const picks = imgs.length >= K ? this.rng.shuffle([...imgs]).slice(0, K) : Array.from({ length: K }, () => this.rng.pick(imgs));
      out.set(picks, p * K);
    }
    return out;
  }
}
