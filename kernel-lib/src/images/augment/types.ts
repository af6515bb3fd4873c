/** The augmentation contract: a named, seeded, batched tensor → tensor step. */
import type { Tensor4D } from '../../tf';
import type { Rng } from '../../random';
import type { ImageRange } from '../types';

export interface Augmentation {
  readonly name: string;
  /**
   * Returns a new tensor of the same shape and range; draws every per-image parameter from
   * `rng` (advancing it), so the same rng state gives the same augmentation. Does not dispose
   * `images`; call inside `tf.tidy` or through `augment`, which does.
   */
  apply(images: Tensor4D, rng: Rng, range: ImageRange): Tensor4D;
}

/** A `[min, max]` range or a single value meaning [v, v]. */
export type Span = number | readonly [number, number];

export function span(v: Span): [number, number] {
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

export function checkProbability(name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name}: p must be in [0, 1], got ${p}`);
}

export function check4d(name: string, images: Tensor4D): void {
  if (images.rank !== 4) throw new Error(`${name}: expected images [N, H, W, C], got shape [${images.shape.join(', ')}]`);
}

export const rangeBounds = (range: ImageRange): [number, number] => (range === '[-1,1]' ? [-1, 1] : [0, 1]);
