/**
 * Apache Arrow IPC (the file format by default, the stream format on request): typed columns
 * that pandas, Polars, DuckDB and Arrow readers load without parsing. Column types are inferred
 * once (from the first chunk when streaming) and later chunks must agree.
 */
import {
  AsyncByteQueue, Bool, DataType, DateMillisecond, Field, Float32, Float64, Int32, RecordBatch, RecordBatchFileWriter, RecordBatchStreamWriter,
  Schema, Struct, Utf8, makeData, tableFromIPC, vectorFromArray,
} from 'apache-arrow';
import { Table } from '../table';
import type { Cell, Column } from '../table';
import { cellText } from './cells';

/** Arrow type of a column: typed arrays map directly; cell arrays by their non-null values. */
function inferType(col: Column): DataType {
  if (col instanceof Float64Array) return new Float64();
  if (col instanceof Float32Array) return new Float32();
  if (col instanceof Int32Array) return new Int32();
  let kind: string | null = null;
  for (const v of col) {
    if (v === null || v === undefined) continue;
    const k = v instanceof Date ? 'date' : typeof v;
    if (kind === null) kind = k;
    else if (kind !== k) return new Utf8();
  }
  if (kind === 'number') return new Float64();
  if (kind === 'boolean') return new Bool();
  if (kind === 'date') return new DateMillisecond();
  return new Utf8();
}

/** The Arrow schema for a table's columns. */
export function arrowSchema(table: Table): Schema {
  return new Schema(table.names.map((n) => new Field(n, inferType(table.column(n)), true)));
}

/** Utf8 column data built in one pass (vectorFromArray's generic builder is ~10x slower). */
function utf8Data(col: ArrayLike<Cell>) {
  const n = col.length;
  const texts = new Array<string | null>(n);
  const offsets = new Int32Array(n + 1);
  const validity = new Uint8Array((n + 7) >> 3);
  let bytes = 0, nulls = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v === null || v === undefined) { texts[i] = null; nulls++; } else {
      const s = cellText(v);
      texts[i] = s;
      bytes += Buffer.byteLength(s, 'utf8');
      validity[i >> 3] |= 1 << (i & 7);
    }
    if (bytes > 0x7fffffff) throw new Error('arrow: a string column chunk exceeds 2 GiB; write in smaller chunks');
    offsets[i + 1] = bytes;
  }
  const data = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < n; i++) { const s = texts[i]; if (s) data.write(s, offsets[i], 'utf8'); }
  return makeData({
    type: new Utf8(), length: n, nullCount: nulls, valueOffsets: offsets,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), nullBitmap: nulls ? validity : undefined,
  });
}

function vectorData(name: string, col: Column, type: DataType) {
  if (type instanceof Utf8) return utf8Data(col as ArrayLike<Cell>);
  if (type instanceof DateMillisecond) {
    const vals = Array.from(col as ArrayLike<Cell>, (v, i) => {
      if (v === null || v === undefined) return null;
      if (!(v instanceof Date)) throw new Error(`column "${name}" row ${i}: expected a Date like the rest of the column, got ${typeof v}`);
      return v;
    });
    return vectorFromArray(vals, new DateMillisecond()).data[0];
  }
  if (type instanceof Bool) {
    const vals = Array.from(col as ArrayLike<Cell>, (v, i) => {
      if (v !== null && v !== undefined && typeof v !== 'boolean') throw new Error(`column "${name}" row ${i}: expected a boolean, got ${typeof v}`);
      return v ?? null;
    });
    return vectorFromArray(vals, new Bool()).data[0];
  }
  // Numeric: typed arrays without nulls go in zero-copy; cell arrays are checked and converted.
  const T = type instanceof Int32 ? Int32Array : type instanceof Float32 ? Float32Array : Float64Array;
  if (col instanceof T) return makeData({ type: type as Float64, length: col.length, data: col as Float64Array });
  const vals = Array.from(col as ArrayLike<Cell>, (v, i) => {
    if (v === null || v === undefined) return null;
    if (typeof v !== 'number') throw new Error(`column "${name}" row ${i}: expected a number like the rest of the column, got ${typeof v}`);
    return v;
  });
  return vectorFromArray(vals, type as Float64).data[0];
}

