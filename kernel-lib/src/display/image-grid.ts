/**
 * Image grids: many images as one PNG sprite per frame (e.g. one frame per epoch), under the
 * `image-grid.v1` vendor type, with an upscaled PNG of the last frame as the fallback.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { encodePng } from './png';
import { MIME, type ImageGridFrame, type ImageGridPayload } from './mime';
import { RichOutput } from './output';

/** One image as raw pixels, row-major, `channels` interleaved. Floats follow `range`. */
export interface RawImage {
  data: Uint8Array | Uint8ClampedArray | Float32Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** Images as a 4-D tensor [N, H, W, C] (C = 1, 3 or 4), a 3-D one [N, H, W], or raw images. */
export type ImagesInput = Tensor | RawImage[];

/** How float pixel values map to 0..255. 'auto' reads the data: min < 0 → [-1, 1], max > 1 → [0, 255]. */
export type PixelRange = 'auto' | '[-1,1]' | '[0,1]' | '[0,255]';

export interface GridFrameInput {
  images: ImagesInput;
  label?: string;
  step?: number;
  captions?: string[];
}

export interface ImageGridOptions {
  /** Columns of the grid (default: ⌈√N⌉, at most 16). */
  cols?: number;
  captions?: string[];
  title?: string;
  label?: string;
  step?: number;
  range?: PixelRange;
}

interface Pixels { data: Uint8Array; count: number; width: number; height: number; channels: 1 | 3 | 4 }

function toByte(v: number, lo: number, hi: number): number {
  const b = Math.round(((v - lo) / (hi - lo)) * 255);
  return b < 0 ? 0 : b > 255 ? 255 : b;
}

function rangeBounds(range: PixelRange, data: ArrayLike<number>): [number, number] {
  if (range === '[-1,1]') return [-1, 1];
  if (range === '[0,1]') return [0, 1];
  if (range === '[0,255]') return [0, 255];
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < data.length; i++) { const v = data[i]; if (v < min) min = v; if (v > max) max = v; }
  if (max > 1.5) return [0, 255];
  return min < -0.01 ? [-1, 1] : [0, 1];
}

function readImages(input: ImagesInput, range: PixelRange): Pixels {
  if (Array.isArray(input)) {
    if (input.length === 0) throw new Error('imageGrid: no images given');
    const { width, height, channels } = input[0];
    const size = width * height * channels;
    const data = new Uint8Array(size * input.length);
    input.forEach((img, i) => {
      if (img.width !== width || img.height !== height || img.channels !== channels) {
        throw new Error(`imageGrid: image ${i} is ${img.width}×${img.height}×${img.channels}, image 0 is ${width}×${height}×${channels}; all must match`);
      }
      if (img.data.length !== size) throw new Error(`imageGrid: image ${i} has ${img.data.length} values, expected ${size}`);
      if (img.data instanceof Float32Array) {
        const [lo, hi] = rangeBounds(range, img.data);
        for (let j = 0; j < size; j++) data[i * size + j] = toByte(img.data[j], lo, hi);
      } else data.set(img.data, i * size);
    });
    return { data, count: input.length, width, height, channels };
  }
  const shape = input.shape;
  if (shape.length !== 3 && shape.length !== 4) {
    throw new Error(`imageGrid: expected a tensor of shape [N, H, W] or [N, H, W, C], got [${shape.join(', ')}]`);
  }
  const channels = (shape.length === 4 ? shape[3] : 1) as number;
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new Error(`imageGrid: tensor has ${channels} channels (shape [${shape.join(', ')}]); 1, 3 or 4 are drawable`);
  }
  const values = input.dataSync();
  const [lo, hi] = input.dtype === 'int32' ? [0, 255] : rangeBounds(range, values as Float32Array);
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = toByte(values[i] as number, lo, hi);
  return { data, count: shape[0], width: shape[2], height: shape[1], channels };
}

/** Lays the images out row-major into one sprite; channels widened to RGB(A). */
function sprite(px: Pixels, cols: number): { png: Buffer; rgba: Uint8Array; width: number; height: number; rows: number } {
  const rows = Math.max(1, Math.ceil(px.count / cols));
  const outC = px.channels === 4 ? 4 : 3;
  const width = cols * px.width, height = rows * px.height;
  const rgba = new Uint8Array(width * height * outC);
  const size = px.width * px.height * px.channels;
  for (let i = 0; i < px.count; i++) {
    const ox = (i % cols) * px.width, oy = Math.floor(i / cols) * px.height;
    for (let y = 0; y < px.height; y++) {
      for (let x = 0; x < px.width; x++) {
        const src = i * size + (y * px.width + x) * px.channels;
        const dst = ((oy + y) * width + ox + x) * outC;
        if (px.channels === 1) { rgba[dst] = rgba[dst + 1] = rgba[dst + 2] = px.data[src]; } else {
          for (let c = 0; c < outC; c++) rgba[dst + c] = px.data[src + c];
        }
      }
    }
  }
  return { png: encodePng(rgba, width, height, outC), rgba, width, height, rows };
}

