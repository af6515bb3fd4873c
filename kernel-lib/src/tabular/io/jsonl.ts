/** JSON lines: one JSON object per row, `\n` after each. Dates are written as ISO text. */
import { Table } from '../table';
import type { Row } from '../table';
import { cellJson } from './cells';

/** The rows of `table` as JSON lines. */
export function toJsonl(table: Table): string {
  const cols = table.names.map((n) => table.column(n));
  const names = table.names;
  const parts: string[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const o: Record<string, string | number | boolean | null> = {};
    for (let c = 0; c < cols.length; c++) o[names[c]] = cellJson(cols[c][i]);
    parts[i] = JSON.stringify(o) + '\n';
  }
  return parts.join('');
}

/**
 * Parses JSON lines into a table (columns: the union of keys, in first-seen order); blank lines
 * are skipped, a bad line is reported by number.
 */
export function parseJsonl(text: string): Table {
  const records: Row[] = [];
  text.split('\n').forEach((line, k) => {
    if (line.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new Error(`parseJsonl: line ${k + 1} is not JSON (${(e as Error).message})`);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`parseJsonl: line ${k + 1} is not a JSON object`);
    for (const [key, cell] of Object.entries(v)) {
      if (cell !== null && typeof cell === 'object') throw new Error(`parseJsonl: line ${k + 1}, key "${key}": nested values are not table cells`);
    }
    records.push(v as Row);
  });
  return Table.fromRecords(records);
}
