import type * as tf from '../tf';
import type { ForwardContext } from './context';
import type { ParamSet } from './params';

/** JSON that describes how to rebuild a network (saved in model.json). */
export interface NetworkConfig {
  readonly kind: string;
  readonly imageSize: number;
  readonly channels: 1 | 3;
  readonly latentDim: number;
  readonly numClasses: number;
  readonly [key: string]: unknown;
}

/** z [B, latentDim] (+ labels) → images [B, S, S, C] in [-1, 1]. */
export interface GeneratorNet {
  readonly config: NetworkConfig;
  readonly params: ParamSet;
  apply(z: tf.Tensor2D, ctx: ForwardContext): tf.Tensor4D;
  /** γ of each attention layer, by name (empty without attention). */
  attentionGammas(): Map<string, tf.Variable>;
}

/** images [B, S, S, C] (+ labels) → logits [B]. */
export interface DiscriminatorNet {
  readonly params: ParamSet;
  /** D has batch norm: real and fake go through it separately (DCGAN), else as one batch. */
  readonly usesBatchNorm: boolean;
  apply(x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor1D;
  attentionGammas(): Map<string, tf.Variable>;
}

/** Checks a square image size 4·2^k (k ≥ 1) and returns k, the number of 2× stages from 4×4. */
export function stagesFor(imageSize: number, where: string): number {
  const k = Math.log2(imageSize / 4);
  if (!Number.isInteger(k) || k < 1 || k > 6) {
    throw new RangeError(`${where}: imageSize must be 8, 16, 32, 64, 128 or 256 (4·2^k), got ${imageSize}`);
  }
  return k;
}
