/**
 * Synthetic-face strategies for the data-organization experiment. Triplet loss needs to know
 * which images share an identity, so a generator's faces enter training labelled with an
 * existing identity (a class-conditional GAN), as new identities of their own (kept only where
 * the embedding being trained agrees), or as identity-less negatives.
 */
import * as tf from '../tf';
import type { Gan } from '../models/gan';
import { bestAccuracyThreshold } from '../metrics/verification';
import { squaredDistance } from '../metrics/identification';
import type { Rng } from '../random';
import type { EmbeddingContext, SyntheticFaces, SyntheticImages } from './organization';

/** Images of existing identities from a class-conditional GAN (conditional BN + projection D). */
export function conditionalGanFaces(gan: Gan, name = 'conditional SAGAN'): SyntheticFaces {
  if (gan.numClasses === 0) throw new Error('conditionalGanFaces: the GAN is unconditional; train it with numClasses = the number of training identities');
  return {
    name, kind: 'conditional',
    description: 'a class-conditional GAN draws new images of the training identities; they join those identities\' images',
    generate(n, identities, rng) {
      for (const id of identities) {
        if (id < 0 || id >= gan.numClasses) throw new Error(`conditionalGanFaces: identity ${id} is outside the GAN's ${gan.numClasses} classes`);
      }
      return gan.sample(n, rng.seedInt(), identities);
    },
  };
}

/** GAN faces used only as negatives (no identity), from any GAN. */
export function negativeGanFaces(gan: Gan, name = 'GAN negatives'): SyntheticFaces {
  return {
    name, kind: 'negatives',
    description: 'GAN faces with no identity label, mixed into each batch as extra negatives only',
    generate(n, _identities, rng) {
      const labels = gan.numClasses > 0 ? Int32Array.from({ length: n }, () => rng.int(gan.numClasses)) : undefined;
      return gan.sample(n, rng.seedInt(), labels);
    },
  };
}

/** Any function of identities → images as a strategy (e.g. a renderer, a user's generator). */
export function syntheticFromFunction(name: string, kind: SyntheticFaces['kind'], description: string, generate: (identities: Int32Array, seed: number) => tf.Tensor4D): SyntheticFaces {
  return { name, kind, description, generate: (_n, identities, rng) => generate(identities, rng.seedInt()) };
}

export interface NewIdentityOptions {
  /** Images of each new identity (default 4). */
  imagesPerIdentity: number;
  /** Candidate identities drawn per identity needed (default 3): the filter keeps the ones that agree. */
  oversample: number;
  /** Spread of an identity's latents around its anchor (default 0.35). */
  spread: number;
  /** Share of the training steps run on real faces before the new identities are made (default 0.3). */
  warmup: number;
  name: string;
}

/**
 * New synthetic identities, strategy (b): each candidate identity is a point in the generator's
 * latent space — an anchor z with its images at small perturbations around it, and for a
 * class-conditional GAN also a random mix of two training classes' conditioning. The embedding being trained (after a real-only warm-up) decides what is kept: with τ
 * the squared-distance threshold that best separates same/different pairs of real training
 * images (balanced accuracy: different pairs far outnumber same ones), an identity is kept when
 * its images' mean pair distance is under τ and its mean distance to every real identity and
 * every identity kept before it is over τ.
 */
export function newIdentityGanFaces(gan: Gan, options: Partial<NewIdentityOptions> = {}): SyntheticFaces {
  const o: NewIdentityOptions = { imagesPerIdentity: 4, oversample: 3, spread: 0.35, warmup: 0.3, name: 'GAN new identities', ...options };
  if (!(o.imagesPerIdentity >= 2)) throw new RangeError(`newIdentityGanFaces: imagesPerIdentity must be at least 2, got ${o.imagesPerIdentity}`);
  if (!(o.oversample >= 1)) throw new RangeError(`newIdentityGanFaces: oversample must be at least 1, got ${o.oversample}`);
  if (!(o.warmup >= 0 && o.warmup < 1)) throw new RangeError(`newIdentityGanFaces: warmup must be in [0, 1), got ${o.warmup}`);
  const conditional = gan.numClasses > 0;
  return {
    name: o.name, kind: 'new-identities', warmup: o.warmup,
    description: `new identities (latent anchors ± ${o.spread}${conditional ? ' with mixes of two classes\' conditioning' : ''}, ${o.imagesPerIdentity} images each), kept where the embedding trained on real faces agrees`,
    /** Whole identities: up to ⌈n / K⌉ · K images. */
    generate(n, _identities, rng, context) {
      if (!context) throw new Error('newIdentityGanFaces: needs the embedding being trained (run it through compareDataOrganizations)');
      const K = o.imagesPerIdentity;
      const candidates = Math.ceil(n / K) * o.oversample;
      const images = drawCandidates(gan, candidates, K, o.spread, rng);
      try {
        const { kept, rejected, tau } = agreeingIdentities(context, context.embed(images), candidates, K, Math.ceil(n / K));
        const rows = kept.flatMap((c) => Array.from({ length: K }, (_, k) => c * K + k));
        const labels = Int32Array.from(rows, (r) => context.firstNewLabel + kept.indexOf(Math.floor(r / K)));
        const out: SyntheticImages = {
          images: tf.tidy(() => tf.gather(images, tf.tensor1d(Int32Array.from(rows), 'int32'))),
          labels,
          note: `${kept.length} of ${candidates} candidate identities kept (${rows.length} images); turned down: ${rejected.spread} too spread, ` +
            `${rejected.real} like a real identity, ${rejected.repeat} like a kept one (τ = ${tau.toFixed(3)})`,
        };
        return out;
      } finally {
        images.dispose();
      }
    },
  };
}

