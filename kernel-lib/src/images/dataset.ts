/**
 * `ImageDataset`: a labelled or unlabelled set of same-sized images, read in batches as
 * float tensors [B,H,W,C]. Pixels stay uint8 in their source (memory, disk cache, files decoded
 * on demand, or a procedural renderer) and become floats one batch at a time, so a 70k set
 * never needs 70k decoded images in memory unless asked to.
 */
import * as tf from '../tf';
import { Rng, type Seed } from '../random';
import { IndexedSource, MemorySource, type PixelSource } from './source';
import { emptyReport, type ImageBatch, type ImageFormat, type ImageRange, type LoadReport } from './types';

export interface ImageDatasetInit {
  source: PixelSource;
  format: ImageFormat;
  /** Per-image class (0..classNames.length-1), or omitted for an unlabelled set. */
  labels?: Int32Array;
  classNames?: readonly string[];
  /** Per-image name (file path relative to the root, or a generated id). */
  names?: readonly string[];
  report?: LoadReport;
}

export interface BatchOptions {
  batchSize: number;
  /** Seed of the shuffle; each epoch's order depends only on (seed, epoch). */
  seed?: Seed | Rng;
  epoch?: number;
  /** Default true. False reads in stored order. */
  shuffle?: boolean;
  /** Drop the last, smaller batch (default false). */
  dropLast?: boolean;
}

/** uint8 HWC → float32 in `range`. */
export function bytesToFloats(bytes: Uint8Array, range: ImageRange): Float32Array {
  const out = new Float32Array(bytes.length);
  if (range === '[-1,1]') for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] / 127.5 - 1;
  else for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] / 255;
  return out;
}

export class ImageDataset {
  readonly format: ImageFormat;
  /** Per-image class index; all −1 for an unlabelled set. */
  readonly labels: Int32Array;
  readonly classNames: readonly string[];
  readonly names: readonly string[];
  /** Files skipped and warnings from loading (shared with subsets). */
  readonly report: LoadReport;
  /** The pixel source; use `batch`/`batches` rather than reading it directly. */
  readonly source: PixelSource;

  constructor(init: ImageDatasetInit) {
    const { source, format } = init;
    const { height, width, channels } = format;
    if (source.imageBytes !== height * width * channels) {
      throw new RangeError(`ImageDataset: source images are ${source.imageBytes} bytes, format ${height}×${width}×${channels} needs ${height * width * channels}`);
    }
    this.source = source;
    this.format = format;
    this.classNames = init.classNames ?? [];
    this.labels = init.labels ?? new Int32Array(source.count).fill(-1);
    if (this.labels.length !== source.count) {
      throw new RangeError(`ImageDataset: ${this.labels.length} labels for ${source.count} images`);
    }
    if (init.labels) {
      for (let i = 0; i < this.labels.length; i++) {
        const l = this.labels[i];
        if (!(l >= 0 && l < this.classNames.length)) {
          throw new RangeError(`ImageDataset: label ${l} of image ${i} is not an index into ${this.classNames.length} class names`);
        }
      }
    }
    this.names = init.names ?? Array.from({ length: source.count }, (_, i) => String(i));
    if (this.names.length !== source.count) throw new RangeError(`ImageDataset: ${this.names.length} names for ${source.count} images`);
    this.report = init.report ?? emptyReport('(memory)');
  }

  /** A data set over pixels already in memory: uint8 [N·H·W·C]. */
  static fromBytes(pixels: Uint8Array, format: ImageFormat, init: Omit<ImageDatasetInit, 'source' | 'format'> = {}): ImageDataset {
    return new ImageDataset({ ...init, source: new MemorySource(pixels, format.height * format.width * format.channels), format });
  }

  get size(): number { return this.source.count; }
  get labelled(): boolean { return this.classNames.length > 0; }
  get imageShape(): [number, number, number] { return [this.format.height, this.format.width, this.format.channels]; }

  /** Reads images as uint8 HWC; `ok[k]` = 0 marks an image that could not be decoded. */
  async readBytes(indices: ArrayLike<number>): Promise<{ bytes: Uint8Array; ok: Uint8Array }> {
    const idx = Int32Array.from(indices);
    const bytes = new Uint8Array(idx.length * this.source.imageBytes);
    const ok = await this.source.read(idx, bytes);
    return { bytes, ok };
  }

  /** Reads a batch of the given positions; images that fail to decode are left out (see `report`). */
  async batch(indices: ArrayLike<number>): Promise<ImageBatch> {
    const idx = Int32Array.from(indices);
    const { bytes, ok } = await this.readBytes(idx);
    return this.toBatch(idx, bytes, ok);
  }

  /** Synchronous `batch`, for sources that can (memory, cache, procedural). */
  batchSync(indices: ArrayLike<number>): ImageBatch {
    if (!this.source.readSync) throw new Error('batchSync: this data set decodes files on demand; use `await batch(...)`, or `materialize()`/`cacheTo()` it first');
    const idx = Int32Array.from(indices);
    const bytes = new Uint8Array(idx.length * this.source.imageBytes);
    this.source.readSync(idx, bytes);
    return this.toBatch(idx, bytes, null);
  }

