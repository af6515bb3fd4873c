/** The generic trainer: `train(model, data, options)` for any `TrainStep`, with checkpoints and a live view. */
export { train, DivergenceError } from './trainer';
export type { TrainOptions, TrainResult, TrainCallbacks } from './trainer';
export type { TrainStep, StepContext, Metrics, ChartGroup } from './types';
export { datasetBatches, tensorBatches } from './data';
export type { BatchSource } from './data';
export { saveCheckpoint, loadCheckpoint, listCheckpoints, checkpointPath } from './checkpoint';
export type { CheckpointMeta } from './checkpoint';
export type { History } from './history';
export { TrainingView, toRawImages } from './view';
export type { SampleFrame, ViewMode } from './view';
export { Adam } from './adam';
export type { AdamOptions } from './adam';
