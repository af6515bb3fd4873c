/**
 * Column types for the synthesizer (SDV's sdtypes): detected from a table, overridable per column.
 */
import type { Cell, Column, Table } from '../tabular';
import { DATE_OBJECT_FORMAT, detectDatetimeFormat } from './datetime';

export type Sdtype = 'numerical' | 'categorical' | 'boolean' | 'datetime' | 'id' | 'pii';

/** Kinds of personal data regenerated with faker (never copied). */
export type PiiKind =
  | 'email' | 'phone' | 'firstName' | 'lastName' | 'fullName' | 'address' | 'city' | 'zip'
  | 'country' | 'ssn' | 'creditCard' | 'ip' | 'username' | 'company';

export interface ColumnMetadata {
  sdtype: Sdtype;
  /** numerical: integers or floats. */
  representation?: 'integer' | 'float';
  /** numerical: decimal digits seen in the data (rounding target); null = no rounding. */
  digits?: number | null;
  /** datetime: e.g. '%Y-%m-%d', or 'Date' for JS Date objects. */
  datetimeFormat?: string;
  /** pii: which faker generator replaces the values. */
  piiKind?: PiiKind;
}

export interface Metadata {
  columns: Record<string, ColumnMetadata>;
  /** The first id column, if any. */
  primaryKey?: string;
  /** What detection decided that a user should know (mixed types, high cardinality...); hand-written metadata may leave it out. */
  warnings?: string[];
}

const PII_BY_NAME: readonly [RegExp, PiiKind][] = [
  [/e[-_ ]?mail/i, 'email'],
  [/phone|mobile|tel(ephone)?$|fax/i, 'phone'],
  [/first[-_ ]?name|given[-_ ]?name|forename/i, 'firstName'],
  [/last[-_ ]?name|surname|family[-_ ]?name/i, 'lastName'],
  [/^(full[-_ ]?)?name$|customer[-_ ]?name|person[-_ ]?name/i, 'fullName'],
  [/address|street/i, 'address'],
  [/^city$|town/i, 'city'],
  [/zip|post(al)?[-_ ]?code/i, 'zip'],
  [/^country$/i, 'country'],
  [/ssn|social[-_ ]?security/i, 'ssn'],
  [/credit[-_ ]?card|card[-_ ]?number|iban/i, 'creditCard'],
  [/^ip([-_ ]?address)?$/i, 'ip'],
  [/user[-_ ]?name|login/i, 'username'],
  [/company|employer/i, 'company'],
];

const ID_NAME = /^id$|[-_ ]id$|Id$|[-_ ]key$|^uuid$/;
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The number of decimal digits of v (0..10), or null when it has more. */
export function decimalDigits(v: number): number | null {
  for (let d = 0, s = 1; d <= 10; d++, s *= 10) {
    const t = v * s;
    if (Math.abs(t - Math.round(t)) <= Math.max(1e-7, Math.abs(t) * 4e-16)) return d;
  }
  return null;
}

/** Finite numbers (NaN = missing) of a numeric column; null when a cell is not a number. */
function numericValues(col: Column): { values: Float64Array; badRow: number } {
  // Typed arrays are read, never written: no copy for Float64Array.
  if (!Array.isArray(col)) return { values: col instanceof Float64Array ? col : new Float64Array(col), badRow: -1 };
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const c = col[i];
    if (c === null) out[i] = NaN;
    else if (typeof c === 'number') out[i] = c;
    else if (typeof c === 'string' && NUMBER_TEXT.test(c.trim())) out[i] = Number(c);
    else if (typeof c === 'string' && c.trim() === '') out[i] = NaN;
    else return { values: out, badRow: i };
  }
  return { values: out, badRow: -1 };
}

function describeNumeric(values: Float64Array): ColumnMetadata {
  let digits: number | null = 0;
  const step = Math.max(1, Math.floor(values.length / 5000)); // digits from ≤ 5k evenly spaced values
  for (let i = 0; i < values.length && digits !== null; i += step) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    const d = decimalDigits(v);
    digits = d === null ? null : Math.max(digits, d);
  }
  return { sdtype: 'numerical', representation: digits === 0 ? 'integer' : 'float', digits };
}

function isMissing(c: Cell): boolean {
  if (c === null) return true;
  if (typeof c === 'number') return Number.isNaN(c);
  // Only strings that start with whitespace can be blank: skip the trim for the rest.
  return typeof c === 'string' && (c.length === 0 || (c.charCodeAt(0) <= 32 && c.trim() === ''));
}

