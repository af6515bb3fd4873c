/**
 * Folder loaders: `imageFolder` (an unlabelled tree, FFHQ style `00000/00000.png`) and
 * `identityFolder` (one sub-folder per identity: LFW, VGGFace2, CASIA-WebFace). Bad files are
 * skipped and listed in `report`; the load goes on.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Rng, type Seed } from '../random';
import { openImageCache, saveImageCache } from './cache';
import { ImageDataset } from './dataset';
import { DEFAULT_IMAGE_FORMATS, DecodeError, mapLimit, probe, type DecodeOptions } from './decode';
import { FileSource } from './file-source';
import { listFiles, listSubfolders, type FoundFile } from './scan';
import { describeReport, emptyReport, type CropMode, type ImageRange, type LoadReport } from './types';

export interface FolderOptions {
  /** Output size: a number for a square, or [height, width]. Default 64. */
  size?: number | readonly [number, number];
  /** 1 = grayscale, 3 = RGB (default). */
  channels?: 1 | 3;
  /** 'center' crops the centre (default), 'pad' letterboxes, 'stretch' ignores the aspect ratio. */
  crop?: CropMode;
  /** Float range of batches (default '[-1,1]'). */
  range?: ImageRange;
  /** Colour behind transparency and padding (default '#808080'). */
  background?: string;
  /** Image formats read (default png, jpeg, webp, gif, tiff). */
  formats?: readonly string[];
  /** Images with a shorter side below this are skipped (default 8). */
  minSide?: number;
  /**
   * 'memory' decodes every image once at load and keeps the bytes; 'files' checks headers at
   * load and decodes per batch (for sets too big for memory); 'auto' (default) picks memory up
   * to `maxMemoryBytes`. Ignored when `cacheDir` is set.
   */
  storage?: 'auto' | 'memory' | 'files';
  /** Default 1 GiB of decoded uint8 pixels. */
  maxMemoryBytes?: number;
  /**
   * Folder for an on-disk cache of the decoded, resized set, keyed by the file list (paths,
   * sizes, times) and the options: the first load decodes everything once, later loads read it.
   */
  cacheDir?: string;
  /** Files decoded at once (default 8). */
  concurrency?: number;
  /**
   * Called as files are decoded (or header-checked, with storage 'files') during the load:
   * `done` of `total` files. Not called on a cache hit.
   */
  onProgress?: (done: number, total: number) => void;
}

export interface ImageFolderOptions extends FolderOptions {
  /** Load only this many files, a seeded random sample (in stored order) — for quick runs on big trees. */
  maxImages?: number;
  seed?: Seed | Rng;
}

export interface IdentityFolderOptions extends FolderOptions {
  /** Load only this many identities, a seeded random sample (kept in name order). */
  maxIdentities?: number;
  seed?: Seed | Rng;
  /** Identities with fewer valid images are dropped with a warning (default 1; 2 when pairs are needed). */
  minImagesPerIdentity?: number;
}

interface Resolved { decode: DecodeOptions; range: ImageRange; opts: FolderOptions }

function resolveOptions(opts: FolderOptions): Resolved {
  const [height, width] = typeof opts.size === 'number' ? [opts.size, opts.size] : (opts.size ?? [64, 64]);
  for (const [name, v] of [['height', height], ['width', width]] as const) {
    if (!(Number.isInteger(v) && v > 0)) throw new RangeError(`size: ${name} must be a positive integer, got ${v}`);
  }
  const channels = opts.channels ?? 3;
  if (channels !== 1 && channels !== 3) throw new RangeError(`channels must be 1 (grayscale) or 3 (RGB), got ${channels}`);
  return {
    decode: {
      height, width, channels, crop: opts.crop ?? 'center', background: opts.background ?? '#808080',
      formats: opts.formats ?? DEFAULT_IMAGE_FORMATS, minSide: opts.minSide ?? 8,
    },
    range: opts.range ?? '[-1,1]',
    opts,
  };
}

