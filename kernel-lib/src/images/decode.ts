/**
 * Decoding one file into the data set's format with sharp (libvips): auto-orient, flatten
 * alpha, antialiased resize (lanczos3) with centre-crop / pad / stretch, grayscale or sRGB,
 * 8-bit. Failures are classified so loaders can report them and go on.
 */
import { open, readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import type { CropMode, SkipReason } from './types';

/** Formats read by default; anything else sharp knows (SVG, PDF, HEIF, …) is 'unsupported'. */
export const DEFAULT_IMAGE_FORMATS: readonly string[] = ['png', 'jpeg', 'webp', 'gif', 'tiff'];

export interface DecodeOptions {
  height: number;
  width: number;
  channels: 1 | 3;
  crop: CropMode;
  /** Colour behind transparent pixels and padding, '#rrggbb' (default '#808080'). */
  background: string;
  formats: readonly string[];
  /** Images whose shorter side is below this many pixels are skipped (default 8). */
  minSide: number;
}

/** A decode that failed for a reason worth reporting. */
export class DecodeError extends Error {
  constructor(readonly reason: SkipReason, message: string) {
    super(message);
  }
}

const FIT = { center: 'cover', pad: 'contain', stretch: 'fill' } as const;

const SIGNATURES: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x52, 0x49, 0x46, 0x46], // RIFF (WebP)
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x49, 0x49, 0x2a, 0x00], [0x4d, 0x4d, 0x00, 0x2a], // TIFF
];

/** True when the bytes start like an image file: a decode failure then means damage, not a stray file. */
function looksLikeImage(head: Uint8Array): boolean {
  return SIGNATURES.some((sig) => sig.every((b, i) => head[i] === b));
}

async function readHead(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(8);
    await fh.read(buf, 0, 8, 0);
    return buf;
  } finally {
    await fh.close();
  }
}

/** Reads a file's header (or its bytes') and checks it is an image we read; throws DecodeError. */
export async function probe(path: string, opts: Pick<DecodeOptions, 'formats' | 'minSide'>, bytes?: Buffer): Promise<sharp.Metadata> {
  let meta: sharp.Metadata;
  try {
    if (!bytes && (await stat(path)).size === 0) throw new DecodeError('empty', 'zero-byte file');
    if (bytes && bytes.length === 0) throw new DecodeError('empty', 'zero-byte file');
    meta = await sharp(bytes ?? path).metadata();
  } catch (err) {
    if (err instanceof DecodeError) throw err;
    const head = bytes ?? await readHead(path);
    throw new DecodeError(looksLikeImage(head) ? 'corrupt' : 'not-an-image', (err as Error).message);
  }
  if (!meta.format || !opts.formats.includes(meta.format)) {
    throw new DecodeError('unsupported', `format '${meta.format}' is not read (accepted: ${opts.formats.join(', ')})`);
  }
  const w = meta.autoOrient?.width ?? meta.width ?? 0, h = meta.autoOrient?.height ?? meta.height ?? 0;
  if (Math.min(w, h) < opts.minSide) {
    throw new DecodeError('too-small', `${w}×${h} is below the ${opts.minSide}-pixel minimum side`);
  }
  return meta;
}

/** Decodes a file into `out` (H·W·C uint8); throws DecodeError. */
export async function decodeInto(path: string, opts: DecodeOptions, out: Uint8Array): Promise<void> {
  const buf = await readFile(path);
  await probe(path, opts, buf);
  let data: Buffer, info: sharp.OutputInfo;
  try {
    let img = sharp(buf, { failOn: 'error', pages: 1 }).rotate()
      .flatten({ background: opts.background })
      .resize(opts.width, opts.height, { fit: FIT[opts.crop], position: 'centre', background: opts.background, kernel: 'lanczos3' });
    img = opts.channels === 1 ? img.grayscale() : img.toColourspace('srgb');
    ({ data, info } = await img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }));
  } catch (err) {
    throw new DecodeError('corrupt', (err as Error).message);
  }
  const n = opts.width * opts.height;
  if (info.width !== opts.width || info.height !== opts.height) {
    throw new DecodeError('corrupt', `decoder returned ${info.width}×${info.height}, expected ${opts.width}×${opts.height}`);
  }
  const c = info.channels;
  if (c === opts.channels) { out.set(data.subarray(0, n * c)); return; }
  // libvips keeps 1-band output for 1-band input even when asked for sRGB, and vice versa.
  for (let p = 0; p < n; p++) {
    if (opts.channels === 3) { const v = data[p * c]; out[p * 3] = v; out[p * 3 + 1] = v; out[p * 3 + 2] = v; }
    else out[p] = Math.round(0.2126 * data[p * c] + 0.7152 * data[p * c + 1] + 0.0722 * data[p * c + 2]);
  }
}

/** Runs `task(i)` for i in [0, n) with at most `limit` in flight; results in order. */
export async function mapLimit<T>(n: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(n);
  let next = 0;
  const worker = async () => {
    while (next < n) { const i = next++; results[i] = await task(i); }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return results;
}
