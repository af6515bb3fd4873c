/**
 * Seeded, batched image augmentation on tfjs tensors (the article's "augmented data" arm).
 * Each step draws its own parameters per image from the Rng it is given; `compose` hands each
 * step a split of the caller's Rng, so one seed reproduces a whole training run's augmentations.
 */
import * as tf from '../../tf';
import { Rng, type Seed } from '../../random';
import type { ImageRange } from '../types';
import { colorJitter, cutout, gaussianBlur, gaussianNoise } from './photometric';
import { flipHorizontal, randomResizedCrop, rotate } from './geometric';
import type { Augmentation } from './types';

export { flipHorizontal, randomResizedCrop, rotate, affineWarp } from './geometric';
export type { RandomResizedCropOptions, RotateOptions } from './geometric';
export { colorJitter, gaussianBlur, gaussianNoise, cutout } from './photometric';
export type { ColorJitterOptions, GaussianBlurOptions, GaussianNoiseOptions, CutoutOptions } from './photometric';
export type { Augmentation, Span } from './types';

/** Runs steps in order, each with its own split of the rng. */
export function compose(...steps: Augmentation[]): Augmentation {
  return {
    name: steps.map((s) => s.name).join(' → ') || 'identity',
    apply: (images, rng, range) => tf.tidy(() => {
      let x = images;
      for (const s of steps) x = s.apply(x, rng.split(), range);
      return x === images ? tf.clone(images) : x;
    }),
  };
}

/** A sensible face pipeline: flip, mild crop, ±8° rotation, colour jitter, and sometimes blur, noise, cutout. */
export function defaultAugmentation(): Augmentation {
  return compose(
    flipHorizontal(), randomResizedCrop({ scale: [0.75, 1] }), rotate({ maxDegrees: 8 }),
    colorJitter({ brightness: 0.25, contrast: 0.25, saturation: 0.25 }),
    gaussianBlur({ p: 0.2 }), gaussianNoise({ p: 0.2 }), cutout({ p: 0.25 }),
  );
}

/**
 * Applies `augmentation` to a batch [N,H,W,C] in `range`; the caller keeps ownership of `images`
 * and disposes the result. Pass the same Rng across batches: it advances, so batches differ
 * while a fixed seed repeats the whole sequence.
 * @example const aug = defaultAugmentation(); const rng = new Rng(1).derive('augment');
 *          for (...) { const x = augment(batch.images, aug, rng); ... x.dispose(); }
 */
export function augment(images: tf.Tensor4D, augmentation: Augmentation, seed: Seed | Rng, range: ImageRange = '[-1,1]'): tf.Tensor4D {
  return tf.tidy(() => augmentation.apply(images, Rng.from(seed), range));
}
