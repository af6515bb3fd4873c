/** The contract between the generic trainer and a model: one step, its state, its previews. */
import type * as tf from '../tf';
import type { Rng } from '../random';

/** Scalars a step reports (losses, D(x), γ, …), by name. */
export type Metrics = Record<string, number>;

export interface StepContext {
  /** The run's random stream (its state is checkpointed: draw everything random from it). */
  readonly rng: Rng;
  /** 0-based index of this step in the run. */
  readonly step: number;
}

/** A group of metrics drawn in one chart of the live view. */
export interface ChartGroup {
  readonly title: string;
  readonly keys: readonly string[];
}

/**
 * What the trainer needs from a model. Any model fits: a GAN, a VAE, an embedding net.
 * Everything a resumed run needs must be in `stateVariables` (weights, running statistics,
 * optimizer slots, EMA copies) or `stateJson` (counters).
 */
export interface TrainStep<B> {
  /** Runs one optimisation step; must not leak tensors; returns its metrics. */
  trainStep(batch: B, ctx: StepContext): Metrics;
  /** Every variable of the model's state, by a name stable across instances of the same config. */
  stateVariables(): Map<string, tf.Variable>;
  /** Plain-number state besides the variables (e.g. optimizer step counts). */
  stateJson(): Record<string, number>;
  loadStateJson(state: Record<string, number>): void;
  /** Images to show while training, from inputs fixed by `seed` (the same every call). */
  preview?(count: number, seed: number): tf.Tensor4D;
  /** How metrics group into charts (default: one chart with everything). */
  chartGroups?(): ChartGroup[];
}
