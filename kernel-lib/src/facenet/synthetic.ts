/**
 * Synthetic-face strategies for the data-organization experiment. Triplet loss needs to know
 * which images share an identity, so a generator's faces enter training either labelled with
 * an existing identity (a class-conditional GAN) or as identity-less negatives.
 */
import type * as tf from '../tf';
import type { Gan } from '../models/gan';
import type { SyntheticFaces } from './organization';

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
