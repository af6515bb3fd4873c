/**
 * A small conv classifier trained in-project on the labelled real data, whose penultimate layer
 * serves as the feature space of FID/KID/precision-recall when no Inception weights are at hand
 * (the "domain-specific FID" of e.g. Kynkäänniemi et al. 2023). Trains with `train()`.
 */
import * as tf from '../../tf';
import type { ImageBatch } from '../../images/types';
import { Rng, type Seed } from '../../random';
import { EVAL, type ForwardContext } from '../../models/context';
import { BatchNorm, Conv2d, Dense } from '../../models/layers';
import { ParamSet } from '../../models/params';
import { Adam } from '../../training/adam';
import { checkpointVariables } from '../../training/state';
import type { ChartGroup, Metrics, TrainStep } from '../../training/types';
import type { FeatureExtractor } from './features';

export interface FeatureClassifierOptions {
  imageSize: number;
  channels?: 1 | 3;
  numClasses: number;
  /** Width of the first conv (default 16), doubling per stride-2 stage up to 4×. */
  width?: number;
  /** Feature dimension (default 64). */
  dim?: number;
  learningRate?: number;
  seed?: Seed | Rng;
}

export class FeatureClassifier implements TrainStep<ImageBatch> {
  readonly params: ParamSet;
  readonly optimizer: Adam;
  private readonly convs: { conv: Conv2d; bn: BatchNorm }[] = [];
  private readonly embed: Dense;
  private readonly head: Dense;

  constructor(readonly options: Required<Omit<FeatureClassifierOptions, 'seed'>>, rng: Rng) {
    const { imageSize, channels, numClasses, width, dim } = options;
    if (!(Number.isInteger(numClasses) && numClasses >= 2)) throw new RangeError(`featureClassifier: numClasses must be ≥ 2, got ${numClasses}`);
    this.params = new ParamSet('feature_classifier', rng);
    const p = this.params;
    let c: number = channels, res = imageSize, i = 0;
    const add = (out: number, stride: number) => {
      this.convs.push({ conv: new Conv2d(p, `conv${++i}`, c, out, 3, stride, { bias: false }), bn: new BatchNorm(p, `bn${i}`, out) });
      c = out;
    };
    add(width, 1);
    while (res > 4) {
      add(Math.min(4 * width, 2 * c), 2);
      res = Math.ceil(res / 2);
    }
    this.embed = new Dense(p, 'embed', c, dim);
    this.head = new Dense(p, 'head', dim, numClasses);
    this.optimizer = new Adam(p.trainable(), { learningRate: options.learningRate });
  }

  /** Features [B, dim] (ReLU of the embedding layer). */
  features(x: tf.Tensor4D, ctx: ForwardContext = EVAL): tf.Tensor2D {
    let h = x;
    for (const { conv, bn } of this.convs) h = tf.relu(bn.apply(conv.apply(h, ctx), ctx));
    return tf.relu(this.embed.apply(tf.mean(h, [1, 2]) as tf.Tensor2D, ctx));
  }

  logits(x: tf.Tensor4D, ctx: ForwardContext = EVAL): tf.Tensor2D {
    return this.head.apply(this.features(x, ctx), ctx);
  }

  /** The feature extractor for the generative metrics (inference mode). */
  get extractor(): FeatureExtractor {
    return (images) => tf.tidy(() => this.features(images));
  }

  trainStep(batch: ImageBatch): Metrics {
    if (batch.labels.some((l) => l < 0 || l >= this.options.numClasses)) {
      throw new Error(`featureClassifier: labels must be in 0..${this.options.numClasses - 1}; the batch has others (an unlabelled data set?)`);
    }
    const y = tf.oneHot(tf.tensor1d(batch.labels, 'int32'), this.options.numClasses);
    let acc: tf.Scalar | null = null;
    const loss = this.optimizer.minimize(() => {
      const logits = this.logits(batch.images, { training: true, updateStats: true });
      acc = tf.keep(tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32')) as tf.Scalar);
      return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1))) as tf.Scalar;
    });
    const accuracy = (acc as unknown as tf.Scalar).dataSync()[0];
    tf.dispose([y, acc as unknown as tf.Scalar]);
    return { loss, accuracy };
  }

  /** Share of correctly classified images. */
  accuracy(images: tf.Tensor4D, labels: ArrayLike<number>): number {
    const pred = tf.tidy(() => tf.argMax(this.logits(images), 1)).dataSync();
    let ok = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) ok++;
    return ok / pred.length;
  }

  chartGroups(): ChartGroup[] {
    return [{ title: 'classifier loss', keys: ['loss'] }, { title: 'training accuracy', keys: ['accuracy'] }];
  }

  stateVariables(): Map<string, tf.Variable> {
    return checkpointVariables({ net: this.params.all() }, { opt: this.optimizer });
  }

  stateJson(): Record<string, number> { return { steps: this.optimizer.step }; }
  loadStateJson(state: Record<string, number>): void { this.optimizer.step = state.steps ?? 0; }

  dispose(): void {
    this.params.dispose();
    this.optimizer.dispose();
  }
}

/**
 * A feature classifier to train on the labelled real set, then use as `extractor`.
 * @example const fc = featureClassifier({ imageSize: 32, numClasses: faces.classNames.length }); await train(fc, faces, { epochs: 5, batchSize: 64 });
 */
export function featureClassifier(options: FeatureClassifierOptions): FeatureClassifier {
  const { seed, ...rest } = options;
  return new FeatureClassifier({ channels: 3, width: 16, dim: 64, learningRate: 1e-3, ...rest }, Rng.from(seed ?? 0));
}
