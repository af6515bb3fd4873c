/**
 * SDV-style constraints. Each rewrites its columns before fitting so the copula cannot break it
 * (a transform), undoes that after sampling, and checks every sampled row (rows that still fail
 * — e.g. a Custom predicate — are rejected and redrawn by the synthesizer).
 */
import type { Cell, Column, Row } from '../tabular';
import type { ColumnMetadata } from './metadata';
import { isMissing } from './metadata';
import { columnNumbers, numberToCell } from './models';
import { datetimeResolution } from './datetime';

export type Constraint =
  /** Only combinations of these columns seen in the real data are sampled. */
  | { type: 'FixedCombinations'; columns: string[] }
  /** low ≤ high (low < high when strict) on every row. */
  | { type: 'Inequality'; low: string; high: string; strict?: boolean }
  /** low ≤ middle ≤ high (strict: <) on every row. */
  | { type: 'Range'; low: string; middle: string; high: string; strict?: boolean }
  /** Values are multiples of `increment`. */
  | { type: 'FixedIncrements'; column: string; increment: number }
  /** Any predicate; enforced by rejection only (cannot be saved to JSON). */
  | { type: 'Custom'; name: string; columns: string[]; isValid: (row: Row) => boolean };

/** The columns a synthesizer works on, with their metadata, while constraints transform them. */
export interface Workspace { columns: Map<string, Column>; meta: Record<string, ColumnMetadata>; n: number }

/** What a constraint learned at fit time (plain JSON): the original metadata of rewritten columns. */
export interface ConstraintState { spec: Exclude<Constraint, { type: 'Custom' }> | { type: 'Custom'; name: string; columns: string[] }; original: Record<string, ColumnMetadata> }

const numbersOf = (w: Workspace, c: string) => columnNumbers(c, w.columns.get(c)!, w.meta[c]);

function need(w: Workspace, c: Constraint, cols: string[]): void {
  for (const name of cols) if (!w.columns.has(name)) throw new Error(`${c.type} constraint: no column "${name}"; the table has ${[...w.columns.keys()].join(', ')}`);
}

/** Columns a constraint reads. */
export function constraintColumns(c: Constraint): string[] {
  switch (c.type) {
    case 'FixedCombinations': return c.columns;
    case 'Inequality': return [c.low, c.high];
    case 'Range': return [c.low, c.middle, c.high];
    case 'FixedIncrements': return [c.column];
    case 'Custom': return c.columns;
  }
}

/** Columns whose stored values a constraint rewrites (conditions on them need rejection). */
export function rewrittenColumns(c: Constraint): string[] {
  switch (c.type) {
    case 'FixedCombinations': return c.columns;
    case 'Inequality': return [c.high];
    case 'Range': return [c.middle, c.high];
    case 'FixedIncrements': return [c.column];
    case 'Custom': return [];
  }
}

const SEP = '\u241f';

/** Refuses a constraint that the real rows break, naming the first such row. */
export function checkConstraint(w: Workspace, c: Constraint): void {
  need(w, c, constraintColumns(c));
  const bad = firstInvalidRow(w, c);
  if (bad >= 0) {
    throw new Error(`${describe(c)} does not hold on the real data at row ${bad} ` +
      `(${constraintColumns(c).map((n) => `${n}=${JSON.stringify(w.columns.get(n)![bad])}`).join(', ')}); fix the data or drop the constraint`);
  }
}

