/**
 * Pictures of a quality report: real vs synthetic distributions per column (histograms over
 * shared bins, or bars per category) and the real and synthetic correlation matrices side by
 * side. Each is a RichOutput: vendor JSON + SVG + text/plain.
 */
import type { Table } from '../tabular';
import type { Metadata } from '../copula/metadata';
import { RichOutput, escapeXml } from '../display/output';
import { MIME, type CorrelationHeatmapPayload, type DistributionPanel } from '../display/mime';
import { PALETTE } from '../display/svg-chart';
import { categories, kindOf, metadataFor, numbers } from './columns';
import { ksComplement, pearson, spearman, tvComplement } from './metrics';
import { formatTable } from './text';

const REAL = PALETTE[0], SYN = PALETTE[1];

export interface DistributionPlotOptions {
  /** Columns to draw (default: every numerical, datetime, categorical and boolean column). */
  columns?: string[];
  /** Histogram bins (default 20). */
  bins?: number;
  /** Categories shown per column, the most frequent real ones; the rest are summed as "(other)" (default 12). */
  maxCategories?: number;
  title?: string;
}

function histogramPanel(column: string, r: Float64Array, s: Float64Array, bins: number): DistributionPanel {
  let min = Infinity, max = -Infinity;
  for (const arr of [r, s]) for (const v of arr) if (!Number.isNaN(v)) { if (v < min) min = v; if (v > max) max = v; }
  if (min === Infinity) { min = 0; max = 1; }
  if (min === max) { min -= 0.5; max += 0.5; }
  const w = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => min + i * w);
  const shares = (x: Float64Array) => {
    const h = new Array<number>(bins).fill(0);
    for (const v of x) if (!Number.isNaN(v)) h[Math.min(bins - 1, Math.floor((v - min) / w))]++;
    return h.map((c) => c / Math.max(x.length, 1));
  };
  return {
    column, kind: 'histogram', edges, labels: edges.slice(0, -1).map((e, i) => `${fmt(e)}–${fmt(edges[i + 1])}`),
    real: shares(r), synthetic: shares(s), metric: 'KSComplement', score: ksComplement(r, s),
  };
}

function barsPanel(column: string, r: (string | number | boolean | null)[], s: (string | number | boolean | null)[], maxCategories: number): DistributionPanel {
  const count = (x: typeof r) => { const m = new Map<string, number>(); for (const v of x) { const k = v === null ? '(missing)' : String(v); m.set(k, (m.get(k) ?? 0) + 1); } return m; };
  const cr = count(r), cs = count(s);
  const labels = [...cr.entries()].sort((a, b) => b[1] - a[1]).slice(0, maxCategories).map(([k]) => k);
  const shown = new Set(labels);
  const real = labels.map((k) => (cr.get(k) ?? 0) / r.length), synthetic = labels.map((k) => (cs.get(k) ?? 0) / Math.max(s.length, 1));
  const rest = (m: Map<string, number>, n: number) => [...m.entries()].filter(([k]) => !shown.has(k)).reduce((a, [, c]) => a + c, 0) / Math.max(n, 1);
  if (cr.size > labels.length || [...cs.keys()].some((k) => !shown.has(k))) { labels.push('(other)'); real.push(rest(cr, r.length)); synthetic.push(rest(cs, s.length)); }
  return { column, kind: 'bars', labels, real, synthetic, metric: 'TVComplement', score: tvComplement(r, s) };
}

