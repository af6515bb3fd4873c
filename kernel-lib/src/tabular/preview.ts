/**
 * A notebook preview of a table: the Synthlab table view (vendor JSON), an escaped HTML table
 * for notebooks without our renderer, and an aligned plain-text table for consoles and logs.
 */
import { MIME } from '../display/mime';
import type { TablePayload } from '../display/mime';
import { RichOutput, escapeXml } from '../display/output';
import { formatDate } from './io/cells';
import type { Cell, Column, Table } from './table';

export interface TablePreviewOptions {
  /** Rows shown (the first ones; default 20). */
  rows?: number;
  title?: string;
  /** Longer text cells are cut to this many characters with "…" (default 200). */
  maxCellChars?: number;
}

type PreviewCell = TablePayload['rows'][number][number];

/** A column's type name for the preview header. */
function columnType(col: Column): string {
  if (col instanceof Float64Array) return 'float64';
  if (col instanceof Float32Array) return 'float32';
  if (col instanceof Int32Array) return 'int32';
  const kinds = new Set<string>();
  for (const v of col) if (v !== null && v !== undefined) kinds.add(v instanceof Date ? 'date' : typeof v);
  return kinds.size === 0 ? 'null' : kinds.size === 1 ? [...kinds][0] : 'mixed';
}

function previewCell(v: Cell | undefined, max: number): PreviewCell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return formatDate(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.length > max) return v.slice(0, max - 1) + '…';
  return v;
}

const shown = (v: PreviewCell) => (v === null ? 'null' : String(v));

function htmlTable(p: TablePayload): string {
  const head = p.columns.map((c) => `<th title="${escapeXml(c.type)}">${escapeXml(c.name)}</th>`).join('');
  const body = p.rows.map((r) => '<tr>' + r.map((v) => (v === null
    ? '<td style="opacity:0.5"><i>null</i></td>'
    : `<td${typeof v === 'number' ? ' style="text-align:right"' : ''}>${escapeXml(String(v))}</td>`)).join('') + '</tr>').join('\n');
  const caption = `${p.title ? escapeXml(p.title) + ': ' : ''}${p.rows.length} of ${p.totalRows} rows × ${p.columns.length} columns`;
  return `<table><caption style="text-align:left">${caption}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

function textTable(p: TablePayload): string {
  const width = 32;
  const clip = (s: string) => (s.length > width ? s.slice(0, width - 1) + '…' : s).replace(/[\r\n\t]/g, ' ');
  const grid = [p.columns.map((c) => c.name), ...p.rows.map((r) => r.map(shown))].map((r) => r.map(clip));
  const widths = p.columns.map((_, c) => Math.max(...grid.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((s, c) => s.padEnd(widths[c])).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  const title = `${p.title ? p.title + ': ' : ''}${p.rows.length} of ${p.totalRows} rows × ${p.columns.length} columns`;
  return [title, line(grid[0]), rule, ...grid.slice(1).map(line)].join('\n');
}

/**
 * A preview of the first rows of `table` for a notebook (`display(tablePreview(t))`).
 * @example display(tablePreview(people({ n: 1000, locale: 'ru', seed: 1 }), { rows: 10, title: 'people' }))
 */
export function tablePreview(table: Table, options: TablePreviewOptions = {}): RichOutput {
  const n = Math.min(options.rows ?? 20, table.numRows);
  const max = options.maxCellChars ?? 200;
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`tablePreview: rows must be a whole number ≥ 0, got ${options.rows}`);
  const cols = table.names.map((name) => table.column(name));
  const rows: PreviewCell[][] = [];
  for (let i = 0; i < n; i++) rows.push(cols.map((c) => previewCell(c[i], max)));
  const payload: TablePayload = {
    ...(options.title ? { title: options.title } : {}),
    columns: table.names.map((name, k) => ({ name, type: columnType(cols[k]) })),
    rows,
    totalRows: table.numRows,
  };
  return new RichOutput({ [MIME.table]: payload, 'text/html': htmlTable(payload), 'text/plain': textTable(payload) });
}