/** Rewrites the workspace for `c` (call `checkConstraint` on the untouched data first). */
export function applyConstraint(w: Workspace, c: Constraint): ConstraintState {
  const original: Record<string, ColumnMetadata> = {};
  for (const name of rewrittenColumns(c)) original[name] = w.meta[name];
  const spec = c.type === 'Custom' ? { type: c.type, name: c.name, columns: c.columns } : c;
  switch (c.type) {
    case 'FixedCombinations': {
      const cols = c.columns.map((n) => w.columns.get(n)!);
      const key: Cell[] = new Array(w.n);
      for (let i = 0; i < w.n; i++) key[i] = JSON.stringify(cols.map((col) => cellJson(col[i] as Cell)));
      for (const n of c.columns) { w.columns.delete(n); delete w.meta[n]; }
      w.columns.set(c.columns.join(SEP), key);
      w.meta[c.columns.join(SEP)] = { sdtype: 'categorical' };
      break;
    }
    case 'Inequality': {
      const lo = numbersOf(w, c.low), hi = numbersOf(w, c.high);
      w.columns.set(c.high, hi.map((v, i) => v - lo[i]));
      w.meta[c.high] = diffMeta(w.meta[c.high]);
      break;
    }
    case 'Range': {
      const lo = numbersOf(w, c.low), mid = numbersOf(w, c.middle), hi = numbersOf(w, c.high);
      w.columns.set(c.middle, mid.map((v, i) => (hi[i] > lo[i] ? (v - lo[i]) / (hi[i] - lo[i]) : 0.5)));
      w.meta[c.middle] = { sdtype: 'numerical', representation: 'float', digits: null };
      w.columns.set(c.high, hi.map((v, i) => v - lo[i]));
      w.meta[c.high] = diffMeta(w.meta[c.high]);
      break;
    }
    case 'FixedIncrements': {
      if (!(c.increment > 0)) throw new Error(`FixedIncrements on "${c.column}": increment must be > 0, got ${c.increment}`);
      w.columns.set(c.column, numbersOf(w, c.column).map((v) => v / c.increment));
      w.meta[c.column] = { sdtype: 'numerical', representation: 'integer', digits: 0 };
      break;
    }
    case 'Custom': break;
  }
  return { spec, original };
}

function diffMeta(m: ColumnMetadata): ColumnMetadata {
  return m.sdtype === 'datetime'
    ? { sdtype: 'numerical', representation: 'integer', digits: null }
    : { sdtype: 'numerical', representation: m.representation, digits: m.digits ?? null };
}

function cellJson(c: Cell): string | number | boolean | null {
  if (isMissing(c)) return null;
  return c instanceof Date ? c.toISOString() : c;
}

/** Undoes a constraint's rewrite on sampled columns. */
export function reverseConstraint(w: Workspace, s: ConstraintState): void {
  const c = s.spec;
  switch (c.type) {
    case 'FixedCombinations': {
      const key = w.columns.get(c.columns.join(SEP))!;
      w.columns.delete(c.columns.join(SEP));
      const outs = c.columns.map(() => new Array<Cell>(w.n));
      for (let i = 0; i < w.n; i++) {
        const values = JSON.parse(key[i] as string) as Cell[];
        for (let j = 0; j < outs.length; j++) outs[j][i] = values[j];
      }
      c.columns.forEach((n, j) => { w.columns.set(n, outs[j]); w.meta[n] = s.original[n]; });
      break;
    }
    case 'Inequality': {
      const lo = numbersOf(w, c.low), diff = w.columns.get(c.high)!;
      w.columns.set(c.high, rebuild(s.original[c.high], w.n, (i) => lo[i] + Math.max(Number(diff[i] ?? NaN), 0), lo, diff));
      w.meta[c.high] = s.original[c.high];
      break;
    }
    case 'Range': {
      const lo = numbersOf(w, c.low), diff = w.columns.get(c.high)!, t = w.columns.get(c.middle)!;
      const hiMeta = s.original[c.high], midMeta = s.original[c.middle];
      const hi = new Float64Array(w.n);
      for (let i = 0; i < w.n; i++) hi[i] = roundLike(hiMeta, lo[i] + Math.max(Number(diff[i] ?? NaN), 0));
      w.columns.set(c.high, rebuild(hiMeta, w.n, (i) => hi[i], lo, diff));
      w.columns.set(c.middle, rebuild(midMeta, w.n, (i) => {
        const v = roundLike(midMeta, lo[i] + Math.min(1, Math.max(0, Number(t[i] ?? NaN))) * (hi[i] - lo[i]));
        return Math.min(hi[i], Math.max(lo[i], v));
      }, lo, t));
      w.meta[c.high] = hiMeta; w.meta[c.middle] = midMeta;
      break;
    }
    case 'FixedIncrements': {
      const q = w.columns.get(c.column)!;
      const meta = s.original[c.column];
      w.columns.set(c.column, rebuild(meta, w.n, (i) => roundLike(meta, Math.round(Number(q[i] ?? NaN)) * c.increment), q));
      w.meta[c.column] = meta;
      break;
    }
    case 'Custom': break;
  }
}

