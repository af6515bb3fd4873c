/**
 * `train(model, data, options)`: the generic loop. Any `TrainStep` (GAN, VAE, embedding net)
 * trains on an `ImageDataset` or any `BatchSource`, with a live view, periodic sample grids,
 * atomic checkpoints (K kept), exact resume, and a divergence guard.
 */
import * as tf from '../tf';
import { ImageDataset } from '../images/dataset';
import { Rng, type Seed } from '../random';
import { listCheckpoints, loadCheckpoint, saveCheckpoint } from './checkpoint';
import { datasetBatches, isBatchSource, type BatchSource } from './data';
import { emptyHistory, record, type History } from './history';
import type { Metrics, TrainStep } from './types';
import { toRawImages, TrainingView, type SampleFrame, type ViewMode } from './view';

export interface TrainCallbacks {
  /** After every step, with its metrics. Return `false` to stop the run (after this step). */
  onStep?(step: number, metrics: Metrics): void | boolean;
  /** After the last step of each epoch (1-based epoch count). */
  onEpochEnd?(epoch: number, history: History): void | Promise<void>;
  /** After a sample grid was drawn (the tensor is disposed after the callback). */
  onSamples?(step: number, images: tf.Tensor4D): void;
  onCheckpoint?(path: string, step: number): void;
}

export interface TrainOptions {
  /** Length of the run, in epochs (full batches of the data) … */
  epochs?: number;
  /** … or in steps (wins over `epochs`). Counts from step 0, including resumed steps. */
  steps?: number;
  batchSize: number;
  /** Seed of the run: data order, latents, noise. Default 0. */
  seed?: Seed;
  /** Folder for checkpoints; none are written without it. */
  checkpointDir?: string;
  /** Steps between checkpoints (default: one per epoch); one is always written at the end. */
  checkpointEvery?: number;
  /** Checkpoints kept (default 3). */
  keepCheckpoints?: number;
  /** Continue from the latest checkpoint in `checkpointDir` (true) or from a given folder. */
  resume?: boolean | string;
  /** Steps between sample grids (default: one per epoch); 0 = none. */
  sampleEvery?: number;
  /** Images per sample grid (default 16). */
  sampleCount?: number;
  /** Sample grids kept in the view and the result (default 200; the oldest go first). */
  maxFrames?: number;
  view?: ViewMode;
  /** Name shown in the view (default 'training'). */
  label?: string;
  callbacks?: TrainCallbacks;
  /** Extra metrics every `every` steps (e.g. `gan.generatorSharpness()`), recorded in the history. */
  monitors?: { every: number; compute: (step: number) => Metrics }[];
}

export interface TrainResult {
  history: History;
  /** Steps done in total (including steps before a resume). */
  steps: number;
  frames: SampleFrame[];
  /** The last checkpoint written (or resumed from), if any. */
  checkpoint: string | null;
}

/** Thrown when a step reports a NaN or infinite metric; the model's weights are not saved. */
export class DivergenceError extends Error {
  constructor(message: string, readonly step: number, readonly metrics: Metrics, readonly history: History, readonly checkpoint: string | null) {
    super(message);
    this.name = 'DivergenceError';
  }
}

function restoreNaNs(history: History): History {
  for (const k of Object.keys(history.metrics)) history.metrics[k] = history.metrics[k].map((v) => (v === null ? NaN : v));
  return history;
}

/**
 * Trains `model` on `data`.
 * @example
 * const gan = sagan({ imageSize: 32, seed: 1 });
 * const { history } = await train(gan, faces, { epochs: 20, batchSize: 64, seed: 1, checkpointDir: 'runs/sagan' });
 */
