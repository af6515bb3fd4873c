/**
 * Synthlab: make and judge synthetic training data in TypeScript.
 * The public API; each capability lives in its own folder and is re-exported here.
 */
export * as random from './random';
export { Rng } from './random';
export type { Seed, RngState } from './random';
export * as backend from './backend';
export {
  display, liveDisplay, useNotebookDisplay, inNotebook, pendingDisplays, RichOutput, MIME, validatePayload, imageGrid, imageGridFrames,
  lineChart, scatter, svgChart, progress, Progress, encodePng,
} from './display';
export type {
  DisplayHandle, MimeBundle, ImagesInput, RawImage, ImageGridOptions, SeriesInput, LineChartOptions, ScatterOptions, ProgressOptions,
  ImageGridPayload, TrainingCurvesPayload, ScatterPayload, TablePayload,
} from './display';
export * as tabular from './tabular';
export { Table } from './tabular';
export * as metrics from './metrics';
export * as experiments from './experiments';
export * as facenet from './facenet';
export * as tf from './tf';
export * as copula from './copula';
export * as quality from './quality';
export * as images from './images';
export * as faces from './faces';
export * as datasets from './datasets';
export * as linear from './linear';
export * as models from './models';
export * as training from './training';