function roundLike(m: ColumnMetadata, v: number): number {
  if (m.sdtype === 'datetime') { const r = datetimeResolution(m.datetimeFormat ?? 'Date'); return Math.round(v / r) * r; }
  if (m.digits === null || m.digits === undefined) return v;
  const s = Math.pow(10, m.digits);
  return Math.round(v * s) / s;
}

/** A column of `n` values in the original column's type; missing where any input is missing. */
function rebuild(m: ColumnMetadata, n: number, value: (i: number) => number, ...inputs: ArrayLike<unknown>[]): Column {
  const out: Cell[] = new Array(n);
  let anyMissing = false;
  for (let i = 0; i < n; i++) {
    const missing = inputs.some((col) => { const v = col[i]; return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)); });
    if (missing) { out[i] = null; anyMissing = true; continue; }
    const v = roundLike(m, value(i));
    out[i] = m.sdtype === 'datetime' ? numberToCell({ datetimeFormat: m.datetimeFormat ?? 'Date' }, v) : v;
  }
  return !anyMissing && m.sdtype !== 'datetime' ? Float64Array.from(out as number[]) : out;
}

/** Whether each row satisfies `c` (rows with a missing value in its columns pass). */
export function validRows(w: Workspace, c: Constraint | ConstraintState['spec'], custom?: (row: Row) => boolean): Uint8Array {
  const ok = new Uint8Array(w.n).fill(1);
  switch (c.type) {
    case 'Inequality': case 'Range': {
      const chain = c.type === 'Inequality' ? [c.low, c.high] : [c.low, c.middle, c.high];
      const vals = chain.map((n) => numbersOf(w, n));
      for (let i = 0; i < w.n; i++) {
        for (let k = 1; k < vals.length; k++) {
          const a = vals[k - 1][i], b = vals[k][i];
          if (Number.isNaN(a) || Number.isNaN(b)) continue;
          if (c.strict ? !(a < b) : !(a <= b)) ok[i] = 0;
        }
      }
      break;
    }
    case 'FixedIncrements': {
      const v = numbersOf(w, c.column);
      for (let i = 0; i < w.n; i++) {
        if (Number.isNaN(v[i])) continue;
        const q = v[i] / c.increment;
        if (Math.abs(q - Math.round(q)) > 1e-9 * Math.max(1, Math.abs(q))) ok[i] = 0;
      }
      break;
    }
    case 'Custom': {
      if (!custom) break;
      const names = [...w.columns.keys()];
      for (let i = 0; i < w.n; i++) {
        const row: Row = {};
        for (const n of names) row[n] = (w.columns.get(n)![i] as Cell) ?? null;
        if (!custom(row)) ok[i] = 0;
      }
      break;
    }
    case 'FixedCombinations': break; // guaranteed by the transform
  }
  return ok;
}

function firstInvalidRow(w: Workspace, c: Constraint): number {
  const ok = validRows(w, c, c.type === 'Custom' ? c.isValid : undefined);
  return ok.indexOf(0);
}

export function describe(c: Constraint | ConstraintState['spec']): string {
  switch (c.type) {
    case 'FixedCombinations': return `FixedCombinations(${c.columns.join(', ')})`;
    case 'Inequality': return `Inequality(${c.low} ${c.strict ? '<' : '≤'} ${c.high})`;
    case 'Range': return `Range(${c.low} ${c.strict ? '<' : '≤'} ${c.middle} ${c.strict ? '<' : '≤'} ${c.high})`;
    case 'FixedIncrements': return `FixedIncrements(${c.column} in steps of ${c.increment})`;
    case 'Custom': return `Custom(${c.name})`;
  }
}
