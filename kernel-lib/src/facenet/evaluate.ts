/**
 * Everything the article (and a face-recognition reader) asks of an embedding, on held-out
 * identities: LFW-protocol verification, closed-set identification (CMC), clustering, the
 * classification-style metrics of the article's Table 1 (from the verification decisions at
 * each fold's threshold), and the held-out triplet loss.
 */
import {
  agglomerative, binaryReport, clusteringScores, gallerySplit, identification, kMeans, makeVerificationPairs,
  verificationProtocol, CLASSIFICATION_DEFINITIONS, type ClusteringScores, type IdentificationResult, type VerificationResult,
} from '../metrics';
import { Rng, type Seed } from '../random';
import { tripletStats } from './triplet';

export interface EmbeddingEvaluation {
  verification: Omit<VerificationResult, 'roc'>;
  /** Same/different decisions scored as a binary classifier (positives = same identity). */
  classification: { precision: number; recall: number; f1: number; accuracy: number; specificity: number; definitions: string };
  identification: IdentificationResult;
  clustering: { kMeans: ClusteringScores; agglomerative: ClusteringScores };
  /** Triplet loss (batch-all mean over every valid triplet, margin α) and triplet accuracy on held-out data. */
  triplet: { loss: number; accuracy: number; activeFraction: number };
  roc: { fpr: number[]; tpr: number[] };
}

export interface EvaluateOptions {
  seed?: Seed | Rng;
  margin?: number;
  folds?: number;
  pairsPerFold?: number;
}

const TRIPLET_SAMPLE = 400;

function sqDist(e: Float32Array, dim: number, i: number, j: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) { const t = e[i * dim + d] - e[j * dim + d]; s += t * t; }
  return s;
}

/**
 * Scores embeddings [n, dim] (row-major) of images with identity `labels`.
 * Needs ≥ 2·folds identities with ≥ 2 images each (verification) and ≥ 2 images per identity.
 */
export function evaluateEmbeddings(embeddings: Float32Array, labels: Int32Array, dim: number, options: EvaluateOptions = {}): EmbeddingEvaluation {
  const n = labels.length;
  if (embeddings.length !== n * dim) throw new Error(`evaluateEmbeddings: ${embeddings.length} values for ${n} images × ${dim} dimensions`);
  const rng = Rng.from(options.seed);
  const margin = options.margin ?? 0.2;
  const pairs = makeVerificationPairs(labels, { folds: options.folds ?? 10, pairsPerFold: options.pairsPerFold ?? 600, seed: rng.derive('pairs') });
  // Similarity = −squared distance (embeddings are unit vectors: distance in [0, 4]).
  const scores = Array.from(pairs.a, (a, i) => -sqDist(embeddings, dim, a, pairs.b[i]));
  const verification = verificationProtocol(scores, pairs);
  const predicted = scores.map((s, i) => s >= verification.thresholds[pairs.fold[i]]);
  const bin = binaryReport(pairs.same, predicted);
  const { gallery, probe } = gallerySplit(labels, { seed: rng.derive('gallery') });
  const pick = (idx: Int32Array) => {
    const e = new Float32Array(idx.length * dim);
    idx.forEach((j, r) => e.set(embeddings.subarray(j * dim, (j + 1) * dim), r * dim));
    return { embeddings: e, labels: Int32Array.from(idx, (j) => labels[j]) };
  };
  const ident = identification(pick(gallery), pick(probe), dim, 10);
  const k = new Set(labels).size;
  const km = kMeans(embeddings, n, dim, k, { seed: rng.derive('kmeans') });
  const agg = agglomerative(embeddings, n, dim, k);
  // Triplets grow as n³: above TRIPLET_SAMPLE images they are scored on a seeded subsample.
  const sub = n > TRIPLET_SAMPLE ? Array.from(rng.derive('triplets').permutation(n).subarray(0, TRIPLET_SAMPLE)).sort((x, y) => x - y) : Array.from({ length: n }, (_, i) => i);
  const m = sub.length;
  const subLabels = Int32Array.from(sub, (i) => labels[i]);
  const dist = new Float32Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) dist[i * m + j] = sqDist(embeddings, dim, sub[i], sub[j]);
  const ts = tripletStats(dist, subLabels, margin);
  let lossSum = 0, count = 0;
  for (let a = 0; a < m; a++) for (let p = 0; p < m; p++) {
    if (p === a || subLabels[p] !== subLabels[a]) continue;
    for (let q = 0; q < m; q++) if (subLabels[q] !== subLabels[a]) { lossSum += Math.max(0, dist[a * m + p] - dist[a * m + q] + margin); count++; }
  }
  const { roc, ...verificationNumbers } = verification;
  return {
    verification: verificationNumbers,
    classification: { precision: bin.precision, recall: bin.recall, f1: bin.f1, accuracy: bin.accuracy, specificity: bin.specificity, definitions: CLASSIFICATION_DEFINITIONS },
    identification: ident,
    clustering: { kMeans: clusteringScores(labels, km.labels), agglomerative: clusteringScores(labels, agg) },
    triplet: { loss: count ? lossSum / count : 0, accuracy: ts.tripletAccuracy, activeFraction: ts.activeFraction },
    roc: { fpr: roc.fpr, tpr: roc.tpr },
  };
}
