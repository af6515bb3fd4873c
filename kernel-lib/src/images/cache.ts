/**
 * On-disk cache of a decoded, resized data set: one raw uint8 file (images back to back, read
 * by position, so later epochs cost a disk read instead of a decode) and a JSON side file
 * with format, labels, names and the load report. Written to a temporary name, then renamed,
 * so an interrupted write never leaves a cache that looks valid.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ImageDataset } from './dataset';
import type { PixelSource } from './source';
import type { ImageFormat, LoadReport } from './types';

const VERSION = 1;

interface CacheMeta {
  version: number;
  key: string;
  format: ImageFormat;
  count: number;
  labels: number[] | null;
  classNames: string[];
  names: string[];
  report: LoadReport;
}

/** Reads cached images by file position; synchronous, one open per batch. */
class CacheSource implements PixelSource {
  constructor(private readonly file: string, readonly count: number, readonly imageBytes: number) {}
  readSync(indices: Int32Array, out: Uint8Array): void {
    const fd = openSync(this.file, 'r');
    try {
      const b = this.imageBytes;
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k];
        if (!(i >= 0 && i < this.count)) throw new RangeError(`image index ${i} is out of range [0, ${this.count})`);
        const got = readSync(fd, out, k * b, b, i * b);
        if (got !== b) throw new Error(`image cache ${this.file} is truncated at image ${i}: delete it to rebuild`);
      }
    } finally {
      closeSync(fd);
    }
  }
  async read(indices: Int32Array, out: Uint8Array): Promise<Uint8Array> {
    this.readSync(indices, out);
    return new Uint8Array(indices.length).fill(1);
  }
}

const metaPath = (file: string) => `${file}.json`;

/**
 * Writes `ds` to `file` (+ `file.json`), `chunk` images at a time, and returns the data set read
 * back from the cache. Images that fail to decode are left out (and stay in the report).
 */
export async function saveImageCache(ds: ImageDataset, file: string, key = '', chunk = 256): Promise<ImageDataset> {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  const labels: number[] = [], names: string[] = [];
  const b = ds.source.imageBytes;
  let written = 0;
  try {
    for (let s = 0; s < ds.size; s += chunk) {
      const idx = Int32Array.from({ length: Math.min(chunk, ds.size - s) }, (_, k) => s + k);
      const { bytes, ok } = await ds.readBytes(idx);
      for (let k = 0; k < idx.length; k++) {
        if (!ok[k]) continue;
        writeSync(fd, bytes, k * b, b, written * b);
        written++;
        labels.push(ds.labels[idx[k]]);
        names.push(ds.names[idx[k]]);
      }
    }
  } finally {
    closeSync(fd);
  }
  const meta: CacheMeta = {
    version: VERSION, key, format: ds.format, count: written, labels: ds.labelled ? labels : null,
    classNames: [...ds.classNames], names, report: ds.report,
  };
  renameSync(tmp, file);
  writeFileSync(metaPath(file), JSON.stringify(meta));
  return openImageCache(file, key) as ImageDataset;
}

/** Opens a cache written by `saveImageCache`; null when absent, unreadable, or of another `key`. */
export function openImageCache(file: string, key?: string): ImageDataset | null {
  if (!existsSync(file) || !existsSync(metaPath(file))) return null;
  let meta: CacheMeta;
  try {
    meta = JSON.parse(readFileSync(metaPath(file), 'utf8')) as CacheMeta;
  } catch {
    return null;
  }
  if (meta.version !== VERSION || (key !== undefined && meta.key !== key)) return null;
  const { height, width, channels } = meta.format;
  // A data file of the wrong length (interrupted copy, another writer) is not trusted.
  if (statSync(file).size !== meta.count * height * width * channels) return null;
  return new ImageDataset({
    source: new CacheSource(file, meta.count, height * width * channels),
    format: meta.format,
    labels: meta.labels ? Int32Array.from(meta.labels) : undefined,
    classNames: meta.classNames,
    names: meta.names,
    report: meta.report,
  });
}
