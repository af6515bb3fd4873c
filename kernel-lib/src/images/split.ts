/** Seeded train/test splits: by identity (no identity on both sides) or by image (optionally per class). */
import { Rng, type Seed } from '../random';
import type { ImageDataset } from './dataset';

export interface SplitOptions {
  /** Fraction (0..1) of identities or images that go to the test side. */
  testFraction: number;
  seed?: Seed | Rng;
}

export interface Split {
  train: ImageDataset;
  test: ImageDataset;
}

function checkFraction(fn: string, f: number): void {
  if (!(f > 0 && f < 1)) throw new RangeError(`${fn}: testFraction must be in (0, 1), got ${f}`);
}

/**
 * Splits a labelled set so that train and test identities are disjoint (the face-verification
 * protocol: the model is tested on people it never saw). Labels keep their class names.
 * @example const { train, test } = splitByIdentity(faces, { testFraction: 0.2, seed: 1 });
 */
export function splitByIdentity(ds: ImageDataset, options: SplitOptions): Split {
  checkFraction('splitByIdentity', options.testFraction);
  if (!ds.labelled) throw new Error('splitByIdentity: the data set is unlabelled; use splitByImage');
  const groups = ds.classIndices();
  const present = groups.map((g, l) => (g.length > 0 ? l : -1)).filter((l) => l >= 0);
  if (present.length < 2) throw new Error(`splitByIdentity: needs at least 2 identities, the set has ${present.length}`);
  const order = Rng.from(options.seed ?? 0).derive('splitByIdentity').shuffle([...present]);
  const nTest = Math.min(present.length - 1, Math.max(1, Math.round(options.testFraction * present.length)));
  const testIds = new Set(order.slice(0, nTest));
  const train: number[] = [], test: number[] = [];
  for (let i = 0; i < ds.size; i++) (testIds.has(ds.labels[i]) ? test : train).push(i);
  return { train: ds.subset(train), test: ds.subset(test) };
}

/**
 * Splits images at random; with `stratify` (default true on labelled sets) each class is split
 * in the same proportion, so every identity appears on both sides when it has ≥ 2 images.
 */
export function splitByImage(ds: ImageDataset, options: SplitOptions & { stratify?: boolean }): Split {
  checkFraction('splitByImage', options.testFraction);
  if (ds.size < 2) throw new Error(`splitByImage: needs at least 2 images, the set has ${ds.size}`);
  const rng = Rng.from(options.seed ?? 0).derive('splitByImage');
  const groups = (options.stratify ?? ds.labelled) && ds.labelled ? ds.classIndices() : [Int32Array.from({ length: ds.size }, (_, i) => i)];
  const train: number[] = [], test: number[] = [];
  for (const g of groups) {
    const shuffled = rng.shuffle(Array.from(g));
    const nTest = shuffled.length < 2 ? 0 : Math.min(shuffled.length - 1, Math.round(options.testFraction * shuffled.length));
    test.push(...shuffled.slice(0, nTest));
    train.push(...shuffled.slice(nTest));
  }
  train.sort((a, b) => a - b);
  test.sort((a, b) => a - b);
  return { train: ds.subset(train), test: ds.subset(test) };
}