function checkRoot(fn: string, root: string): void {
  if (!existsSync(root)) throw new Error(`${fn}: folder ${root} does not exist`);
  if (!statSync(root).isDirectory()) throw new Error(`${fn}: ${root} is a file; pass the folder that holds the images`);
}

function cacheKey(files: readonly FoundFile[], labels: Int32Array, classNames: readonly string[], r: Resolved): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ decode: r.decode, range: r.range, classNames }));
  files.forEach((f, i) => h.update(`${f.rel}\0${f.size}\0${f.mtimeMs}\0${labels[i]}\n`));
  return h.digest('hex').slice(0, 20);
}

/** Decodes/probes/caches the candidate files; failures go to the report. */
async function load(fn: string, root: string, files: FoundFile[], labels: Int32Array | undefined, classNames: readonly string[], r: Resolved, report: LoadReport): Promise<ImageDataset> {
  const { decode, range, opts } = r;
  const format = { height: decode.height, width: decode.width, channels: decode.channels, range };
  const concurrency = opts.concurrency ?? 8;
  let done = 0, loading = true;
  // Batch-time decodes (storage 'files') are not load progress.
  const progress = opts.onProgress ? () => { if (loading) opts.onProgress?.(++done, files.length); } : undefined;
  const all = new ImageDataset({
    source: new FileSource(files.map((f) => f.path), decode, report, concurrency, progress),
    format, labels, classNames, names: files.map((f) => f.rel), report,
  });
  let ds: ImageDataset;
  if (opts.cacheDir) {
    const key = cacheKey(files, labels ?? new Int32Array(files.length).fill(-1), classNames, r);
    const file = join(resolve(opts.cacheDir), `${fn}-${key}.u8`);
    ds = openImageCache(file, key) ?? await saveImageCache(all, file, key);
    Object.assign(report, ds.report);
  } else {
    const bytes = files.length * decode.height * decode.width * decode.channels;
    const storage = opts.storage === 'auto' || !opts.storage ? (bytes <= (opts.maxMemoryBytes ?? 2 ** 30) ? 'memory' : 'files') : opts.storage;
    if (storage === 'memory') ds = await all.materialize();
    else {
      const ok = await mapLimit(files.length, concurrency * 4, async (i) => {
        try {
          await probe(files[i].path, decode);
          return true;
        } catch (err) {
          const e = err as DecodeError;
          report.skipped.push({ path: files[i].path, reason: e.reason ?? 'not-an-image', detail: e.message });
          return false;
        } finally {
          progress?.();
        }
      });
      ds = all.subset(files.map((_, i) => i).filter((i) => ok[i]));
    }
  }
  loading = false;
  report.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return ds;
}

function noImages(fn: string, report: LoadReport): Error {
  return new Error(`${fn}: no usable images under ${report.root} (formats read: png, jpeg, webp, gif, tiff; hidden files are ignored)\n${describeReport(report)}`);
}

/**
 * An unlabelled set of every image under `root`, recursively.
 * @example const ffhq = await imageFolder('data/ffhq', { size: 64, cacheDir: '.cache' });
 */
export async function imageFolder(root: string, options: ImageFolderOptions = {}): Promise<ImageDataset> {
  checkRoot('imageFolder', root);
  const r = resolveOptions(options);
  const report = emptyReport(root);
  const all = listFiles(root);
  const files = sampleSorted(all, options.maxImages, options.seed, 'maxImages');
  report.filesSeen = all.length;
  if (files.length < all.length) report.warnings.push(`maxImages: loaded a seeded sample of ${files.length} of ${all.length} files`);
  const ds = await load('imageFolder', root, files, undefined, [], r, report);
  report.imagesKept = ds.size;
  if (ds.size === 0) throw noImages('imageFolder', report);
  return ds;
}

