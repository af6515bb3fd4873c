/** Builds small image trees in a temp dir for the loader tests. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { Rng } from '../../kernel-lib/src/random';

const made: string[] = [];

/** A fresh temp dir, removed by `removeTempDirs()` (call it in an `after` hook). */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `synthlab-${prefix}-`));
  made.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

type Rgb = readonly [number, number, number];

/** A solid-colour image file; `kind` picks the codec and pixel mode. */
export async function writeImage(path: string, width: number, height: number, colour: Rgb, kind: 'png' | 'jpeg' | 'webp' | 'gray' | 'rgba' | 'png16' | 'cmyk'): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  if (kind === 'rgba') {
    const px = Buffer.alloc(width * height * 4);
    for (let i = 0; i < width * height; i++) px.set([...colour, 255], i * 4);
    await sharp(px, { raw: { width, height, channels: 4 } }).png().toFile(path);
    return;
  }
  if (kind === 'gray') {
    const px = Buffer.alloc(width * height, colour[0]);
    await sharp(px, { raw: { width, height, channels: 1 } }).png().toFile(path);
    return;
  }
  const px = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) px.set(colour, i * 3);
  const img = sharp(px, { raw: { width, height, channels: 3 } });
  if (kind === 'png16') await img.toColourspace('rgb16').png().toFile(path);
  else if (kind === 'png') await img.png().toFile(path);
  else if (kind === 'cmyk') await img.toColourspace('cmyk').jpeg({ quality: 95 }).toFile(path);
  else if (kind === 'jpeg') await img.jpeg({ quality: 95 }).toFile(path);
  else await img.webp({ lossless: true }).toFile(path);
}

/** Copies a file keeping only its first half (a truncated download). */
export function truncate(src: string, dst: string): void {
  const b = readFileSync(src);
  mkdirSync(dirname(dst), { recursive: true });
  writeFileSync(dst, b.subarray(0, Math.floor(b.length / 2)));
}

export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A JPEG of seeded noise (big enough that its first half still holds the whole header). */
export async function writeNoise(path: string, width: number, height: number, seed = 1): Promise<void> {
  const rng = new Rng(seed);
  const px = Buffer.alloc(width * height * 3);
  for (let i = 0; i < px.length; i++) px[i] = rng.int(256);
  mkdirSync(dirname(path), { recursive: true });
  await sharp(px, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toFile(path);
}