  private toBatch(idx: Int32Array, bytes: Uint8Array, ok: Uint8Array | null): ImageBatch {
    const b = this.source.imageBytes;
    let keep = idx.length;
    if (ok) {
      keep = 0;
      for (let k = 0; k < idx.length; k++) {
        if (!ok[k]) continue;
        if (keep !== k) bytes.copyWithin(keep * b, k * b, (k + 1) * b);
        idx[keep++] = idx[k];
      }
    }
    const indices = idx.slice(0, keep);
    const labels = new Int32Array(keep);
    for (let k = 0; k < keep; k++) labels[k] = this.labels[indices[k]];
    const { height, width, channels, range } = this.format;
    const images = tf.tensor4d(bytesToFloats(bytes.subarray(0, keep * b), range), [keep, height, width, channels], 'float32');
    return { images, labels, indices };
  }

  /** The order of one epoch: a seeded permutation (or 0..N−1 with `shuffle: false`). */
  epochOrder(options: Omit<BatchOptions, 'batchSize' | 'dropLast'> = {}): Int32Array {
    const n = this.size;
    if (options.shuffle === false) return Int32Array.from({ length: n }, (_, i) => i);
    return Rng.from(options.seed ?? 0).derive(`epoch:${options.epoch ?? 0}`).permutation(n);
  }

  /**
   * One epoch as batches, read one ahead so decoding overlaps the caller's work. The caller
   * disposes each `batch.images`.
   * @example for await (const b of faces.batches({ batchSize: 64, seed: 1, epoch })) { train(b.images); b.images.dispose(); }
   */
  async *batches(options: BatchOptions): AsyncGenerator<ImageBatch> {
    const { batchSize } = options;
    if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new RangeError(`batches: batchSize must be a positive integer, got ${batchSize}`);
    const order = this.epochOrder(options);
    const starts: number[] = [];
    for (let s = 0; s < order.length; s += batchSize) {
      if (options.dropLast && s + batchSize > order.length) break;
      starts.push(s);
    }
    const read = (s: number) => this.readBytes(order.subarray(s, s + batchSize));
    let next = starts.length > 0 ? read(starts[0]) : null;
    for (let k = 0; k < starts.length; k++) {
      const { bytes, ok } = await (next as Promise<{ bytes: Uint8Array; ok: Uint8Array }>);
      next = k + 1 < starts.length ? read(starts[k + 1]) : null;
      yield this.toBatch(order.slice(starts[k], starts[k] + batchSize), bytes, ok);
    }
  }

  /** A data set of the images at `indices` (sharing the source, labels and class names). */
  subset(indices: ArrayLike<number>): ImageDataset {
    const map = Int32Array.from(indices);
    const labels = new Int32Array(map.length);
    for (let k = 0; k < map.length; k++) labels[k] = this.labels[map[k]];
    return new ImageDataset({
      source: new IndexedSource(this.source, map),
      format: this.format,
      labels: this.labelled ? labels : undefined,
      classNames: this.classNames,
      names: Array.from(map, (i) => this.names[i]),
      report: this.report,
    });
  }

  /** Image positions per class, in stored order (for P×K sampling and pair building). */
  classIndices(): Int32Array[] {
    if (!this.labelled) throw new Error('classIndices: this data set is unlabelled (use identityFolder, idxImages or proceduralFaces for labels)');
    const counts = new Int32Array(this.classNames.length);
    for (const l of this.labels) counts[l]++;
    const out = Array.from(counts, (c) => new Int32Array(c));
    const fill = new Int32Array(this.classNames.length);
    for (let i = 0; i < this.labels.length; i++) { const l = this.labels[i]; out[l][fill[l]++] = i; }
    return out;
  }

  /** All images as one tensor [N,H,W,C] (for small sets). */
  async toTensor(): Promise<tf.Tensor4D> {
    return (await this.batch(Int32Array.from({ length: this.size }, (_, i) => i))).images;
  }

  /** A copy held in memory (decodes every image once; failures are dropped and reported). */
  async materialize(): Promise<ImageDataset> {
    const all = Int32Array.from({ length: this.size }, (_, i) => i);
    const { bytes, ok } = await this.readBytes(all);
    const keep = all.filter((_, k) => ok[k] === 1);
    const b = this.source.imageBytes;
    const pixels = new Uint8Array(keep.length * b);
    let j = 0;
    for (let k = 0; k < all.length; k++) if (ok[k]) pixels.set(bytes.subarray(k * b, (k + 1) * b), b * j++);
    return ImageDataset.fromBytes(pixels, this.format, {
      labels: this.labelled ? Int32Array.from(keep, (i) => this.labels[i]) : undefined,
      classNames: this.classNames,
      names: Array.from(keep, (i) => this.names[i]),
      report: this.report,
    });
  }

  /** The same images handed out in another float range (no copy of the pixels). */
  withRange(range: ImageRange): ImageDataset {
    return new ImageDataset({
      source: this.source, format: { ...this.format, range }, labels: this.labelled ? this.labels : undefined,
      classNames: this.classNames, names: this.names, report: this.report,
    });
  }
}
