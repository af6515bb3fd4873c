/**
 * CSV after RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF quoted, quotes doubled.
 * A null cell is an empty unquoted field and an empty string is `""`, so the two survive a round trip.
 */
import { Table } from '../table';
import type { Cell } from '../table';
import { cellText } from './cells';

const NEEDS_QUOTES = /[",\r\n]/;

function field(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  const s = cellText(v);
  if (s === '') return '""';
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rows of `table` as CSV text (with a header line first when `header`). */
export function csvLines(table: Table, header: boolean): string {
  const cols = table.names.map((n) => table.column(n));
  const parts: string[] = [];
  if (header) parts.push(table.names.map(field).join(',') + '\r\n');
  for (let i = 0; i < table.numRows; i++) {
    let line = '';
    for (let c = 0; c < cols.length; c++) line += (c ? ',' : '') + field(cols[c][i]);
    parts.push(line + '\r\n');
  }
  return parts.join('');
}

/**
 * A table as RFC 4180 CSV text with a header.
 * @example toCsv(people({ n: 10, locale: 'fr', seed: 1 }))
 */
export function toCsv(table: Table): string {
  return csvLines(table, true);
}

/**
 * Parses RFC 4180 CSV (CRLF or LF line ends) into a table of strings; the first record is the
 * header. Empty unquoted fields are null, `""` is the empty string.
 * @example parseCsv('a,b\r\n1,"x, y"\r\n').row(0) // { a: '1', b: 'x, y' }
 */
export function parseCsv(text: string): Table {
  const records: (string | null)[][] = [];
  let rec: (string | null)[] = [];
  let i = 0;
  const n = text.length;
  let line = 1;
  if (n === 0) throw new Error('parseCsv: the text is empty; a CSV needs at least a header line');
  for (;;) {
    let value: string | null;
    if (text[i] === '"') {
      const startLine = line;
      let s = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error(`parseCsv: a quoted field opened on line ${startLine} never closes`);
        s += text.slice(i, q);
        for (let k = i; k < q; k++) if (text[k] === '\n') line++;
        if (text[q + 1] === '"') { s += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        throw new Error(`parseCsv: line ${line}: text after a closing quote; quotes inside a field must be doubled ("")`);
      }
      value = s;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') j++;
      value = j === i ? null : text.slice(i, j);
      if (value !== null && value.includes('"')) throw new Error(`parseCsv: line ${line}: a quote inside an unquoted field; quote the field and double the quote`);
      i = j;
    }
    rec.push(value);
    if (i < n && text[i] === ',') { i++; continue; }
    // End of record (line end or end of text).
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    records.push(rec);
    rec = [];
    if (i >= n) break;
  }
  const [head, ...rows] = records;
  const names = head.map((h, k) => {
    if (h === null) throw new Error(`parseCsv: header column ${k + 1} is empty; every column needs a name`);
    const first = head.indexOf(h);
    if (first !== k) throw new Error(`parseCsv: header columns ${first + 1} and ${k + 1} are both named "${h}"; column names must be unique`);
    return h;
  });
  const cols: Cell[][] = names.map(() => new Array<Cell>(rows.length));
  rows.forEach((r, ri) => {
    if (r.length !== names.length) throw new Error(`parseCsv: record ${ri + 2} has ${r.length} fields; the header has ${names.length}`);
    for (let c = 0; c < names.length; c++) cols[c][ri] = r[c];
  });
  return new Table(new Map(names.map((nm, c) => [nm, cols[c]] as const)));
}
