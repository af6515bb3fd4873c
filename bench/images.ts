/**
 * Image data figures: files decoded + resized per second by imageFolder (sharp, 8 in flight)
 * against Pillow (one thread, same files, same crop/resize), reads per second from the disk
 * cache, and procedural faces rendered per second at 64 px against sharp rasterising an SVG of
 * the same face (the alternative renderer design). Figures are per CPU-second (this process's
 * threads, libvips' included; Pillow's own process time), since the machine is shared; wall
 * rates are in the notes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { faceRecipe, proceduralFaces, renderFace } from '../kernel-lib/src/faces';
import type { FaceIdentity, FaceVariation } from '../kernel-lib/src/faces';
import { imageFolder } from '../kernel-lib/src/images';
import { Rng } from '../kernel-lib/src/random';
import type { BenchOptions, BenchResult } from './types';

async function timed<T>(f: () => Promise<T> | T): Promise<{ wall: number; cpu: number; value: T }> {
  const t = performance.now(), c = process.cpuUsage();
  const value = await f();
  const u = process.cpuUsage(c);
  return { wall: (performance.now() - t) / 1000, cpu: (u.user + u.system) / 1e6, value };
}

/** LFW-like files: 250×250 JPEGs of procedural faces, 50 per folder. */
async function makeFolder(n: number): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'synthlab-bench-images-'));
  const faces = proceduralFaces({ identities: Math.ceil(n / 4), imagesPerIdentity: 4, size: 128, seed: 1 });
  const b = faces.source.imageBytes;
  const px = new Uint8Array(n * b);
  faces.source.readSync?.(Int32Array.from({ length: n }, (_, i) => i), px);
  for (let i = 0; i < n; i++) {
    const dir = join(root, String(Math.floor(i / 50)).padStart(5, '0'));
    mkdirSync(dir, { recursive: true });
    await sharp(px.subarray(i * b, (i + 1) * b), { raw: { width: 128, height: 128, channels: 3 } })
      .resize(250, 250).jpeg({ quality: 90 }).toFile(join(dir, `${String(i).padStart(5, '0')}.jpg`));
  }
  return root;
}

const PIL_SCRIPT = `
import os, sys, time
from PIL import Image, ImageOps
root = sys.argv[1]; n = 0
t = time.perf_counter(); c = time.process_time()
for d, _, fs in os.walk(root):
    for f in sorted(fs):
        im = Image.open(os.path.join(d, f)).convert('RGB')
        ImageOps.fit(im, (64, 64), Image.LANCZOS).tobytes(); n += 1
print(n / (time.process_time() - c), n / (time.perf_counter() - t))
`;

