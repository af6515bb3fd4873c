/**
 * `display(output)`: shows a RichOutput in the notebook (whole bundle, updatable in place), or,
 * outside a kernel, prints its text and writes its picture to a file. Never throws for want of
 * a notebook.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RichOutput } from './output';
import { currentTransport } from './transport';

export interface DisplayHandle {
  /** The Jupyter display_id: outputs sent with it replace each other in place. */
  readonly id: string;
  /** Replaces this display's output in place (`update_display_data`). */
  update(output: RichOutput): void;
}

export interface DisplayOptions {
  /** Reuse a display id (e.g. to keep one view across cells). Random when absent. */
  id?: string;
  /** Outside a kernel: don't print or write anything (for frequent updates). */
  quiet?: boolean;
}

/** Where outputs go outside a notebook: `SYNTHLAB_DISPLAY_DIR`, default `./out/display`. */
function fileDir(): string {
  return resolve(process.env.SYNTHLAB_DISPLAY_DIR ?? join('out', 'display'));
}

const FILE_TYPES: [string, string, 'base64' | 'utf8'][] = [
  ['image/png', 'png', 'base64'],
  ['image/svg+xml', 'svg', 'utf8'],
  ['text/html', 'html', 'utf8'],
];

/** Writes the first picture-like fallback to `<dir>/<id>.<ext>`; returns its path or null. */
function writeFallbackFile(output: RichOutput, id: string): string | null {
  for (const [mime, ext, encoding] of FILE_TYPES) {
    const data = output.bundle[mime];
    if (typeof data !== 'string') continue;
    try {
      const dir = fileDir();
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${id}.${ext}`);
      writeFileSync(path, Buffer.from(data, encoding));
      return path;
    } catch {
      return null; // an unwritable directory must not break the computation that displays
    }
  }
  return null;
}

/**
 * Shows `output`: in a tslab notebook as a full MIME bundle; elsewhere as text on stdout plus
 * a file for images and charts. Returns nothing, so a notebook cell ending with it prints
 * nothing more (like IPython's `display`); `liveDisplay` returns a handle for updates.
 * @example display(imageGrid(samples, { cols: 8 }))
 */
export function display(output: RichOutput, options: DisplayOptions = {}): void {
  liveDisplay(output, options);
}

/**
 * Shows `output` and returns a handle whose `update` replaces it in place (training curves,
 * progress) — IPython's `display(obj, display_id=True)`.
 * @example const h = liveDisplay(lineChart([{ name: 'loss', x, y }])); h.update(lineChart(more));
 */
export function liveDisplay(output: RichOutput, options: DisplayOptions = {}): DisplayHandle {
  const id = options.id ?? randomBytes(8).toString('hex');
  let shown = false;
  const show = (o: RichOutput, update: boolean) => {
    const transport = currentTransport();
    if (transport) {
      transport.send(o.bundle, id, update && shown);
      shown = true;
      return;
    }
    if (options.quiet) return;
    const path = writeFallbackFile(o, id);
    if (!update) console.log(path ? `${o.toString()}\n  (written to ${path})` : o.toString());
  };
  show(output, false);
  return { id, update: (o) => show(o, true) };
}