/** Real vs synthetic distribution of each column, as small multiples. */
export function distributionPlot(real: Table, synthetic: Table, metadata?: Metadata, options: DistributionPlotOptions = {}): RichOutput {
  const meta = metadataFor(real, metadata);
  const names = options.columns ?? real.names.filter((n) => meta.columns[n] && ['continuous', 'discrete'].includes(kindOf(meta.columns[n])));
  const panels: DistributionPanel[] = names.map((n) => {
    const m = meta.columns[n];
    if (!m) throw new Error(`distributionPlot: no column "${n}" in the metadata`);
    if (!synthetic.has(n)) throw new Error(`distributionPlot: the synthetic table lacks column "${n}"`);
    return kindOf(m) === 'continuous'
      ? histogramPanel(n, numbers(real, n, m), numbers(synthetic, n, m), options.bins ?? 20)
      : barsPanel(n, categories(real, n), categories(synthetic, n), options.maxCategories ?? 12);
  });
  const title = options.title ?? 'Real vs synthetic distributions';
  const text = [title, formatTable(['Column', 'Metric', 'Score'], panels.map((p) => [p.column, p.metric ?? '', p.score === undefined || Number.isNaN(p.score) ? 'n/a' : p.score.toFixed(3)]))].join('\n');
  return new RichOutput({ [MIME.distributionComparison]: { title, panels }, 'image/svg+xml': distributionSvg(title, panels), 'text/plain': text });
}