export async function train<B>(model: TrainStep<B>, data: BatchSource<B> | ImageDataset, options: TrainOptions): Promise<TrainResult> {
  const { batchSize } = options;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new RangeError(`train: batchSize must be a positive integer, got ${batchSize}`);
  const seed = options.seed ?? 0;
  const source = (data instanceof ImageDataset ? datasetBatches(data, seed) : data) as BatchSource<B>;
  if (!(data instanceof ImageDataset) && !isBatchSource(data)) throw new TypeError('train: data must be an ImageDataset or a BatchSource');
  const perEpoch = source.batchesPerEpoch(batchSize);
  const total = options.steps ?? (options.epochs ?? 1) * perEpoch;
  if (!(Number.isInteger(total) && total >= 0)) throw new RangeError(`train: steps/epochs must give a whole number of steps ≥ 0, got ${total}`);
  const keep = options.keepCheckpoints ?? 3;
  const checkpointEvery = options.checkpointEvery ?? perEpoch;
  const sampleEvery = options.sampleEvery ?? perEpoch;
  const sampleCount = options.sampleCount ?? 16;
  const previewSeed = Rng.from(seed).derive('preview').seedInt();

  let rng = Rng.from(seed).derive('train');
  let history = emptyHistory();
  let start = 0;
  let lastCheckpoint: string | null = null;
  if (options.resume) {
    const path = typeof options.resume === 'string' ? options.resume : options.checkpointDir ? listCheckpoints(options.checkpointDir).pop() : undefined;
    if (!path && typeof options.resume !== 'string' && !options.checkpointDir) throw new Error('train: resume: true needs checkpointDir');
    if (path) {
      const meta = loadCheckpoint(path, model);
      rng = Rng.fromState(meta.rng);
      history = restoreNaNs(meta.history);
      start = meta.step;
      lastCheckpoint = path;
    }
  }

  const label = options.label ?? 'training';
  const view = new TrainingView(options.view ?? 'auto', label, total, start, model.chartGroups?.() ?? []);
  const frames: SampleFrame[] = [];
  const drawSamples = (step: number) => {
    if (!model.preview) return;
    const images = model.preview(sampleCount, previewSeed);
    const epoch = step / perEpoch;
    frames.push({ step, label: `step ${step} (epoch ${Number.isInteger(epoch) ? epoch : epoch.toFixed(2)})`, images: toRawImages(images) });
    if (frames.length > (options.maxFrames ?? 200)) frames.splice(1, 1); // keep the very first frame for comparison
    options.callbacks?.onSamples?.(step, images);
    images.dispose();
    view.samples(frames);
  };
  const checkpoint = async (step: number) => {
    if (!options.checkpointDir) return;
    lastCheckpoint = await saveCheckpoint(options.checkpointDir, model, { step, rng: rng.state(), history }, keep);
    options.callbacks?.onCheckpoint?.(lastCheckpoint, step);
  };

  if (sampleEvery > 0 && start === 0) drawSamples(0);
  let step = start;
  try {
    while (step < total) {
      const epoch = Math.floor(step / perEpoch), index = step % perEpoch;
      const batch = await source.batch(epoch, index, batchSize);
      let metrics: Metrics;
      try {
        metrics = model.trainStep(batch, { rng, step });
      } finally {
        source.release(batch);
      }
      const bad = Object.entries(metrics).find(([, v]) => !Number.isFinite(v));
      if (bad) {
        view.finish({ stopped: `${bad[0]}=${bad[1]}` });
        throw new DivergenceError(
          `train: step ${step} gave ${bad[0]} = ${bad[1]}; the run stopped. ` +
          (lastCheckpoint ? `The last good checkpoint is ${lastCheckpoint} (resume from it with lower learning rates). ` : 'No checkpoint was written (set checkpointDir to keep one). ') +
          'The model in memory holds the diverged weights.',
          step, metrics, history, lastCheckpoint,
        );
      }
      step++;
      for (const m of options.monitors ?? []) if (step % m.every === 0) metrics = { ...metrics, ...m.compute(step) };
      record(history, step, metrics);
      const endOfEpoch = step % perEpoch === 0;
      if (endOfEpoch) history.epochEnds.push(step);
      view.step(history, metrics, step === total);
      if (sampleEvery > 0 && (step % sampleEvery === 0 || step === total)) drawSamples(step);
      if (step % checkpointEvery === 0 || step === total) await checkpoint(step);
      if (endOfEpoch) await options.callbacks?.onEpochEnd?.(step / perEpoch, history);
      if (options.callbacks?.onStep?.(step, metrics) === false) break;
      // Let the event loop run between steps: a notebook kernel sends the live view's updates (and
      // answers its heartbeat) only then; without it they queue up until the socket refuses more.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    view.finish();
  }
  return { history, steps: step, frames, checkpoint: lastCheckpoint };
}
