/**
 * Finding a PNG for a notebook output on the host side, without VS Code types so it runs in
 * plain tests: an image grid's sprite, a bundle's `image/png` fallback, or a renderer's data URL.
 */
import { MIME, validatePayload, type ImageGridPayload } from '../../../kernel-lib/src/display/mime';

export interface OutputItemLike { readonly mime: string; readonly data: Uint8Array }
export interface OutputLike { readonly items: readonly OutputItemLike[] }

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const SYNTHLAB_MIMES: readonly string[] = Object.values(MIME);

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** `data:image/png;base64,...` → PNG bytes; anything else is refused with the reason. */
export function decodePngDataUrl(url: string): Uint8Array {
  const prefix = 'data:image/png;base64,';
  if (!url.startsWith(prefix)) throw new Error(`expected a data:image/png;base64 URL, got "${url.slice(0, 30)}…"`);
  const bytes = new Uint8Array(Buffer.from(url.slice(prefix.length), 'base64'));
  if (!isPng(bytes)) throw new Error('the data URL does not hold PNG data');
  return bytes;
}

/** Index of the output to export: the first with a Synthlab type, else the first with a PNG; -1 if none. */
export function chooseOutput(outputs: readonly OutputLike[]): number {
  const i = outputs.findIndex((o) => o.items.some((it) => SYNTHLAB_MIMES.includes(it.mime)));
  return i >= 0 ? i : outputs.findIndex((o) => o.items.some((it) => it.mime === 'image/png'));
}

/** `image/png` items hold bytes in VS Code's ipynb support, but base64 text in some kernels' outputs. */
function pngItemBytes(data: Uint8Array): Uint8Array | undefined {
  if (isPng(data)) return data;
  const decoded = new Uint8Array(Buffer.from(new TextDecoder().decode(data).trim(), 'base64'));
  return isPng(decoded) ? decoded : undefined;
}

/**
 * A PNG held in the output itself: the newest frame's sprite of an image grid, else the
 * bundle's `image/png` fallback. Undefined when the output has neither (e.g. SVG-only charts).
 */
export function pngFromOutput(output: OutputLike): Uint8Array | undefined {
  const grid = output.items.find((it) => it.mime === MIME.imageGrid);
  if (grid) {
    try {
      const payload: unknown = JSON.parse(new TextDecoder().decode(grid.data));
      if (validatePayload(MIME.imageGrid, payload).length === 0) {
        const frames = (payload as ImageGridPayload).frames;
        const bytes = new Uint8Array(Buffer.from(frames[frames.length - 1].png, 'base64'));
        if (isPng(bytes)) return bytes;
      }
    } catch {
      // fall through to the bundle's PNG fallback
    }
  }
  const png = output.items.find((it) => it.mime === 'image/png');
  return png ? pngItemBytes(png.data) : undefined;
}
