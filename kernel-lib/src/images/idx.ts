/**
 * IDX files (MNIST, Fashion-MNIST, EMNIST): a big-endian header (magic 0x0000, a type byte, the
 * number of dimensions), the dimensions as uint32, then the values. Gzipped files are detected
 * by their magic bytes, not their name.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ImageDataset } from './dataset';
import { emptyReport, type ImageRange } from './types';

export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
  shape: number[];
  data: IdxData;
}

const TYPES: Record<number, { name: string; bytes: number; make: (n: number) => IdxData; get: (v: DataView, o: number) => number }> = {
  0x08: { name: 'uint8', bytes: 1, make: (n) => new Uint8Array(n), get: (v, o) => v.getUint8(o) },
  0x09: { name: 'int8', bytes: 1, make: (n) => new Int8Array(n), get: (v, o) => v.getInt8(o) },
  0x0b: { name: 'int16', bytes: 2, make: (n) => new Int16Array(n), get: (v, o) => v.getInt16(o) },
  0x0c: { name: 'int32', bytes: 4, make: (n) => new Int32Array(n), get: (v, o) => v.getInt32(o) },
  0x0d: { name: 'float32', bytes: 4, make: (n) => new Float32Array(n), get: (v, o) => v.getFloat32(o) },
  0x0e: { name: 'float64', bytes: 8, make: (n) => new Float64Array(n), get: (v, o) => v.getFloat64(o) },
};

/** Parses IDX bytes (gzipped or not). `name` is used in error messages. */
export function parseIdx(raw: Uint8Array, name = 'IDX data'): IdxArray {
  let buf = raw;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try { buf = gunzipSync(buf); } catch (err) { throw new Error(`${name}: gzip stream is corrupt (${(err as Error).message})`); }
  }
  if (buf.length < 4 || buf[0] !== 0 || buf[1] !== 0) {
    throw new Error(`${name}: not an IDX file (it must start with bytes 00 00 <type> <ndims>, got ${Array.from(buf.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ')})`);
  }
  const type = TYPES[buf[2]];
  if (!type) throw new Error(`${name}: unknown IDX type byte 0x${buf[2].toString(16)} (valid: 08 uint8, 09 int8, 0b int16, 0c int32, 0d float32, 0e float64)`);
  const ndims = buf[3];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.length < 4 + 4 * ndims) throw new Error(`${name}: header declares ${ndims} dimensions but the file ends at byte ${buf.length}`);
  const shape = Array.from({ length: ndims }, (_, d) => view.getUint32(4 + 4 * d));
  const n = shape.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * ndims;
  const need = start + n * type.bytes;
  if (buf.length < need) throw new Error(`${name}: shape [${shape.join(', ')}] of ${type.name} needs ${need} bytes, the file has ${buf.length} (truncated?)`);
  let data: IdxData;
  if (type.bytes === 1) {
    // A copy as a plain typed array (Buffer.slice would be a view of the whole file).
    const bytes = new Uint8Array(buf.subarray(start, need));
    data = buf[2] === 0x08 ? bytes : new Int8Array(bytes.buffer);
  }
  else {
    data = type.make(n);
    for (let i = 0; i < n; i++) data[i] = type.get(view, start + i * type.bytes);
  }
  return { shape, data };
}

/**
 * Reads one IDX file (gzipped or not) into its shape and typed values.
 * @example const { shape, data } = idx('train-labels-idx1-ubyte.gz'); // [60000], Uint8Array
 */
export function idx(path: string): IdxArray {
  return parseIdx(readFileSync(path), path);
}

export interface IdxImagesOptions {
  /** Labels file (IDX, one value per image). Without it the set is unlabelled. */
  labels?: string;
  /** Class names, indexed by label (default: the label values as strings, e.g. '0'..'9'). */
  classNames?: readonly string[];
  range?: ImageRange;
}

/**
 * An image set from an IDX images file [N, H, W] or [N, H, W, C] of uint8 and an optional labels file.
 * @example const mnist = idxImages('train-images-idx3-ubyte.gz', { labels: 'train-labels-idx1-ubyte.gz' });
 */
export function idxImages(imagesPath: string, options: IdxImagesOptions = {}): ImageDataset {
  const img = idx(imagesPath);
  if (!(img.data instanceof Uint8Array) || (img.shape.length !== 3 && img.shape.length !== 4)) {
    throw new Error(`idxImages: ${imagesPath} holds ${img.data.constructor.name} of shape [${img.shape.join(', ')}]; images must be uint8 [N, H, W] or [N, H, W, C]`);
  }
  const [n, height, width, c = 1] = img.shape;
  if (c !== 1 && c !== 3) throw new Error(`idxImages: ${imagesPath} has ${c} channels; 1 or 3 are supported`);
  let labels: Int32Array | undefined;
  let classNames: readonly string[] = [];
  if (options.labels) {
    const lab = idx(options.labels);
    if (lab.shape.length !== 1 || lab.shape[0] !== n) {
      throw new Error(`idxImages: labels ${options.labels} have shape [${lab.shape.join(', ')}], expected [${n}] to match ${imagesPath}`);
    }
    const values = Array.from(lab.data as ArrayLike<number>);
    if (values.some((v) => !Number.isInteger(v) || v < 0)) throw new Error(`idxImages: labels in ${options.labels} must be non-negative integers`);
    const numClasses = Math.max(...values) + 1;
    classNames = options.classNames ?? Array.from({ length: numClasses }, (_, i) => String(i));
    if (classNames.length < numClasses) throw new Error(`idxImages: ${classNames.length} class names for labels up to ${numClasses - 1}`);
    labels = Int32Array.from(values);
  }
  const report = emptyReport(imagesPath);
  report.filesSeen = 1;
  report.imagesKept = n;
  return ImageDataset.fromBytes(img.data, { height, width, channels: c as 1 | 3, range: options.range ?? '[-1,1]' }, { labels, classNames, report });
}
