/** Small table helpers the synthesizer needs: input coercion, row filtering, concatenation. */
import { Table, type Cell, type Column, type Row } from '../tabular';
import { parseCsv } from '../tabular/io';

/** A table, row records, named columns, or CSV text with a header (RFC 4180). */
export type TableInput = Table | readonly Row[] | Record<string, Column> | string;

export function asTable(data: TableInput): Table {
  if (data instanceof Table) return data;
  if (typeof data === 'string') return parseCsv(data);
  if (Array.isArray(data)) return Table.fromRecords(data as Row[]);
  return new Table(data as Record<string, Column>);
}

/** Concatenates column maps with the same names (typed arrays stay typed when all parts are). */
export function concatColumns(parts: readonly Map<string, Column>[], names: readonly string[]): Map<string, Column> {
  const out = new Map<string, Column>();
  for (const name of names) {
    const cols = parts.map((p) => p.get(name)!);
    if (cols.every((c) => c instanceof Float64Array)) {
      const total = cols.reduce((s, c) => s + c.length, 0);
      const merged = new Float64Array(total);
      let o = 0;
      for (const c of cols) { merged.set(c as Float64Array, o); o += c.length; }
      out.set(name, merged);
    } else {
      const merged: Cell[] = [];
      for (const c of cols) for (let i = 0; i < c.length; i++) merged.push(c[i] as Cell);
      out.set(name, merged);
    }
  }
  return out;
}

/** Rows of a column map where keep[i] is 1. */
export function filterColumns(cols: Map<string, Column>, keep: Uint8Array): Map<string, Column> {
  const idx: number[] = [];
  for (let i = 0; i < keep.length; i++) if (keep[i]) idx.push(i);
  const out = new Map<string, Column>();
  for (const [k, c] of cols) {
    if (c instanceof Float64Array) out.set(k, Float64Array.from(idx, (i) => c[i]));
    else out.set(k, idx.map((i) => (c[i] as Cell) ?? null));
  }
  return out;
}
