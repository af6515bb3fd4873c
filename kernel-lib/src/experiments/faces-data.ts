/**
 * The face data every image stage of the study shares: the embedded procedural identity faces
 * (or a user's identity-folder set from `config.data.faces`), split by identity into training
 * and held-out identities, as in-memory tensors with training labels renumbered 0..K−1.
 */
import * as tf from '../tf';
import { proceduralFaces } from '../faces';
import { identityFolder, splitByIdentity, type ImageDataset } from '../images';
import type { LabelledImages } from '../facenet';
import type { ProfileName, StudyConfig } from './config';

export interface FaceSizes { size: number; trainIdentities: number; testIdentities: number; perIdentity: number }

export const FACE_SIZES: Record<ProfileName, FaceSizes> = {
  ci: { size: 16, trainIdentities: 16, testIdentities: 20, perIdentity: 6 },
  default: { size: 32, trainIdentities: 60, testIdentities: 30, perIdentity: 12 },
  full: { size: 64, trainIdentities: 1000, testIdentities: 200, perIdentity: 20 },
};

export interface StudyFaces {
  source: string;
  dataset: ImageDataset;
  train: LabelledImages;
  test: LabelledImages;
  classNames: string[];
  size: number;
}

async function toLabelled(ds: ImageDataset, renumber: boolean): Promise<LabelledImages> {
  const images = await ds.toTensor();
  if (!renumber) return { images, labels: Int32Array.from(ds.labels) };
  const ids = [...new Set(ds.labels)].sort((a, b) => a - b);
  const index = new Map(ids.map((id, i) => [id, i]));
  return { images, labels: Int32Array.from(ds.labels, (l) => index.get(l) as number) };
}

/** Loads (or renders) the study's faces; the caller disposes `train.images` and `test.images`. */
export async function loadStudyFaces(config: StudyConfig, seed: number): Promise<StudyFaces> {
  const sizes = FACE_SIZES[config.profile];
  let dataset: ImageDataset, source: string;
  if (config.data?.faces) {
    dataset = await identityFolder(config.data.faces, { size: sizes.size, channels: 3, range: '[-1,1]', minImagesPerIdentity: 2 });
    source = `identity folder ${config.data.faces}`;
  } else {
    const identities = sizes.trainIdentities + sizes.testIdentities;
    dataset = proceduralFaces({ identities, imagesPerIdentity: sizes.perIdentity, size: sizes.size, seed, storage: 'memory' });
    source = `procedural identity faces (${identities} identities × ${sizes.perIdentity} images, ${sizes.size} px, seed ${seed})`;
  }
  const nIds = new Set(dataset.labels).size;
  const testFraction = config.data?.faces ? Math.min(0.5, Math.max(20 / nIds, 0.2)) : sizes.testIdentities / nIds;
  const { train, test } = splitByIdentity(dataset, { testFraction, seed });
  return {
    source, dataset, train: await toLabelled(train, true), test: await toLabelled(test, false),
    classNames: [...dataset.classNames], size: sizes.size,
  };
}

export function disposeStudyFaces(f: StudyFaces): void {
  tf.dispose([f.train.images, f.test.images]);
}
