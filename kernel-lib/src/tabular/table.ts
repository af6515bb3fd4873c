/**
 * The table type shared by every tabular module (personal records, copula, quality report).
 * Columnar: numeric columns are typed arrays (compact, fast), the rest plain arrays with
 * `null` for missing cells. Immutable by convention: operations return new tables.
 */

/** One cell value. `null` is a missing value. */
export type Cell = number | string | boolean | Date | null;

/** A column: a typed array for dense numbers, otherwise an array of cells. */
export type Column = Float64Array | Float32Array | Int32Array | Cell[];

export type Row = Record<string, Cell>;

export class Table {
  readonly names: readonly string[];
  readonly numRows: number;
  private readonly columns: ReadonlyMap<string, Column>;

  /** Builds a table from named columns of equal length (errors name the column at fault). */
  constructor(columns: Record<string, Column> | ReadonlyMap<string, Column>) {
    const entries = columns instanceof Map ? [...columns.entries()] : Object.entries(columns);
    const map = new Map<string, Column>();
    let numRows = -1;
    for (const [name, values] of entries) {
      if (map.has(name)) throw new Error(`duplicate column name "${name}"`);
      if (numRows >= 0 && values.length !== numRows) {
        throw new Error(`column "${name}" has ${values.length} rows; the columns before it have ${numRows}`);
      }
      numRows = values.length;
      map.set(name, values);
    }
    this.columns = map;
    this.names = [...map.keys()];
    this.numRows = Math.max(numRows, 0);
  }

  /** A table from row records; columns are the union of keys in first-seen order. */
  static fromRecords(records: readonly Row[], names?: readonly string[]): Table {
    const cols = names ? [...names] : [];
    if (!names) {
      const seen = new Set<string>();
      for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); cols.push(k); }
    }
    const out: Record<string, Cell[]> = {};
    for (const c of cols) out[c] = records.map((r) => (r[c] === undefined ? null : r[c]));
    return new Table(out);
  }

  get numColumns(): number {
    return this.names.length;
  }

  has(name: string): boolean {
    return this.columns.has(name);
  }

  /** The column called `name`; throws an error listing the real names if there is none. */
  column(name: string): Column {
    const c = this.columns.get(name);
    if (!c) throw new Error(`no column "${name}"; the table has: ${this.names.join(', ')}`);
    return c;
  }

  /** The cell at (row, column). */
  cell(row: number, name: string): Cell {
    const c = this.column(name);
    const v = c[row];
    return v === undefined ? null : v;
  }

  row(i: number): Row {
    if (!(i >= 0 && i < this.numRows)) throw new RangeError(`row ${i} is out of range 0..${this.numRows - 1}`);
    const r: Row = {};
    for (const [k, c] of this.columns) r[k] = c[i] ?? null;
    return r;
  }

  *rows(): IterableIterator<Row> {
    for (let i = 0; i < this.numRows; i++) yield this.row(i);
  }

  toRecords(): Row[] {
    return [...this.rows()];
  }

  select(names: readonly string[]): Table {
    return new Table(new Map(names.map((n) => [n, this.column(n)] as const)));
  }

  /** A new table with `name` added or replaced. */
  withColumn(name: string, values: Column): Table {
    const m = new Map(this.columns);
    m.set(name, values);
    return new Table(m);
  }

  /** Rows at the given indices, in that order. */
  take(indices: ArrayLike<number>): Table {
    const m = new Map<string, Column>();
    for (const [k, c] of this.columns) {
      if (Array.isArray(c)) {
        const out: Cell[] = new Array(indices.length);
        for (let i = 0; i < indices.length; i++) out[i] = c[indices[i]];
        m.set(k, out);
      } else {
        const out = new (c.constructor as new (n: number) => Float64Array | Float32Array | Int32Array)(indices.length);
        for (let i = 0; i < indices.length; i++) out[i] = c[indices[i]];
        m.set(k, out);
      }
    }
    return new Table(m);
  }

  slice(start: number, end = this.numRows): Table {
    const m = new Map<string, Column>();
    for (const [k, c] of this.columns) m.set(k, c.slice(start, end));
    return new Table(m);
  }
}
