/**
 * `proceduralFaces`: the embedded labelled face set. Identity i's traits come from
 * `seed → "identity:i"`, image j's nuisance from `seed → "image:i:j"`, so any image renders
 * alone, in any order, to the same pixels, and growing the set never changes existing images.
 */
import { ImageDataset } from '../images/dataset';
import { ComputedSource } from '../images/source';
import { emptyReport, type ImageRange } from '../images/types';
import { Rng, type Seed } from '../random';
import { renderFace } from './render';
import { sampleIdentity, sampleVariation } from './sample';
import { DEFAULT_NUISANCE, DEFAULT_TRAITS, NUISANCE_PRESETS } from './traits';
import type { FaceIdentity, FaceTraitData, FaceVariation, NuisanceRanges } from './types';

export interface ProceduralFacesOptions {
  /** Number of identities (classes). */
  identities: number;
  imagesPerIdentity: number;
  /** Image side in pixels, ≥ 16 (default 64; 32, 64 and 128 are the usual). */
  size?: number;
  /** 3 = RGB (default), 1 = grayscale. */
  channels?: 1 | 3;
  range?: ImageRange;
  seed?: Seed | Rng;
  /** Trait palettes (default `DEFAULT_TRAITS`). */
  traits?: FaceTraitData;
  /**
   * Nuisance ranges: a preset ('easy', 'medium' = default, 'hard') or overrides of
   * `DEFAULT_NUISANCE` (narrower is easier).
   */
  nuisance?: keyof typeof NUISANCE_PRESETS | Partial<NuisanceRanges>;
  /** 'lazy' (default) renders each batch on demand; 'memory' renders every image now. */
  storage?: 'lazy' | 'memory';
}

/** The identities and per-image variations of a procedural set, for inspection. */
export interface FaceRecipe {
  identity(i: number): FaceIdentity;
  variation(i: number, j: number): FaceVariation;
}

function positiveInt(name: string, v: number, min = 1): void {
  if (!(Number.isInteger(v) && v >= min)) throw new RangeError(`proceduralFaces: ${name} must be an integer ≥ ${min}, got ${v}`);
}

/** The seeded recipe behind `proceduralFaces` (traits of identity i, nuisance of image j). */
export function faceRecipe(seed: Seed | Rng = 0, traits: FaceTraitData = DEFAULT_TRAITS, nuisance: keyof typeof NUISANCE_PRESETS | Partial<NuisanceRanges> = {}): FaceRecipe {
  const root = Rng.from(seed);
  if (typeof nuisance === 'string' && !(nuisance in NUISANCE_PRESETS)) {
    throw new RangeError(`faceRecipe: unknown nuisance preset '${nuisance}' (valid: ${Object.keys(NUISANCE_PRESETS).join(', ')})`);
  }
  const ranges = typeof nuisance === 'string' ? NUISANCE_PRESETS[nuisance] : { ...DEFAULT_NUISANCE, ...nuisance };
  return {
    identity: (i) => sampleIdentity(root.derive(`identity:${i}`), traits),
    variation: (i, j) => sampleVariation(root.derive(`image:${i}:${j}`), ranges),
  };
}

/**
 * A labelled set of rendered faces: `identities × imagesPerIdentity` images, image
 * `i·imagesPerIdentity + j` is variation j of identity i (label i, class name `id0003`).
 * @example const faces = proceduralFaces({ identities: 100, imagesPerIdentity: 20, size: 64, seed: 1 });
 */
export function proceduralFaces(options: ProceduralFacesOptions): ImageDataset {
  const { identities, imagesPerIdentity } = options;
  const size = options.size ?? 64, channels = options.channels ?? 3;
  positiveInt('identities', identities);
  positiveInt('imagesPerIdentity', imagesPerIdentity);
  positiveInt('size', size, 16);
  if (channels !== 1 && channels !== 3) throw new RangeError(`proceduralFaces: channels must be 1 or 3, got ${channels}`);
  const root = Rng.from(options.seed ?? 0);
  const recipe = faceRecipe(root, options.traits, options.nuisance);
  const people = Array.from({ length: identities }, (_, i) => recipe.identity(i));
  const count = identities * imagesPerIdentity;
  const render = (index: number, out: Uint8Array) => {
    const i = Math.floor(index / imagesPerIdentity), j = index % imagesPerIdentity;
    renderFace(people[i], recipe.variation(i, j), size, channels, root.derive(`noise:${i}:${j}`), out);
  };
  const width = String(identities - 1).length;
  const classNames = Array.from({ length: identities }, (_, i) => `id${String(i).padStart(Math.max(4, width), '0')}`);
  const report = emptyReport('(procedural faces)');
  report.imagesKept = count;
  const ds = new ImageDataset({
    source: new ComputedSource(count, size * size * channels, render),
    format: { height: size, width: size, channels, range: options.range ?? '[-1,1]' },
    labels: Int32Array.from({ length: count }, (_, k) => Math.floor(k / imagesPerIdentity)),
    classNames,
    names: Array.from({ length: count }, (_, k) => `${classNames[Math.floor(k / imagesPerIdentity)]}/${k % imagesPerIdentity}`),
    report,
  });
  if (options.storage !== 'memory') return ds;
  const pixels = new Uint8Array(count * size * size * channels);
  ds.source.readSync?.(Int32Array.from({ length: count }, (_, k) => k), pixels);
  return ImageDataset.fromBytes(pixels, ds.format, { labels: ds.labels, classNames, names: ds.names, report });
}
