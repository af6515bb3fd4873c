import type * as tf from '../tf';

/** How a forward pass runs. */
export interface ForwardContext {
  /** Batch norm uses batch statistics (true) or running ones (false). */
  training: boolean;
  /** Running statistics and spectral-norm vectors take their new values (one update per step). */
  updateStats: boolean;
  /** Class labels [B] (int32) for conditional layers. */
  labels?: tf.Tensor1D;
  /**
   * Instead of labels: class weights [B, numClasses] (rows sum to 1). Conditional layers take the
   * weighted mix of their per-class rows, i.e. a point between classes (a new identity).
   */
  classMix?: tf.Tensor2D;
  /**
   * Standing statistics: the k-th (1-based) of several passes; batch norm sets its running
   * statistics to the mean over the k passes so far (momentum 1/k), nothing else changes.
   */
  standingPass?: number;
  /** When set, attention layers push their maps [B, HW, HW/4] here (kept: the caller disposes). */
  attention?: tf.Tensor3D[];
}

export const EVAL: ForwardContext = { training: false, updateStats: false };