/** Pillow's [images per CPU-second, images per wall second]. */
function pillowRate(root: string): [number, number] | undefined {
  try {
    const [cpu, wall] = execFileSync('/usr/bin/python3', ['-c', PIL_SCRIPT, root], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    return [cpu, wall];
  } catch {
    return undefined; // python3-pil not installed: no peer figure
  }
}

/** The same face as SVG (ellipses and quadratic paths), for the sharp-rasteriser comparison. */
function faceSvg(id: FaceIdentity, v: FaceVariation, size: number): string {
  const col = (c: readonly number[]) => `rgb(${c.map((x) => Math.round(Math.min(1, Math.max(0, x)) * 255)).join(',')})`;
  const e = (x: number, y: number, rx: number, ry: number, c: readonly number[], extra = '') => `<ellipse cx="${x}" cy="${y}" rx="${rx}" ry="${ry}" fill="${col(c)}" ${extra}/>`;
  const q = (x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, w: number, c: readonly number[]) =>
    `<path d="M${x0} ${y0} Q${x1} ${y1} ${x2} ${y2}" stroke="${col(c)}" stroke-width="${w}" fill="none" stroke-linecap="round"/>`;
  const s = size * 0.3 * v.scale, W = id.head.width;
  const parts: string[] = [
    `<defs><linearGradient id="g"><stop offset="0" stop-color="${col(v.bg[0])}"/><stop offset="1" stop-color="${col(v.bg[1])}"/></linearGradient></defs>`,
    `<rect width="${size}" height="${size}" fill="url(#g)"/>`,
    `<g transform="translate(${size * (0.5 + v.shiftX)} ${size * (0.45 + v.shiftY)}) rotate(${(v.roll * 180) / Math.PI}) scale(${s})">`,
    e(0, 2.05, 1.55, 0.8, v.shirt), e(0, 1.2, W * 0.45, 0.55, id.skin),
    ...id.hair.back.map((p) => e(p.x, p.y, p.rx, p.ry, id.hairColour)),
    e(-W, id.earY, id.earSize * 0.55, id.earSize, id.skin), e(W, id.earY, id.earSize * 0.55, id.earSize, id.skin),
    e(0, 0, W, id.head.height, id.skin), e(0, id.head.jawDrop, id.head.jawWidth, 1, id.skin),
  ];
  for (const side of [-1, 1]) {
    const ex = side * id.eyeSpacing;
    parts.push(e(ex, id.eyeY, id.eye.rx, id.eye.ry * v.eyeOpen, [0.95, 0.94, 0.9]), e(ex, id.eyeY, 0.055, 0.055, id.eyeColour), e(ex, id.eyeY, 0.025, 0.025, [0, 0, 0]));
    parts.push(q(ex - 0.13, id.eyeY - id.browGap, ex, id.eyeY - id.browGap - id.browArch, ex + 0.15, id.eyeY - id.browGap, id.browThickness, id.hairColour));
    parts.push(e(side * id.nose.width, id.eyeY + 0.06 + id.nose.length, id.nose.nostril, id.nose.nostril * 0.7, [0.3, 0.2, 0.2]));
  }
  parts.push(q(-id.mouthWidth, id.mouthY, 0, id.mouthY + v.smile * 0.06, id.mouthWidth, id.mouthY, id.lipThickness, id.lipColour), '</g>');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">${parts.join('')}</svg>`;
}

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const n = quick ? 120 : 600;
  const root = await makeFolder(n);
  const cacheDir = join(root, '..', `${root.split('/').pop()}-cache`);
  try {
    const load = await timed(() => imageFolder(root, { size: 64, storage: 'memory' }));
    const pil = pillowRate(root);
    results.push({
      name: 'imageFolder decode+resize 250→64 JPEG', unit: 'images per CPU-second', ours: n / load.cpu, peer: pil?.[0], ratio: pil ? n / load.cpu / pil[0] : undefined,
      notes: `${n} files, sharp lanczos3 centre crop, 8 in flight: ${(n / load.wall).toFixed(0)} images/s wall; peer = Pillow ImageOps.fit LANCZOS, one thread${pil ? `: ${pil[1].toFixed(0)} images/s wall` : ' (python3-pil not installed)'}`,
    });
    await imageFolder(root, { size: 64, cacheDir });
    const cached = await timed(async () => {
      const ds = await imageFolder(root, { size: 64, cacheDir });
      for await (const b of ds.batches({ batchSize: 64, seed: 1 })) b.images.dispose();
      return ds.size;
    });
    results.push({ name: 'imageFolder from disk cache, one epoch to tensors', unit: 'images/s', ours: n / cached.wall, notes: `${n} images at 64 px, batches of 64, includes the folder scan and cache-key hashing` });
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }

  const recipe = faceRecipe(1);
  const m = quick ? 300 : 2000;
  const ids = Array.from({ length: 50 }, (_, i) => recipe.identity(i));
  const vars = Array.from({ length: 50 }, (_, j) => recipe.variation(j, 0));
  const out = new Uint8Array(64 * 64 * 3);
  for (let k = 0; k < 50; k++) renderFace(ids[k], vars[k], 64, 3, k, out); // warm-up (JIT)
  const ours = await timed(() => { for (let k = 0; k < m; k++) renderFace(ids[k % 50], vars[(k * 7) % 50], 64, 3, new Rng(k), out); });
  const svgs = Array.from({ length: 50 }, (_, k) => faceSvg(ids[k], vars[(k * 7) % 50], 64));
  const ms = quick ? 100 : 400;
  const svg = await timed(async () => {
    for (let k = 0; k < ms; k += 4) {
      await Promise.all([0, 1, 2, 3].map((d) => sharp(Buffer.from(svgs[(k + d) % 50])).raw().toBuffer()));
    }
  });
  results.push({
    name: 'procedural faces rendered at 64 px', unit: 'faces per CPU-second', ours: m / ours.cpu, peer: ms / svg.cpu, ratio: (m / ours.cpu) / (ms / svg.cpu),
    notes: `ours one thread: ${(m / ours.wall).toFixed(0)} faces/s wall; peer = sharp (libvips threads) rasterising a simpler SVG of the same face (no lighting, blur or noise), 4 in flight: ${(ms / svg.wall).toFixed(0)} faces/s wall`,
  });
  return results;
}
