/**
 * Clustering of embeddings (k-means with k-means++ seeding; average-linkage agglomerative) and
 * the agreement of clusters with true identities: NMI (arithmetic normalisation, as
 * scikit-learn's default), ARI, purity, and pairwise precision/recall/F1 (a pair of samples is
 * "positive" when they share a cluster; it is correct when they share an identity).
 */
import { Rng, type Seed } from '../random';
import { squaredDistance } from './identification';

export interface KMeansResult { labels: Int32Array; centers: Float64Array; inertia: number; iterations: number }

function checkData(data: ArrayLike<number>, n: number, dim: number, fn: string): void {
  if (data.length !== n * dim) throw new Error(`${fn}: data holds ${data.length} values, expected ${n}×${dim}`);
}

/** Lloyd's k-means from the best of `nInit` k-means++ starts (lowest inertia). */
export function kMeans(data: ArrayLike<number>, n: number, dim: number, k: number, options: { seed?: Seed | Rng; nInit?: number; maxIter?: number } = {}): KMeansResult {
  checkData(data, n, dim, 'kMeans');
  if (!(k >= 1 && k <= n)) throw new Error(`kMeans: k must be in 1..${n} (the number of samples), got ${k}`);
  const rng = Rng.from(options.seed);
  let best: KMeansResult | null = null;
  for (let init = 0; init < (options.nInit ?? 4); init++) {
    const centers = new Float64Array(k * dim);
    const d2 = new Float64Array(n).fill(Infinity);
    let c = rng.int(n);
    for (let j = 0; j < k; j++) {
      for (let d = 0; d < dim; d++) centers[j * dim + d] = data[c * dim + d];
      let total = 0;
      for (let i = 0; i < n; i++) { d2[i] = Math.min(d2[i], squaredDistance(data, i, centers, j, dim)); total += d2[i]; }
      if (j + 1 < k) {
        let r = rng.float() * total;
        c = n - 1;
        for (let i = 0; i < n; i++) { r -= d2[i]; if (r < 0) { c = i; break; } }
      }
    }
    const labels = new Int32Array(n);
    let inertia = 0, it = 0;
    for (; it < (options.maxIter ?? 100); it++) {
      let changed = it === 0;
      inertia = 0;
      for (let i = 0; i < n; i++) {
        let bj = 0, bd = Infinity;
        for (let j = 0; j < k; j++) { const dd = squaredDistance(data, i, centers, j, dim); if (dd < bd) { bd = dd; bj = j; } }
        if (labels[i] !== bj) { labels[i] = bj; changed = true; }
        inertia += bd;
      }
      if (!changed) break;
      const counts = new Float64Array(k);
      centers.fill(0);
      for (let i = 0; i < n; i++) { counts[labels[i]]++; for (let d = 0; d < dim; d++) centers[labels[i] * dim + d] += data[i * dim + d]; }
      for (let j = 0; j < k; j++) {
        if (counts[j] === 0) { const far = rng.int(n); for (let d = 0; d < dim; d++) centers[j * dim + d] = data[far * dim + d]; continue; }
        for (let d = 0; d < dim; d++) centers[j * dim + d] /= counts[j];
      }
    }
    if (!best || inertia < best.inertia) best = { labels, centers, inertia, iterations: it };
  }
  return best as KMeansResult;
}

/**
 * Average-linkage agglomerative clustering into k clusters (Lance–Williams updates on a
 * Euclidean distance matrix; O(n²) memory — meant for evaluation sets of a few thousand).
 */