/** The fallback picture: nearest-neighbour upscaled so small cells stay visible, 2 px gaps. */
function fallbackPng(px: Pixels, cols: number, rows: number, rgba: Uint8Array): Buffer {
  const scale = Math.max(1, Math.min(4, Math.floor(96 / Math.max(px.width, px.height))));
  const gap = 2, outC = px.channels === 4 ? 4 : 3;
  const cw = px.width * scale, ch = px.height * scale;
  const width = cols * (cw + gap) - gap, height = rows * (ch + gap) - gap;
  const out = new Uint8Array(width * height * outC).fill(255);
  const srcWidth = cols * px.width;
  for (let i = 0; i < px.count; i++) {
    const cx = i % cols, cy = Math.floor(i / cols);
    for (let y = 0; y < ch; y++) {
      const sy = cy * px.height + Math.floor(y / scale);
      for (let x = 0; x < cw; x++) {
        const sx = cx * px.width + Math.floor(x / scale);
        const s = (sy * srcWidth + sx) * outC;
        const d = ((cy * (ch + gap) + y) * width + cx * (cw + gap) + x) * outC;
        for (let c = 0; c < outC; c++) out[d + c] = rgba[s + c];
      }
    }
  }
  return encodePng(out, width, height, outC);
}

/**
 * A grid of images with one frame per entry (e.g. samples after each epoch); the renderer
 * steps through frames, other front ends show the last one.
 * @example display(imageGridFrames([{ images: samplesEpoch1, label: 'epoch 1' }, { images: samplesEpoch2, label: 'epoch 2' }]))
 */
export function imageGridFrames(frames: GridFrameInput[], options: Omit<ImageGridOptions, 'captions' | 'label' | 'step'> = {}): RichOutput {
  if (frames.length === 0) throw new Error('imageGridFrames: no frames given');
  const range = options.range ?? 'auto';
  let last: { px: Pixels; cols: number; rows: number; rgba: Uint8Array } | null = null;
  const payloadFrames: ImageGridFrame[] = frames.map((f, i) => {
    const px = readImages(f.images, range);
    const cols = Math.max(1, Math.min(px.count, options.cols ?? Math.min(16, Math.ceil(Math.sqrt(px.count)))));
    if (f.captions && f.captions.length > px.count) {
      throw new Error(`imageGrid: frame ${i} has ${f.captions.length} captions for ${px.count} images`);
    }
    const s = sprite(px, cols);
    last = { px, cols, rows: s.rows, rgba: s.rgba };
    return {
      ...(f.label !== undefined ? { label: f.label } : {}),
      ...(f.step !== undefined ? { step: f.step } : {}),
      png: s.png.toString('base64'), cols, rows: s.rows, cellWidth: px.width, cellHeight: px.height, count: px.count,
      ...(f.captions ? { captions: f.captions.map(String) } : {}),
    };
  });
  const payload: ImageGridPayload = { ...(options.title ? { title: options.title } : {}), frames: payloadFrames };
  const l = last as unknown as { px: Pixels; cols: number; rows: number; rgba: Uint8Array };
  const lastFrame = payloadFrames[payloadFrames.length - 1];
  const text = `${options.title ? options.title + ': ' : ''}image grid, ${lastFrame.count} images of ${l.px.width}×${l.px.height}×${l.px.channels}` +
    `${lastFrame.label ? ` (${lastFrame.label})` : ''}${frames.length > 1 ? `, ${frames.length} frames` : ''}`;
  return new RichOutput({
    [MIME.imageGrid]: payload,
    'image/png': fallbackPng(l.px, l.cols, l.rows, l.rgba).toString('base64'),
    'text/plain': text,
  });
}

/**
 * A grid of images from a tensor [N, H, W, C] or raw images, PNG-encoded.
 * @example display(imageGrid(samples, { cols: 8, captions: names }))
 */
export function imageGrid(images: ImagesInput, options: ImageGridOptions = {}): RichOutput {
  const { captions, label, step, ...rest } = options;
  return imageGridFrames([{ images, captions, label, step }], rest);
}
