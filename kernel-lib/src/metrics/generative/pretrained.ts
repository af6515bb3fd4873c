/**
 * A pretrained tfjs-layers network as the feature extractor, e.g. Inception-V3 converted by the
 * user (`tensorflowjs_converter --input_format keras` of `InceptionV3(include_top=False,
 * pooling='avg')`, 2048-d pool features): no such weights can be downloaded here, so none ship.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import * as tf from '../../tf';
import { fileIO } from '../../models/io';
import type { FeatureExtractor } from './features';

export interface PretrainedOptions {
  /** Side the network expects (Inception-V3: 299). Images are resized bilinearly. Default: the model's input side. */
  inputSize?: number;
  /** Pixel range the network expects (Keras Inception: '[-1,1]'). Images given are in [-1, 1]. */
  inputRange?: '[-1,1]' | '[0,1]' | '[0,255]';
}

/** An extractor over a loaded model; call `dispose()` when done. */
export type PretrainedExtractor = FeatureExtractor & { model: tfl.LayersModel; dispose(): void };

/**
 * Loads `<dir>/model.json` (tfjs layers format) and returns an extractor of its output, which
 * must be [B, d] (a pooled feature layer).
 * @example const inception = await pretrainedFeatures('weights/inception_v3_pool', { inputSize: 299 });
 */
export async function pretrainedFeatures(dir: string, options: PretrainedOptions = {}): Promise<PretrainedExtractor> {
  const model = await tfl.loadLayersModel(fileIO(dir));
  const shape = model.inputs[0].shape;
  const size = options.inputSize ?? shape[1];
  if (!size) throw new Error(`pretrainedFeatures ${dir}: the model's input side is not fixed; pass inputSize`);
  const range = options.inputRange ?? '[-1,1]';
  const extractor = ((images: tf.Tensor4D) => tf.tidy(() => {
    let x: tf.Tensor4D = images.shape[1] === size && images.shape[2] === size ? images : tf.image.resizeBilinear(images, [size, size]);
    if (range === '[0,1]') x = tf.div(tf.add(x, 1), 2);
    else if (range === '[0,255]') x = tf.mul(tf.add(x, 1), 127.5);
    const out = model.predict(x) as tf.Tensor;
    if (out.rank !== 2) throw new Error(`pretrainedFeatures ${dir}: the model outputs shape [${out.shape.join(', ')}]; a [B, d] feature layer is needed (e.g. pooling='avg')`);
    return out as tf.Tensor2D;
  })) as PretrainedExtractor;
  extractor.model = model;
  extractor.dispose = () => model.dispose();
  return extractor;
}