/** One record batch of `table` under `schema` (names and order must match). */
export function arrowBatch(table: Table, schema: Schema): RecordBatch {
  const names = schema.fields.map((f) => f.name);
  if (names.join('\u0000') !== table.names.join('\u0000')) {
    throw new Error(`arrow: chunk columns (${table.names.join(', ')}) differ from the first chunk's (${names.join(', ')})`);
  }
  const children = schema.fields.map((f) => vectorData(f.name, table.column(f.name), f.type));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: table.numRows, nullCount: 0, children }));
}

/**
 * Collects the bytes an Arrow writer emits, synchronously, so they can go to a file stream with
 * backpressure (Arrow's writers accept only their own queue type as a direct sink).
 */
class ByteSink extends AsyncByteQueue {
  private chunks: Uint8Array[] = [];
  override write(value: ArrayBufferView): void {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (bytes.byteLength > 0) this.chunks.push(bytes.slice());
  }
  take(): Uint8Array[] { const c = this.chunks; this.chunks = []; return c; }
}

/**
 * Writes tables as Arrow IPC batch by batch: `write(chunk)` returns the bytes to append to the
 * output so far, `finish()` the closing bytes (the footer of the file format).
 */
export class ArrowChunkWriter {
  private readonly sink = new ByteSink();
  private readonly writer: RecordBatchFileWriter | RecordBatchStreamWriter;
  private schema: Schema | null = null;

  constructor(format: 'file' | 'stream' = 'file') {
    this.writer = format === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
    this.writer.reset(this.sink);
  }

  write(table: Table): Uint8Array[] {
    if (!this.schema) this.schema = arrowSchema(table);
    this.writer.write(arrowBatch(table, this.schema));
    return this.sink.take();
  }

  finish(): Uint8Array[] {
    this.writer.finish();
    return this.sink.take();
  }
}

/**
 * A table as Arrow IPC bytes (file format, `.arrow`; `'stream'` for `.arrows`).
 * @example writeFileSync('people.arrow', toArrow(people({ n: 1000, seed: 1 })))
 */
export function toArrow(table: Table, format: 'file' | 'stream' = 'file'): Uint8Array {
  const w = new ArrowChunkWriter(format);
  const parts = [...w.write(table), ...w.finish()];
  return Buffer.concat(parts);
}

/** Reads Arrow IPC bytes (file or stream format) into a table: numbers without nulls as typed arrays, dates as Date. */
export function fromArrow(bytes: Uint8Array): Table {
  const t = tableFromIPC(bytes);
  const cols = new Map<string, Column>();
  for (const f of t.schema.fields) {
    const v = t.getChild(f.name);
    if (!v) continue;
    const n = v.length;
    const type = f.type;
    const isNum = DataType.isFloat(type) || (DataType.isInt(type) && type.bitWidth <= 32);
    if (isNum && v.nullCount === 0) {
      const T = type.ArrayType === Float32Array || type.ArrayType === Int32Array ? type.ArrayType : Float64Array;
      cols.set(f.name, (T as typeof Float64Array).from(v.toArray() as ArrayLike<number>));
      continue;
    }
    const isDate = DataType.isDate(type) || DataType.isTimestamp(type);
    const out = new Array<Cell>(n);
    for (let i = 0; i < n; i++) {
      const x = v.get(i) as Cell | bigint | undefined;
      out[i] = x === null || x === undefined ? null : isDate ? new Date(Number(x)) : typeof x === 'bigint' ? Number(x) : x;
    }
    cols.set(f.name, out);
  }
  return new Table(cols);
}
