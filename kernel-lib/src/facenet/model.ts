/**
 * FaceNet's embedding network, sized for CPUs: `depth` blocks of [conv 3×3, batch norm, ReLU,
 * 2×2 max-pool] with widths doubling from `width`, global average pooling, a dense layer to
 * `embeddingDim` (128) and L2 normalisation, so squared distances lie in [0, 4].
 * (The reference network of our benchmarks: widths 32/64/128/256 at 64 px.)
 */
import * as tf from '../tf';
import { Rng, type Seed } from '../random';
import { EVAL, type ForwardContext } from '../models/context';
import { BatchNorm, Conv2d, Dense } from '../models/layers';
import { ParamSet } from '../models/params';

export interface EmbeddingNetConfig {
  /** Input images are imageSize × imageSize × channels, values in [-1, 1]. */
  imageSize: number;
  channels: number;
  /** Conv blocks (each halves the resolution). */
  depth: number;
  /** Channels of the first block; each next block doubles them. */
  width: number;
  embeddingDim: number;
}

export const DEFAULT_EMBEDDING_CONFIG: EmbeddingNetConfig = { imageSize: 64, channels: 3, depth: 4, width: 32, embeddingDim: 128 };

export class EmbeddingNet {
  readonly config: EmbeddingNetConfig;
  readonly params: ParamSet;
  private readonly blocks: { conv: Conv2d; bn: BatchNorm }[] = [];
  private readonly head: Dense;

  constructor(config: Partial<EmbeddingNetConfig> & { seed?: Seed | Rng } = {}) {
    const { seed, ...rest } = config;
    this.config = { ...DEFAULT_EMBEDDING_CONFIG, ...rest };
    const { imageSize, channels, depth, width, embeddingDim } = this.config;
    if (!(imageSize >= 2 ** depth)) throw new Error(`EmbeddingNet: imageSize ${imageSize} is too small for ${depth} pooling blocks (needs ≥ ${2 ** depth})`);
    for (const [k, v] of Object.entries({ channels, depth, width, embeddingDim })) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`EmbeddingNet: ${k} must be a positive integer, got ${v}`);
    }
    this.params = new ParamSet('facenet', Rng.from(seed).derive('facenet-init'));
    let inC = channels;
    for (let i = 0; i < depth; i++) {
      const outC = width * 2 ** i;
      // Bias-free conv: the batch norm's β is the bias.
      this.blocks.push({ conv: new Conv2d(this.params, `block${i}/conv`, inC, outC, 3, 1, { bias: false }), bn: new BatchNorm(this.params, `block${i}/bn`, outC) });
      inC = outC;
    }
    this.head = new Dense(this.params, 'embedding', inC, embeddingDim);
  }

  /** Embeddings [B, embeddingDim], unit L2 norm. */
  apply(images: tf.Tensor4D, ctx: ForwardContext = EVAL): tf.Tensor2D {
    const [, h, w, c] = images.shape;
    const { imageSize, channels } = this.config;
    if (h !== imageSize || w !== imageSize || c !== channels) {
      throw new Error(`EmbeddingNet: expected images [B, ${imageSize}, ${imageSize}, ${channels}], got [${images.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      let x: tf.Tensor4D = images;
      for (const { conv, bn } of this.blocks) x = bn.applyReluPool2x(conv.apply(x, ctx), ctx);
      const pooled = tf.mean(x, [1, 2]) as tf.Tensor2D;
      const e = this.head.apply(pooled, ctx);
      return tf.div(e, tf.add(tf.norm(e, 'euclidean', 1, true), 1e-12)) as tf.Tensor2D;
    });
  }

  /** Embeds a large set in batches (inference mode), returned as one row-major Float32Array. */
  embed(images: tf.Tensor4D, batchSize = 128): Float32Array {
    const n = images.shape[0], dim = this.config.embeddingDim;
    const out = new Float32Array(n * dim);
    for (let s = 0; s < n; s += batchSize) {
      const e = tf.tidy(() => this.apply(tf.slice(images, [s, 0, 0, 0], [Math.min(batchSize, n - s), -1, -1, -1]) as tf.Tensor4D, EVAL));
      out.set(e.dataSync(), s * dim);
      e.dispose();
    }
    return out;
  }

  dispose(): void {
    this.params.dispose();
  }
}
