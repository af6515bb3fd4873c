/** Reading real and synthetic columns the way the metrics need them. */
import { Rng } from '../random';
import type { Cell, Table } from '../tabular';
import { detectMetadata, type ColumnMetadata, type Metadata } from '../copula/metadata';
import { isMissing } from '../copula/metadata';
import { columnNumbers } from '../copula/models';

export type Kind = 'continuous' | 'discrete' | 'key' | 'other';

/** How a metric treats a column: numbers and datetimes are continuous, categories and booleans discrete. */
export function kindOf(m: ColumnMetadata): Kind {
  if (m.sdtype === 'numerical' || m.sdtype === 'datetime') return 'continuous';
  if (m.sdtype === 'categorical' || m.sdtype === 'boolean') return 'discrete';
  if (m.sdtype === 'id') return 'key';
  return 'other';
}

export function metadataFor(real: Table, metadata?: Metadata): Metadata {
  return metadata ?? detectMetadata(real);
}

/** Numbers of a continuous column (NaN = missing); synthetic values use the real column's metadata. */
export function numbers(t: Table, name: string, m: ColumnMetadata): Float64Array {
  return columnNumbers(name, t.column(name), m);
}

/** Category keys of a discrete column (missing → null; Dates → ISO strings). */
export function categories(t: Table, name: string): (string | number | boolean | null)[] {
  const c = t.column(name);
  const out: (string | number | boolean | null)[] = new Array(c.length);
  for (let i = 0; i < c.length; i++) {
    const v = c[i] as Cell;
    out[i] = isMissing(v) ? null : v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/** Row indices of a deterministic subsample of at most m rows (all rows, in order, if n ≤ m). */
export function subsample(n: number, m: number, label: string): Int32Array {
  if (n <= m) return Int32Array.from({ length: n }, (_, i) => i);
  const rng = new Rng(`quality-subsample:${label}`);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = 0; i < m; i++) { const j = i + rng.int(n - i); const t = p[i]; p[i] = p[j]; p[j] = t; }
  return p.subarray(0, m).sort();
}

export function pick<T>(values: ArrayLike<T>, idx: Int32Array): T[] {
  return Array.from(idx, (i) => values[i]);
}

export function finite(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(Array.prototype.filter.call(values, (v: number) => !Number.isNaN(v)) as number[]);
}
