/**
 * Features for generative metrics. Every metric here works on a feature matrix [N, d]; a
 * `FeatureExtractor` turns images into features (an in-project classifier's embedding, a
 * FaceNet embedding, Inception-V3 if the user has converted weights, or raw pixels).
 */
import * as tf from '../../tf';
import { Matrix } from '../../datasets/matrix';
import type { ImageDataset } from '../../images/dataset';

/** Images [B, H, W, C] → features [B, d]. Must not leak tensors other than its output. */
export type FeatureExtractor = (images: tf.Tensor4D) => tf.Tensor2D;

/** Feature sets the metrics accept: a matrix, a [N, d] tensor, or rows. */
export type FeatureInput = Matrix | tf.Tensor2D | readonly (readonly number[])[] | readonly Float64Array[] | readonly Float32Array[];

export function toMatrix(x: FeatureInput, what = 'features'): Matrix {
  if (x instanceof Matrix) return x;
  if (x instanceof tf.Tensor) {
    if (x.rank !== 2) throw new RangeError(`${what}: expected a [N, d] tensor, got shape [${x.shape.join(', ')}]`);
    return new Matrix(Float64Array.from(x.dataSync()), x.shape[0], x.shape[1]);
  }
  const rows = x as readonly ArrayLike<number>[];
  if (rows.length === 0) throw new RangeError(`${what}: no rows`);
  const d = rows[0].length;
  const data = new Float64Array(rows.length * d);
  rows.forEach((r, i) => {
    if (r.length !== d) throw new RangeError(`${what}: row ${i} has ${r.length} values, row 0 has ${d}`);
    for (let j = 0; j < d; j++) data[i * d + j] = r[j];
  });
  return new Matrix(data, rows.length, d);
}

/** Where images come from: a tensor, a data set, or a generator function (n → images). */
export type ImageInput = tf.Tensor4D | ImageDataset | { count: number; generate: (n: number, offset: number) => tf.Tensor4D };

/** Runs `extractor` over images in batches; returns the features as a matrix. */
export async function extractFeatures(images: ImageInput, extractor: FeatureExtractor, batchSize = 64): Promise<Matrix> {
  const chunks: { data: Float32Array; rows: number; cols: number }[] = [];
  const take = (t: tf.Tensor4D) => {
    const f = extractor(t);
    if (f.rank !== 2 || f.shape[0] !== t.shape[0]) throw new RangeError(`extractFeatures: the extractor returned shape [${f.shape.join(', ')}] for ${t.shape[0]} images; expected [${t.shape[0]}, d]`);
    chunks.push({ data: f.dataSync() as Float32Array, rows: f.shape[0], cols: f.shape[1] });
    f.dispose();
  };
  if (images instanceof tf.Tensor) {
    for (let s = 0; s < images.shape[0]; s += batchSize) {
      const t = tf.slice(images, s, Math.min(batchSize, images.shape[0] - s));
      take(t);
      t.dispose();
    }
  } else if ('generate' in images) {
    for (let s = 0; s < images.count; s += batchSize) {
      const t = images.generate(Math.min(batchSize, images.count - s), s);
      take(t);
      t.dispose();
    }
  } else {
    for await (const b of images.batches({ batchSize, shuffle: false })) {
      take(b.images);
      b.images.dispose();
    }
  }
  const rows = chunks.reduce((a, c) => a + c.rows, 0), cols = chunks[0]?.cols ?? 0;
  const data = new Float64Array(rows * cols);
  let off = 0;
  for (const c of chunks) { data.set(c.data, off); off += c.data.length; }
  return new Matrix(data, rows, cols);
}

/**
 * Raw pixels, average-pooled to `size`×`size`: a weak baseline extractor (no semantics), useful
 * for tests and as a sanity check next to a learnt embedding.
 */
export function pixelFeatures(size = 8): FeatureExtractor {
  return (images) => tf.tidy(() => {
    const [, h, w] = images.shape;
    const x = h === size && w === size ? images : tf.image.resizeBilinear(images, [size, size]);
    return tf.reshape(x, [images.shape[0], -1]) as tf.Tensor2D;
  });
}