export function agglomerative(data: ArrayLike<number>, n: number, dim: number, k: number): Int32Array {
  checkData(data, n, dim, 'agglomerative');
  if (!(k >= 1 && k <= n)) throw new Error(`agglomerative: k must be in 1..${n}, got ${k}`);
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) { const d = Math.sqrt(squaredDistance(data, i, data, j, dim)); D[i * n + j] = d; D[j * n + i] = d; }
  const size = new Float64Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const nn = new Int32Array(n), nnd = new Float64Array(n);
  const refresh = (i: number) => {
    nnd[i] = Infinity; nn[i] = -1;
    for (let j = 0; j < n; j++) if (j !== i && active[j] && D[i * n + j] < nnd[i]) { nnd[i] = D[i * n + j]; nn[i] = j; }
  };
  for (let i = 0; i < n; i++) refresh(i);
  for (let clusters = n; clusters > k; clusters--) {
    let a = -1;
    for (let i = 0; i < n; i++) if (active[i] && (a < 0 || nnd[i] < nnd[a])) a = i;
    const b = nn[a];
    // Merge b into a: d(x, a∪b) = (|a| d(x,a) + |b| d(x,b)) / (|a| + |b|).
    for (let x = 0; x < n; x++) {
      if (!active[x] || x === a || x === b) continue;
      const d = (size[a] * D[x * n + a] + size[b] * D[x * n + b]) / (size[a] + size[b]);
      D[x * n + a] = d; D[a * n + x] = d;
    }
    size[a] += size[b]; active[b] = 0; parent[b] = a;
    for (let x = 0; x < n; x++) {
      if (!active[x]) continue;
      if (x === a || nn[x] === a || nn[x] === b) refresh(x);
      else if (D[x * n + a] < nnd[x]) { nnd[x] = D[x * n + a]; nn[x] = a; }
    }
  }
  const root = (i: number): number => { while (parent[i] !== i) i = parent[i]; return i; };
  const ids = new Map<number, number>();
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) { const r = root(i); if (!ids.has(r)) ids.set(r, ids.size); labels[i] = ids.get(r) as number; }
  return labels;
}

function contingency(truth: ArrayLike<number>, pred: ArrayLike<number>): { table: Map<string, number>; a: Map<number, number>; b: Map<number, number>; n: number } {
  if (truth.length !== pred.length) throw new Error(`clustering metrics: ${truth.length} true labels but ${pred.length} cluster labels`);
  const table = new Map<string, number>(), a = new Map<number, number>(), b = new Map<number, number>();
  for (let i = 0; i < truth.length; i++) {
    const key = `${truth[i]},${pred[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    a.set(truth[i], (a.get(truth[i]) ?? 0) + 1);
    b.set(pred[i], (b.get(pred[i]) ?? 0) + 1);
  }
  return { table, a, b, n: truth.length };
}

const entropy = (counts: Iterable<number>, n: number) => { let h = 0; for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n); return h; };
const comb2 = (x: number) => (x * (x - 1)) / 2;

/** Normalised mutual information, MI / mean(H(truth), H(pred)); 1 when both are one cluster. */
export function nmi(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  const { table, a, b, n } = contingency(truth, pred);
  const ha = entropy(a.values(), n), hb = entropy(b.values(), n);
  if (ha === 0 && hb === 0) return 1;
  let mi = 0;
  for (const [key, c] of table) {
    const [t, p] = key.split(',').map(Number);
    mi += (c / n) * Math.log((n * c) / ((a.get(t) as number) * (b.get(p) as number)));
  }
  return mi / ((ha + hb) / 2);
}

/** Adjusted Rand index (Hubert & Arabie). */
export function adjustedRandIndex(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  const { table, a, b, n } = contingency(truth, pred);
  let sumComb = 0, sumA = 0, sumB = 0;
  for (const c of table.values()) sumComb += comb2(c);
  for (const c of a.values()) sumA += comb2(c);
  for (const c of b.values()) sumB += comb2(c);
  const expected = (sumA * sumB) / comb2(n);
  const max = (sumA + sumB) / 2;
  return max === expected ? 1 : (sumComb - expected) / (max - expected);
}

/** Share of samples whose cluster's majority identity is their own. */
export function purity(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  const { table, n } = contingency(truth, pred);
  const best = new Map<number, number>();
  for (const [key, c] of table) { const p = Number(key.split(',')[1]); best.set(p, Math.max(best.get(p) ?? 0, c)); }
  let s = 0;
  for (const v of best.values()) s += v;
  return s / n;
}

/** Pairwise precision/recall/F1 over all sample pairs. */
export function pairwiseScores(truth: ArrayLike<number>, pred: ArrayLike<number>): { precision: number; recall: number; f1: number } {
  const { table, a, b } = contingency(truth, pred);
  let tp = 0, predPairs = 0, truePairs = 0;
  for (const c of table.values()) tp += comb2(c);
  for (const c of b.values()) predPairs += comb2(c);
  for (const c of a.values()) truePairs += comb2(c);
  const precision = predPairs ? tp / predPairs : 0, recall = truePairs ? tp / truePairs : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export interface ClusteringScores { nmi: number; ari: number; purity: number; pairwise: { precision: number; recall: number; f1: number } }

export function clusteringScores(truth: ArrayLike<number>, pred: ArrayLike<number>): ClusteringScores {
  return { nmi: nmi(truth, pred), ari: adjustedRandIndex(truth, pred), purity: purity(truth, pred), pairwise: pairwiseScores(truth, pred) };
}