function detectColumn(name: string, col: Column, warnings: string[]): ColumnMetadata {
  const n = col.length;
  if (!Array.isArray(col)) {
    const meta = describeNumeric(col instanceof Float64Array ? col : new Float64Array(col));
    if (ID_NAME.test(name) && meta.representation === 'integer' && new Set(col).size === n && n > 1) return { sdtype: 'id' };
    return meta;
  }
  // One pass: count present cells and collect distinct values; later checks look at distinct values only.
  const distinctSet = new Set<Cell>();
  let presentCount = 0, blank = 0, firstBlank = -1;
  for (let i = 0; i < n; i++) {
    const c = col[i] as Cell;
    if (!isMissing(c)) { presentCount++; distinctSet.add(c); } else if (typeof c === 'string') { blank++; if (firstBlank < 0) firstBlank = i; }
  }
  if (blank > 0) warnings.push(`column "${name}": ${blank} empty or whitespace-only text value(s) (first at row ${firstBlank}) are treated as missing`);
  if (presentCount === 0) {
    warnings.push(`column "${name}": all ${n} values are missing; it will be sampled as all missing`);
    return { sdtype: 'categorical' };
  }
  const distinctValues = [...distinctSet];
  const kinds = new Set(distinctValues.map((c) => (c instanceof Date ? 'date' : typeof c)));
  if (kinds.size === 1 && kinds.has('date')) return { sdtype: 'datetime', datetimeFormat: DATE_OBJECT_FORMAT };
  if (kinds.size === 1 && kinds.has('boolean')) return { sdtype: 'boolean' };
  if (kinds.size === 1 && kinds.has('string')) {
    const texts = distinctValues as string[];
    if (texts.every((t) => { const l = t.trim().toLowerCase(); return l === 'true' || l === 'false'; })) return { sdtype: 'boolean' };
    for (const [re, kind] of PII_BY_NAME) if (re.test(name)) return { sdtype: 'pii', piiKind: kind };
    const format = detectDatetimeFormat(texts);
    if (format) return { sdtype: 'datetime', datetimeFormat: format };
  }
  const numericText = (c: Cell) => typeof c === 'number' || (typeof c === 'string' && NUMBER_TEXT.test(c.trim()));
  if (!distinctValues.every(numericText)) {
    if (distinctValues.some(numericText)) {
      const bad = col.findIndex((c) => !isMissing(c as Cell) && !numericText(c as Cell));
      let numbers = 0;
      for (let i = 0; i < n; i++) if (!isMissing(col[i] as Cell) && numericText(col[i] as Cell)) numbers++;
      warnings.push(`column "${name}": mixed types — ${numbers} numbers and ${presentCount - numbers} other values ` +
        `(first at row ${bad}: ${JSON.stringify(col[bad])}); treated as categorical (every value kept as a category). ` +
        'Override it as numerical after cleaning those rows to model it as numbers.');
      return { sdtype: 'categorical' };
    }
    return categoricalOrId(name, distinctValues.length, presentCount, warnings);
  }
  const num = numericValues(col);
  const meta = describeNumeric(num.values);
  if (ID_NAME.test(name) && meta.representation === 'integer' && distinctValues.length === presentCount && n > 1) return { sdtype: 'id' };
  return meta;
}

function categoricalOrId(name: string, distinct: number, present: number, warnings: string[]): ColumnMetadata {
  if (distinct === present && present > 1 && (ID_NAME.test(name) || present >= 20)) {
    if (!ID_NAME.test(name)) {
      warnings.push(`column "${name}": all ${present} values are distinct; treated as an id (regenerated, not copied). ` +
        'Override it as categorical to copy its values instead.');
    }
    return { sdtype: 'id' };
  }
  if (distinct > 1000 && distinct > 0.5 * present) {
    warnings.push(`column "${name}": ${distinct} distinct categories in ${present} values; modelled as categorical, ` +
      'so sampled rows reuse real values (consider overriding it as pii or id)');
  }
  return { sdtype: 'categorical' };
}

/**
 * Infers an sdtype per column: numerical (integer/float with its decimal digits), categorical,
 * boolean, datetime (with its format), id (unique key) and PII (by column name). `overrides`
 * replace the detected entry of any column.
 * @example detectMetadata(table, { zip: { sdtype: 'categorical' } }).columns.age // { sdtype: 'numerical', representation: 'integer', digits: 0 }
 */
export function detectMetadata(table: Table, overrides: Record<string, Partial<ColumnMetadata>> = {}): Metadata & { warnings: string[] } {
  const warnings: string[] = [];
  for (const name of Object.keys(overrides)) {
    if (!table.has(name)) throw new Error(`metadata override for "${name}": no such column; the table has ${table.names.join(', ')}`);
  }
  const columns: Record<string, ColumnMetadata> = {};
  for (const name of table.names) {
    const o = overrides[name];
    const detected = o?.sdtype ? { sdtype: o.sdtype } : detectColumn(name, table.column(name), warnings);
    columns[name] = { ...detected, ...o } as ColumnMetadata;
    if (o?.sdtype === 'numerical' && o.digits === undefined) {
      const num = numericValues(table.column(name));
      if (num.badRow >= 0) {
        throw new Error(`column "${name}" is declared numerical but row ${num.badRow} holds ${JSON.stringify(table.column(name)[num.badRow])}`);
      }
      Object.assign(columns[name], describeNumeric(num.values), o);
    }
    if (o?.sdtype === 'datetime' && !o.datetimeFormat) {
      const col = table.column(name);
      const texts = (Array.isArray(col) ? col : []).filter((c) => !isMissing(c));
      columns[name].datetimeFormat = texts.every((c) => c instanceof Date) ? DATE_OBJECT_FORMAT
        : detectDatetimeFormat(texts.map(String)) ?? undefined;
      if (!columns[name].datetimeFormat) throw new Error(`column "${name}" is declared datetime but no supported format parses its values; give datetimeFormat`);
    }
  }
  const primaryKey = table.names.find((n) => columns[n].sdtype === 'id');
  return primaryKey === undefined ? { columns, warnings } : { columns, primaryKey, warnings };
}

export { numericValues, isMissing };
