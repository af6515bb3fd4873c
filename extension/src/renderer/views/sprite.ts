/**
 * Image-grid sprites: untrusted base64 → checked PNG bytes → blob URL and decoded image;
 * crops and composes with a canvas (nearest-neighbour, so pixels stay crisp).
 */
import type { ImageGridFrame } from '../../../../kernel-lib/src/display/mime';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A frame's sprite, decoded once and kept while the view lives. */
export interface Sprite {
  /** `blob:` URL of the PNG, for CSS backgrounds. */
  url: string;
  image: HTMLImageElement;
}

/**
 * Decodes a frame's PNG. Only bytes that start with the PNG signature become a blob URL typed
 * `image/png`; the decoded size must hold `rows × cols` cells.
 */
export async function loadSprite(doc: Document, frame: ImageGridFrame, where: string): Promise<Sprite> {
  const bytes = base64ToBytes(frame.png);
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error(`${where}.png is not PNG data`);
  const win = doc.defaultView as Window & typeof globalThis;
  const url = win.URL.createObjectURL(new win.Blob([bytes as BlobPart], { type: 'image/png' }));
  const image = new win.Image();
  image.src = url;
  try {
    await image.decode();
  } catch {
    win.URL.revokeObjectURL(url);
    throw new Error(`${where}.png could not be decoded as an image`);
  }
  const needW = frame.cols * frame.cellWidth, needH = frame.rows * frame.cellHeight;
  if (image.naturalWidth < needW || image.naturalHeight < needH) {
    win.URL.revokeObjectURL(url);
    throw new Error(`${where}: the sprite is ${image.naturalWidth}×${image.naturalHeight} px but ${frame.cols} cols × ${frame.rows} rows of ${frame.cellWidth}×${frame.cellHeight} need ${needW}×${needH}`);
  }
  return { url, image };
}

function canvas2d(doc: Document, w: number, h: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = doc.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this page has no 2-D canvas');
  ctx.imageSmoothingEnabled = false;
  return { canvas, ctx };
}

/** One cell of the sprite at `scale`× into a new canvas. */
export function cropCell(doc: Document, sprite: Sprite, frame: ImageGridFrame, index: number, scale = 1): HTMLCanvasElement {
  const { cellWidth: w, cellHeight: h, cols } = frame;
  const { canvas, ctx } = canvas2d(doc, w * scale, h * scale);
  ctx.drawImage(sprite.image, (index % cols) * w, Math.floor(index / cols) * h, w, h, 0, 0, w * scale, h * scale);
  return canvas;
}

/** The grid as shown: `count` cells at `scale`× with `gap` px between them, as a PNG data URL. */
export function composeGrid(doc: Document, sprite: Sprite, frame: ImageGridFrame, scale: number, gap: number): string {
  const { cellWidth: w, cellHeight: h, cols } = frame;
  const usedCols = Math.min(cols, frame.count);
  const usedRows = Math.ceil(frame.count / cols);
  const { canvas, ctx } = canvas2d(doc, Math.max(1, usedCols * (w * scale + gap) - gap), Math.max(1, usedRows * (h * scale + gap) - gap));
  for (let i = 0; i < frame.count; i++) {
    const c = i % cols, r = Math.floor(i / cols);
    ctx.drawImage(sprite.image, c * w, r * h, w, h, c * (w * scale + gap), r * (h * scale + gap), w * scale, h * scale);
  }
  return canvas.toDataURL('image/png');
}
