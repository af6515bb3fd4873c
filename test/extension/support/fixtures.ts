/**
 * Seeded payloads for the renderer tests and screenshots, built with the library's own PNG
 * encoder and MIME schemas so the renderer is tested against what the kernel side emits.
 */
import { encodePng } from '../../../kernel-lib/src/display/png';
import type { DistributionComparisonPayload, ImageGridFrame, ImageGridPayload, ScatterPayload, TablePayload, TrainingCurvesPayload } from '../../../kernel-lib/src/display/mime';
import { Rng } from '../../../kernel-lib/src/random';

/** A blob-like RGB picture per cell; `noise` in [0, 1] (high early in "training", low late). */
function drawCell(rng: Rng, size: number, noise: number, out: Uint8Array, stride: number, x0: number, y0: number): void {
  const hue = (rng.float() + 0.618 * rng.int(1000)) % 1, cx = size * (0.35 + 0.3 * rng.float()), cy = size * (0.35 + 0.3 * rng.float());
  const r = size * (0.22 + 0.12 * rng.float());
  const base = [Math.round(127 + 127 * Math.cos(6.283 * hue)), Math.round(127 + 127 * Math.cos(6.283 * (hue + 0.33))), Math.round(127 + 127 * Math.cos(6.283 * (hue + 0.66)))];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - cx, y - cy) / r;
      const inside = d < 1 ? 1 : d < 1.35 ? 0.45 : 0.08;
      for (let c = 0; c < 3; c++) {
        const v = base[c] * inside + 255 * noise * (rng.float() - 0.5);
        out[(y0 + y) * stride + (x0 + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
}

export function gridFrame(seed: number, opts: { count: number; cols: number; cell: number; noise: number; label?: string; step?: number; captions?: string[] }): ImageGridFrame {
  const { count, cols, cell } = opts;
  const rows = Math.ceil(count / cols);
  const width = cols * cell, height = rows * cell;
  const pixels = new Uint8Array(width * height * 3);
  const rng = new Rng(seed);
  for (let i = 0; i < count; i++) drawCell(rng.derive(`cell${i}`), cell, opts.noise, pixels, width * 3, (i % cols) * cell, Math.floor(i / cols) * cell);
  return {
    png: encodePng(pixels, width, height, 3).toString('base64'), cols, rows, cellWidth: cell, cellHeight: cell, count,
    ...(opts.label !== undefined ? { label: opts.label } : {}), ...(opts.step !== undefined ? { step: opts.step } : {}),
    ...(opts.captions ? { captions: opts.captions } : {}),
  };
}

/** `epochs` frames of the same `count` images, sharper each epoch. */
export function gridPayload(opts: { epochs?: number; count?: number; cols?: number; cell?: number; captions?: (i: number) => string; title?: string } = {}): ImageGridPayload {
  const { epochs = 1, count = 24, cols = 8, cell = 16 } = opts;
  const captions = opts.captions ? Array.from({ length: count }, (_, i) => (opts.captions as (i: number) => string)(i)) : undefined;
  return {
    ...(opts.title ? { title: opts.title } : {}),
    frames: Array.from({ length: epochs }, (_, e) => gridFrame(7, {
      count, cols, cell, noise: epochs === 1 ? 0.15 : 0.9 * (1 - e / Math.max(1, epochs - 1)) + 0.05,
      label: `epoch ${e + 1}`, step: e + 1, ...(captions ? { captions } : {}),
    })),
  };
}

/** GAN-like losses over `points` steps, and an accuracy on the right axis. */
export function curvesPayload(points: number, opts: { title?: string; accuracy?: boolean } = {}): TrainingCurvesPayload {
  const rng = new Rng(11);
  const x = Array.from({ length: points }, (_, i) => i * 10);
  const d = x.map((_, i) => 0.7 + 0.6 * Math.exp(-i / (points / 5)) + 0.15 * rng.normal());
  const g = x.map((_, i) => 1.6 - 0.5 * Math.exp(-i / (points / 4)) + 0.25 * rng.normal());
  const series: TrainingCurvesPayload['series'] = [{ name: 'D loss', x, y: d }, { name: 'G loss', x, y: g }];
  if (opts.accuracy) series.push({ name: 'D accuracy', x, y: x.map((_, i) => (i % 7 === 3 ? null : Math.min(1, 0.5 + 0.3 * (1 - Math.exp(-i / (points / 3))) + 0.05 * rng.normal()))), axis: 'right' });
  return { title: opts.title ?? 'Training losses', xLabel: 'step', yLabel: 'loss', series };
}

export function scatterPayload(points: number, groups = 4): ScatterPayload {
  const rng = new Rng(3);
  const x: number[] = [], y: number[] = [], g: string[] = [];
  for (let i = 0; i < points; i++) {
    const k = i % groups;
    x.push(3 * Math.cos((6.283 * k) / groups) + rng.normal());
    y.push(3 * Math.sin((6.283 * k) / groups) + rng.normal());
    g.push(`class ${k}`);
  }
  return { title: 'Embedding (PCA)', xLabel: 'PC 1', yLabel: 'PC 2', x, y, groups: g };
}

export function tablePayload(): TablePayload {
  return {
    title: 'people',
    columns: [{ name: 'name', type: 'string' }, { name: 'age', type: 'int' }, { name: 'income', type: 'float' }, { name: 'member', type: 'bool' }],
    rows: [
      ['Ada Lovelace', 36, 5123.25, true], ['Alan Turing', 41, null, false], ['Grace Hopper', 85, 8012.5, true],
      ['Claude Shannon', 84, 7321.125, null], ['Katherine Johnson', 101, 6650, true],
    ],
    totalRows: 1000,
  };
}

/** `panels` hand-made real vs synthetic panels: histograms and category bars alternating. */
export function distributionsPayload(panels: number): DistributionComparisonPayload {
  const rng = new Rng(17);
  return {
    title: 'Real vs synthetic',
    panels: Array.from({ length: panels }, (_, i): DistributionComparisonPayload['panels'][number] => {
      if (i % 2 === 1) {
        const labels = ['red', 'green', 'blue', '(other)'];
        const real = [0.5, 0.3, 0.15, 0.05], synthetic = real.map((v) => v + 0.03 * (rng.float() - 0.5));
        return { column: `colour ${i}`, kind: 'bars', labels, real, synthetic, metric: 'TVComplement', score: 0.95 };
      }
      const edges = Array.from({ length: 11 }, (_, k) => k * 10);
      const bell = (k: number, mu: number) => Math.exp(-((k - mu) ** 2) / 8);
      const norm = (v: number[]) => { const s = v.reduce((a, b) => a + b, 0); return v.map((x) => x / s); };
      return {
        column: `col ${i}`, kind: 'histogram', edges, labels: edges.slice(0, -1).map((e) => `${e}–${e + 10}`),
        real: norm(Array.from({ length: 10 }, (_, k) => bell(k, 4.5))), synthetic: norm(Array.from({ length: 10 }, (_, k) => bell(k, 5))),
        metric: 'KSComplement', score: 0.9 + 0.01 * i,
      };
    }),
  };
}