/**
 * candidates × K images, identity-major. Every identity's images share an anchor latent (± `spread`);
 * a conditional GAN also gets one class mix per identity: weight t on class a, 1 − t on class b
 * (a ≠ b, t in [0.3, 0.7]).
 */
function drawCandidates(gan: Gan, candidates: number, K: number, spread: number, rng: Rng): tf.Tensor4D {
  const n = candidates * K, dim = gan.latentDim;
  const anchors = rng.fillNormal(new Float32Array(candidates * dim));
  const z = rng.fillNormal(new Float32Array(n * dim), 0, spread);
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) z[i * dim + d] += anchors[Math.floor(i / K) * dim + d];
  let mix: Float32Array | null = null;
  if (gan.numClasses > 0) {
    mix = new Float32Array(n * gan.numClasses);
    for (let c = 0; c < candidates; c++) {
      const a = rng.int(gan.numClasses);
      const b = gan.numClasses > 1 ? (a + 1 + rng.int(gan.numClasses - 1)) % gan.numClasses : a;
      const t = rng.uniform(0.3, 0.7);
      for (let k = 0; k < K; k++) {
        mix[(c * K + k) * gan.numClasses + a] += t;
        mix[(c * K + k) * gan.numClasses + b] += 1 - t;
      }
    }
  }
  const zt = tf.tensor2d(z, [n, dim]);
  const classMix = mix ? tf.tensor2d(mix, [n, gan.numClasses]) : undefined;
  try {
    return gan.generate(zt, undefined, classMix ? { classMix } : {});
  } finally {
    tf.dispose([zt, ...(classMix ? [classMix] : [])]);
  }
}

/** Means of unit-norm embeddings per group: for unit vectors, mean pair distance = 2 − 2 āᵀb̄. */
function groupMeans(e: Float32Array, dim: number, groups: ArrayLike<number>, count: number): { means: Float64Array; sizes: Int32Array } {
  const means = new Float64Array(count * dim), sizes = new Int32Array(count);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    sizes[g]++;
    for (let d = 0; d < dim; d++) means[g * dim + d] += e[i * dim + d];
  }
  for (let g = 0; g < count; g++) for (let d = 0; d < dim; d++) means[g * dim + d] /= Math.max(1, sizes[g]);
  return { means, sizes };
}

function dot(a: Float64Array, i: number, b: Float64Array, j: number, dim: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) s += a[i * dim + d] * b[j * dim + d];
  return s;
}

/**
 * Indices of the candidate identities kept (at most `want`), in draw order, and how many were
 * turned down for each reason: images too spread, too close to a real identity, or to a kept one.
 */
function agreeingIdentities(context: EmbeddingContext, candidateEmbeddings: Float32Array, candidates: number, K: number, want: number): { kept: number[]; rejected: { spread: number; real: number; repeat: number }; tau: number } {
  const { dim, realEmbeddings, realLabels } = context;
  // τ: the threshold on squared distance that best separates same/different real pairs.
  const n = realLabels.length;
  const scores: number[] = [], same: boolean[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      scores.push(-squaredDistance(realEmbeddings, i, realEmbeddings, j, dim));
      same.push(realLabels[i] === realLabels[j]);
    }
  }
  const tau = -bestAccuracyThreshold(scores, same, { balanced: true }).threshold;
  const ids = new Map([...new Set(realLabels)].map((l, k) => [l, k] as const));
  const real = groupMeans(realEmbeddings, dim, Int32Array.from(realLabels, (l) => ids.get(l) as number), ids.size);
  const cand = groupMeans(candidateEmbeddings, dim, Int32Array.from({ length: candidates * K }, (_, i) => Math.floor(i / K)), candidates);
  const kept: number[] = [];
  const rejected = { spread: 0, real: 0, repeat: 0 };
  for (let c = 0; c < candidates && kept.length < want; c++) {
    const within = (K / (K - 1)) * 2 * (1 - dot(cand.means, c, cand.means, c, dim));
    if (!(within < tau)) { rejected.spread++; continue; }
    let apart = true;
    for (let r = 0; r < ids.size && apart; r++) apart = 2 - 2 * dot(cand.means, c, real.means, r, dim) > tau;
    if (!apart) { rejected.real++; continue; }
    for (const k of kept) if (apart) apart = 2 - 2 * dot(cand.means, c, cand.means, k, dim) > tau;
    if (!apart) { rejected.repeat++; continue; }
    kept.push(c);
  }
  return { kept, rejected, tau };
}