function distributionSvg(title: string, panels: DistributionPanel[]): string {
  const cols = Math.min(3, Math.max(panels.length, 1)), pw = 280, ph = 170, top = 44;
  const rows = Math.ceil(panels.length / cols);
  const W = cols * pw, H = top + rows * ph;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<rect x="8" y="26" width="10" height="10" fill="${REAL}"/><text x="22" y="35">real</text>`,
    `<rect x="60" y="26" width="10" height="10" fill="${SYN}"/><text x="74" y="35">synthetic</text>`,
  ];
  panels.forEach((p, i) => {
    const x0 = (i % cols) * pw + 30, y0 = top + Math.floor(i / cols) * ph + 18, w = pw - 45, h = ph - 50;
    const peak = Math.max(...p.real, ...p.synthetic, 1e-12);
    const score = p.score === undefined || Number.isNaN(p.score) ? '' : ` — ${p.metric} ${p.score.toFixed(3)}`;
    parts.push(`<text x="${x0}" y="${y0 - 4}" font-weight="bold">${escapeXml(p.column + score)}</text>`);
    parts.push(`<line x1="${x0}" y1="${y0 + h}" x2="${x0 + w}" y2="${y0 + h}" stroke="#444"/>`);
    const k = p.labels.length, bw = w / Math.max(k, 1);
    for (let j = 0; j < k; j++) {
      const hr = (p.real[j] / peak) * h, hs = (p.synthetic[j] / peak) * h;
      const bx = x0 + j * bw;
      parts.push(`<rect x="${(bx + bw * 0.08).toFixed(1)}" y="${(y0 + h - hr).toFixed(1)}" width="${(bw * 0.42).toFixed(1)}" height="${hr.toFixed(1)}" fill="${REAL}"><title>${escapeXml(`${p.labels[j]}: real ${(100 * p.real[j]).toFixed(1)}%`)}</title></rect>`);
      parts.push(`<rect x="${(bx + bw * 0.5).toFixed(1)}" y="${(y0 + h - hs).toFixed(1)}" width="${(bw * 0.42).toFixed(1)}" height="${hs.toFixed(1)}" fill="${SYN}"><title>${escapeXml(`${p.labels[j]}: synthetic ${(100 * p.synthetic[j]).toFixed(1)}%`)}</title></rect>`);
    }
    if (p.kind === 'histogram' && p.edges) {
      parts.push(`<text x="${x0}" y="${y0 + h + 13}">${escapeXml(fmt(p.edges[0]))}</text>`);
      parts.push(`<text x="${x0 + w}" y="${y0 + h + 13}" text-anchor="end">${escapeXml(fmt(p.edges[p.edges.length - 1]))}</text>`);
    } else if (k <= 8) {
      p.labels.forEach((l, j) => parts.push(`<text x="${(x0 + (j + 0.5) * bw).toFixed(1)}" y="${y0 + h + 13}" text-anchor="middle">${escapeXml(l.length > 8 ? `${l.slice(0, 7)}…` : l)}</text>`));
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The real and synthetic correlation matrices of the numerical and datetime columns, side by side. */
export function correlationHeatmaps(real: Table, synthetic: Table, metadata?: Metadata, options: { coefficient?: 'pearson' | 'spearman'; maxColumns?: number; title?: string } = {}): RichOutput {
  const meta = metadataFor(real, metadata);
  const names = real.names.filter((n) => meta.columns[n] && kindOf(meta.columns[n]) === 'continuous').slice(0, options.maxColumns ?? 30);
  const coefficient = options.coefficient ?? 'pearson';
  const f = coefficient === 'pearson' ? pearson : spearman;
  const matrix = (t: Table) => {
    const cols = names.map((n) => numbers(t, n, meta.columns[n]));
    return names.map((_, i) => names.map((__, j) => { const r = i === j ? 1 : f(cols[i], cols[j]); return Number.isNaN(r) ? null : r; }));
  };
  const payload: CorrelationHeatmapPayload = {
    title: options.title ?? `Correlation (${coefficient}): real vs synthetic`, coefficient, columns: names, real: matrix(real), synthetic: matrix(synthetic),
  };
  let worst = 0, at = '';
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) {
    const a = payload.real[i][j], b = payload.synthetic[i][j];
    if (a !== null && b !== null && Math.abs(a - b) > worst) { worst = Math.abs(a - b); at = `${names[i]} × ${names[j]}`; }
  }
  const text = `${payload.title}\n${names.length} columns; largest |real − synthetic| = ${worst.toFixed(3)}${at ? ` (${at})` : ''}`;
  return new RichOutput({ [MIME.correlationHeatmap]: payload, 'image/svg+xml': heatmapSvg(payload), 'text/plain': text });
}

/** Diverging blue (−1) – white (0) – red (+1). */
function colour(v: number | null): string {
  if (v === null) return '#ccc';
  const t = Math.max(-1, Math.min(1, v));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * Math.abs(t));
  return t >= 0 ? `rgb(${mix(255, 202)},${mix(255, 0)},${mix(255, 32)})` : `rgb(${mix(255, 5)},${mix(255, 113)},${mix(255, 176)})`;
}

function heatmapSvg(p: CorrelationHeatmapPayload): string {
  const k = p.columns.length, cell = Math.max(10, Math.min(28, Math.floor(300 / Math.max(k, 1)))), label = 90, top = 96;
  // The right margin keeps the synthetic panel's last rotated column labels inside the picture.
  const side = k * cell, W = 2 * (label + side) + 40 + 60, H = top + side + 20;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="10">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escapeXml(p.title ?? '')}</text>`,
    `<rect x="${W - 150}" y="8" width="12" height="12" fill="${colour(-1)}"/><text x="${W - 134}" y="18">−1</text>`,
    `<rect x="${W - 110}" y="8" width="12" height="12" fill="${colour(0)}" stroke="#999"/><text x="${W - 94}" y="18">0</text>`,
    `<rect x="${W - 75}" y="8" width="12" height="12" fill="${colour(1)}"/><text x="${W - 59}" y="18">+1</text>`,
  ];
  (['real', 'synthetic'] as const).forEach((which, s) => {
    const x0 = s * (label + side + 40) + label;
    parts.push(`<text x="${x0}" y="${top + side + 16}" font-weight="bold">${which}</text>`);
    p.columns.forEach((c, i) => {
      const short = c.length > 14 ? `${c.slice(0, 13)}…` : c;
      parts.push(`<text x="${x0 - 4}" y="${top + i * cell + cell * 0.65}" text-anchor="end">${escapeXml(short)}</text>`);
      parts.push(`<text transform="translate(${x0 + i * cell + cell * 0.65},${top - 4}) rotate(-60)">${escapeXml(short)}</text>`);
      p.columns.forEach((d, j) => {
        const v = p[which][i][j];
        parts.push(`<rect x="${x0 + j * cell}" y="${top + i * cell}" width="${cell}" height="${cell}" fill="${colour(v)}" stroke="white"><title>${escapeXml(`${c} × ${d}: ${v === null ? 'undefined' : v.toFixed(3)}`)}</title></rect>`);
      });
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(2) : Number(v.toPrecision(4)).toString();
}
