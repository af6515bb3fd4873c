/** Image data: folder and IDX loaders, the `ImageDataset` batch type, splits, disk cache, augmentation. */
export { ImageDataset, bytesToFloats } from './dataset';
export type { ImageDatasetInit, BatchOptions } from './dataset';
export { imageFolder, identityFolder } from './folder';
export type { FolderOptions, ImageFolderOptions, IdentityFolderOptions } from './folder';
export { idx, parseIdx, idxImages } from './idx';
export type { IdxArray, IdxData, IdxImagesOptions } from './idx';
export { splitByIdentity, splitByImage } from './split';
export type { Split, SplitOptions } from './split';
export { saveImageCache, openImageCache } from './cache';
export { MemorySource, IndexedSource, ComputedSource } from './source';
export type { PixelSource } from './source';
export { DEFAULT_IMAGE_FORMATS } from './decode';
export { describeReport } from './types';
export type { ImageRange, CropMode, ImageFormat, SkipReason, SkippedFile, LoadReport, ImageBatch } from './types';
export {
  affineWarp, augment, compose, defaultAugmentation, flipHorizontal, randomResizedCrop, rotate, colorJitter, gaussianBlur, gaussianNoise, cutout,
} from './augment';
export type {
  Augmentation, Span, RandomResizedCropOptions, RotateOptions, ColorJitterOptions, GaussianBlurOptions, GaussianNoiseOptions, CutoutOptions,
} from './augment';
export { identityGrid } from './grid';
export type { IdentityGridOptions } from './grid';