/**
 * A labelled set: each direct sub-folder of `root` is one identity (its name is the class
 * name), holding that identity's images at any depth. Files directly under `root` are skipped
 * and listed; identities with fewer than `minImagesPerIdentity` valid images are dropped with a
 * warning; identities with a single image get a warning (they cannot form positive pairs).
 * @example const lfw = await identityFolder('data/lfw', { size: 64, minImagesPerIdentity: 2 });
 */
export async function identityFolder(root: string, options: IdentityFolderOptions = {}): Promise<ImageDataset> {
  checkRoot('identityFolder', root);
  const r = resolveOptions(options);
  const report = emptyReport(root);
  const minPer = options.minImagesPerIdentity ?? 1;
  const loose = listFiles(root).filter((f) => !f.rel.includes('/'));
  for (const f of loose) report.skipped.push({ path: f.path, reason: 'outside-identity', detail: 'file directly under the root; identityFolder expects <root>/<identity>/<images>' });
  const allIdentities = listSubfolders(root);
  if (allIdentities.length === 0) {
    throw new Error(`identityFolder: ${root} has no sub-folders; it expects <root>/<identity>/<image files> (for a flat tree use imageFolder)`);
  }
  const identities = sampleSorted(allIdentities, options.maxIdentities, options.seed, 'maxIdentities');
  if (identities.length < allIdentities.length) report.warnings.push(`maxIdentities: loaded a seeded sample of ${identities.length} of ${allIdentities.length} identities`);
  const files: FoundFile[] = [];
  const labels: number[] = [];
  identities.forEach((name, label) => {
    for (const f of listFiles(join(root, name), root)) { files.push(f); labels.push(label); }
  });
  report.filesSeen = files.length + loose.length;
  const ds = await load('identityFolder', root, files, Int32Array.from(labels), identities, r, report);

  // Drop identities below the minimum and renumber the rest densely.
  const counts = new Int32Array(identities.length);
  for (const l of ds.labels) counts[l]++;
  const empty = identities.filter((_, l) => counts[l] === 0);
  const few = identities.filter((_, l) => counts[l] > 0 && counts[l] < minPer);
  const single = identities.filter((_, l) => counts[l] === 1 && minPer <= 1);
  if (empty.length) report.warnings.push(`${empty.length} identities have no usable image and were dropped: ${list(empty)}`);
  if (few.length) report.warnings.push(`${few.length} identities have fewer than ${minPer} images and were dropped: ${list(few)}`);
  if (single.length) report.warnings.push(`${single.length} identities have a single image and cannot form positive pairs (minImagesPerIdentity: 2 drops them): ${list(single)}`);
  const kept = identities.map((_, l) => counts[l] >= Math.max(1, minPer));
  const newLabel = new Int32Array(identities.length).fill(-1);
  const classNames: string[] = [];
  identities.forEach((name, l) => { if (kept[l]) { newLabel[l] = classNames.length; classNames.push(name); } });
  const keepIdx = Array.from(ds.labels.keys()).filter((i) => kept[ds.labels[i]]);
  report.imagesKept = keepIdx.length;
  if (classNames.length === 0) {
    throw noImages('identityFolder', report);
  }
  const sub = ds.subset(keepIdx);
  return new ImageDataset({
    source: sub.source, format: sub.format, labels: Int32Array.from(sub.labels, (l) => newLabel[l]),
    classNames, names: sub.names, report,
  });
}

/** A seeded sample of `max` items kept in their original order (all of them when max is unset). */
function sampleSorted<T>(items: T[], max: number | undefined, seed: Seed | Rng | undefined, name: string): T[] {
  if (max === undefined || max >= items.length) return items;
  if (!(Number.isInteger(max) && max > 0)) throw new RangeError(`${name} must be a positive integer, got ${max}`);
  const pick = Rng.from(seed ?? 0).derive(name).permutation(items.length).subarray(0, max).sort();
  return Array.from(pick, (i) => items[i]);
}

function list(names: string[], max = 8): string {
  return names.slice(0, max).join(', ') + (names.length > max ? `, … (${names.length - max} more)` : '');
}
