/**
 * Closed-set identification: each probe embedding is ranked against the gallery identities
 * (an identity's distance = its nearest gallery image); the CMC curve gives, for each rank r,
 * the share of probes whose true identity is among the r nearest identities.
 */
import { Rng, type Seed } from '../random';

export interface EmbeddingSet {
  /** Row-major [n, dim]. */
  embeddings: Float32Array | Float64Array;
  labels: ArrayLike<number>;
}

export interface IdentificationResult {
  /** cmc[r − 1] = rank-r identification rate. */
  cmc: number[];
  rank1: number;
  rank5: number;
  probes: number;
  identities: number;
}

export function squaredDistance(x: ArrayLike<number>, xi: number, y: ArrayLike<number>, yi: number, dim: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) { const t = x[xi * dim + d] - y[yi * dim + d]; s += t * t; }
  return s;
}

/** Splits the images of each identity into a gallery (`perIdentity` images) and probes (the rest). */
export function gallerySplit(labels: ArrayLike<number>, options: { perIdentity?: number; seed?: Seed | Rng } = {}): { gallery: Int32Array; probe: Int32Array } {
  const per = options.perIdentity ?? 1;
  const rng = Rng.from(options.seed);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) { const g = groups.get(labels[i]) ?? []; g.push(i); groups.set(labels[i], g); }
  const gallery: number[] = [], probe: number[] = [];
  for (const id of [...groups.keys()].sort((a, b) => a - b)) {
    const imgs = rng.shuffle([...(groups.get(id) as number[])]);
    if (imgs.length <= per) throw new Error(`gallerySplit: identity ${id} has ${imgs.length} image(s); needs more than ${per} to leave a probe`);
    gallery.push(...imgs.slice(0, per)); probe.push(...imgs.slice(per));
  }
  return { gallery: Int32Array.from(gallery), probe: Int32Array.from(probe) };
}

export function identification(gallery: EmbeddingSet, probe: EmbeddingSet, dim: number, maxRank = 10): IdentificationResult {
  const ids = [...new Set(Array.from(gallery.labels))].sort((a, b) => a - b);
  const index = new Map(ids.map((id, i) => [id, i]));
  const nProbe = probe.labels.length;
  if (gallery.embeddings.length !== gallery.labels.length * dim) throw new Error(`identification: gallery embeddings hold ${gallery.embeddings.length} values, expected ${gallery.labels.length}×${dim}`);
  if (probe.embeddings.length !== nProbe * dim) throw new Error(`identification: probe embeddings hold ${probe.embeddings.length} values, expected ${nProbe}×${dim}`);
  const R = Math.min(maxRank, ids.length);
  const hits = new Array<number>(R).fill(0);
  const best = new Float64Array(ids.length);
  for (let p = 0; p < nProbe; p++) {
    const truth = index.get(probe.labels[p]);
    if (truth === undefined) throw new Error(`identification: probe ${p} has identity ${probe.labels[p]}, which is not in the gallery (closed-set protocol)`);
    best.fill(Infinity);
    for (let g = 0; g < gallery.labels.length; g++) {
      const k = index.get(gallery.labels[g]) as number;
      const d = squaredDistance(probe.embeddings, p, gallery.embeddings, g, dim);
      if (d < best[k]) best[k] = d;
    }
    // Rank = 1 + identities strictly closer than the truth (ties count in the probe's favour).
    let rank = 1;
    for (let k = 0; k < ids.length; k++) if (best[k] < best[truth]) rank++;
    for (let r = rank; r <= R; r++) hits[r - 1]++;
  }
  const cmc = hits.map((h) => h / nProbe);
  return { cmc, rank1: cmc[0], rank5: cmc[Math.min(4, R - 1)], probes: nProbe, identities: ids.length };
}
