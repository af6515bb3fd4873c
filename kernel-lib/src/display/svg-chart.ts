/**
 * A small static SVG chart (axes, ticks, legend; lines or points): the fallback picture for
 * every chart-like output, readable on GitHub and in JupyterLab without our extension.
 */
import { escapeXml } from './output';

export interface SvgSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number | null>;
  kind?: 'line' | 'points';
  /** CSS colour; default from the palette by series index. */
  color?: string;
}

export interface SvgChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
  width?: number;
  height?: number;
  /** Draw a legend (default: when there are several series). */
  legend?: boolean;
}

/** Tableau-10, distinguishable in light and dark themes. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** "Nice" tick values covering [lo, hi] (1-2-5 steps). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function fmt(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

/** Keeps at most ~`max` points of a line, preserving each bucket's min and max (no lost spikes). */
function decimate(xs: number[], ys: number[], max: number): [number[], number[]] {
  if (xs.length <= max) return [xs, ys];
  const bucket = Math.ceil(xs.length / (max / 2));
  const ox: number[] = [], oy: number[] = [];
  for (let s = 0; s < xs.length; s += bucket) {
    let lo = s, hi = s;
    for (let i = s; i < Math.min(s + bucket, xs.length); i++) { if (ys[i] < ys[lo]) lo = i; if (ys[i] > ys[hi]) hi = i; }
    for (const i of lo < hi ? [lo, hi] : [hi, lo]) { ox.push(xs[i]); oy.push(ys[i]); }
  }
  return [ox, oy];
}

/** Renders series as an SVG document string. Non-finite and null values are skipped. */
export function svgChart(series: SvgSeries[], options: SvgChartOptions = {}): string {
  const W = options.width ?? 640, H = options.height ?? 360;
  const m = { left: 64, right: 16, top: options.title ? 32 : 14, bottom: 44 };
  const logY = options.logY ?? false;
  const clean = series.map((s) => {
    const xs: number[] = [], ys: number[] = [];
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i], y = s.y[i];
      if (y === null || !Number.isFinite(x) || !Number.isFinite(y) || (logY && y <= 0)) continue;
      xs.push(x); ys.push(logY ? Math.log10(y) : y);
    }
    return { ...s, xs, ys };
  });
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const s of clean) for (let i = 0; i < s.xs.length; i++) {
    x0 = Math.min(x0, s.xs[i]); x1 = Math.max(x1, s.xs[i]); y0 = Math.min(y0, s.ys[i]); y1 = Math.max(y1, s.ys[i]);
  }
  if (!Number.isFinite(x0)) { x0 = 0; x1 = 1; y0 = 0; y1 = 1; }
  if (x1 === x0) { x0 -= 0.5; x1 += 0.5; }
  if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad;
  const pw = W - m.left - m.right, ph = H - m.top - m.bottom;
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => m.top + ph - ((y - y0) / (y1 - y0)) * ph;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  if (options.title) out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(options.title)}</text>`);
  for (const t of niceTicks(x0, x1)) {
    out.push(`<line x1="${sx(t)}" x2="${sx(t)}" y1="${m.top}" y2="${m.top + ph}" stroke="#eee"/>`);
    out.push(`<text x="${sx(t)}" y="${m.top + ph + 14}" text-anchor="middle" fill="#444">${fmt(t)}</text>`);
  }
  for (const t of niceTicks(y0, y1)) {
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 6}" y="${sy(t) + 4}" text-anchor="end" fill="#444">${logY ? '1e' + fmt(t) : fmt(t)}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  if (options.xLabel) out.push(`<text x="${m.left + pw / 2}" y="${H - 8}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`);
  if (options.yLabel) out.push(`<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel + (logY ? ' (log)' : ''))}</text>`);
  clean.forEach((s, i) => {
    const color = escapeXml(s.color ?? PALETTE[i % PALETTE.length]);
    if ((s.kind ?? 'line') === 'line') {
      const [xs, ys] = decimate(s.xs, s.ys, 2000);
      const d = xs.map((x, j) => `${j ? 'L' : 'M'}${sx(x).toFixed(1)} ${sy(ys[j]).toFixed(1)}`).join('');
      if (d) out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    } else {
      const step = Math.max(1, Math.ceil(s.xs.length / 5000));
      for (let j = 0; j < s.xs.length; j += step) out.push(`<circle cx="${sx(s.xs[j]).toFixed(1)}" cy="${sy(s.ys[j]).toFixed(1)}" r="2" fill="${color}" fill-opacity="0.7"/>`);
    }
  });
  if (options.legend ?? clean.length > 1) {
    clean.forEach((s, i) => {
      const y = m.top + 8 + i * 14;
      const color = escapeXml(s.color ?? PALETTE[i % PALETTE.length]);
      out.push(`<rect x="${m.left + pw - 130}" y="${y - 8}" width="10" height="10" fill="${color}"/>`);
      out.push(`<text x="${m.left + pw - 116}" y="${y + 1}">${escapeXml(s.name)}</text>`);
    });
  }
  out.push('</svg>');
  return out.join('');
}
