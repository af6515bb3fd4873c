/**
 * A schema API for any table: each column comes from a faker-js method, a generator function,
 * a distribution, a coherent person (as `people()` makes them), or is derived from the columns
 * before it in the same row; columns can be
 * `unique` and `nullable`. Rows are generated in order, so chunks concatenate to the whole table.
 */
import type { Faker } from '@faker-js/faker';
import { Rng } from '../random';
import type { Seed } from '../random';
import type { Distribution } from './distributions';
import { localeMix, pickLocale, seededFaker } from './people/locales';
import { PERSON_FIELDS, parseReferenceDate, partsFor, personLocale } from './people/people';
import type { PersonField } from './people/people';
import { drawPerson } from './people/person';
import type { BirthRange, Person } from './people/person';
import type { LocaleSpec } from './people/locales';
import { Table } from './table';
import type { Cell, Row } from './table';

/** What a column's function sees: its own random stream, the row's Faker and locale, the row index. */
export interface ColumnContext {
  readonly rng: Rng;
  readonly faker: Faker;
  readonly locale: string;
  readonly row: number;
}

export interface ColumnOptions {
  /** No two rows share a value (nulls excepted). A retry budget per row (default 100 tries) bounds the search. */
  unique?: boolean | { maxTries: number };
  /** Fraction of rows, 0..1, left null. */
  nullable?: number;
}

/** A column from a faker-js method path (`'person.firstName'`, with optional `args`) or a function of the Faker. */
export interface FakerColumn extends ColumnOptions { faker: string | ((faker: Faker, ctx: ColumnContext) => Cell); args?: readonly unknown[] }
export interface GeneratedColumn extends ColumnOptions { generate: (ctx: ColumnContext) => Cell }
export interface DistributionColumn extends ColumnOptions { distribution: Distribution }
/** Reads the columns declared before it in the same row. */
export interface DerivedColumn extends ColumnOptions { derive: (row: Readonly<Row>, ctx: ColumnContext) => Cell }
/**
 * A field of one coherent person per row, as `people()` makes them: all person columns of a
 * row describe the same person (name, e-mail from that name, age from that birth date).
 */
export interface PersonColumn extends ColumnOptions { person: PersonField }

export type ColumnSpec = FakerColumn | GeneratedColumn | DistributionColumn | DerivedColumn | PersonColumn;

export interface SchemaOptions {
  n: number;
  seed?: Seed | Rng;
  /** Locale (or weighted mix) of the Faker each row's columns get. Default `en_US`. */
  locale?: LocaleSpec;
}

export interface SchemaChunkOptions extends SchemaOptions {
  /** Rows per chunk (default 10,000). */
  chunkSize?: number;
}

type Draw = (ctx: ColumnContext, row: Row) => Cell;

const KINDS = ['faker', 'generate', 'distribution', 'derive', 'person'] as const;

function fakerMethod(path: string, column: string): (f: Faker, args: readonly unknown[]) => Cell {
  const [mod, method, ...rest] = path.split('.');
  const probe = seededFaker('en', new Rng(0)) as unknown as Record<string, Record<string, unknown> | undefined>;
  const where = `column "${column}": faker "${path}"`;
  if (rest.length || !mod || !method) throw new Error(`${where} must be "module.method", e.g. "person.firstName"`);
  const m = probe[mod];
  if (!m || typeof m !== 'object') {
    const mods = Object.keys(probe).filter((k) => !k.startsWith('_') && typeof probe[k] === 'object' && probe[k] !== null);
    throw new Error(`${where}: faker has no module "${mod}"; modules: ${mods.join(', ')}`);
  }
  if (typeof m[method] !== 'function') {
    const names = Object.getOwnPropertyNames(Object.getPrototypeOf(m)).filter((k) => k !== 'constructor' && typeof m[k] === 'function');
    throw new Error(`${where}: faker.${mod} has no method "${method}"; methods: ${names.join(', ')}`);
  }
  return (f, args) => {
    const mm = (f as unknown as Record<string, Record<string, (...a: unknown[]) => Cell>>)[mod];
    return mm[method](...args);
  };
}

function compile(name: string, spec: ColumnSpec): Draw {
  const kinds = KINDS.filter((k) => k in spec);
  if (kinds.length !== 1) {
    throw new Error(`column "${name}" must define exactly one of ${KINDS.join(', ')}; it defines ${kinds.length ? kinds.join(', ') : 'none'}`);
  }
  if ('faker' in spec) {
    const source = spec.faker;
    if (typeof source === 'function') return (ctx) => source(ctx.faker, ctx);
    const call = fakerMethod(source, name);
    const args = spec.args ?? [];
    return (ctx) => call(ctx.faker, args);
  }
  if ('person' in spec) {
    if (!(PERSON_FIELDS as readonly string[]).includes(spec.person)) {
      throw new Error(`column "${name}": person field "${spec.person}" is not one of ${PERSON_FIELDS.join(', ')}`);
    }
    return () => null; // filled from the row's person (see chunks)
  }
  if ('generate' in spec) { const g = spec.generate; return (ctx) => g(ctx); }
  if ('distribution' in spec) {
    const d = spec.distribution;
    if (!d || typeof d.sample !== 'function') throw new Error(`column "${name}": distribution must be one of \`distributions\` (an object with sample(rng))`);
    return (ctx) => d.sample(ctx.rng);
  }
  const derive = spec.derive;
  return (ctx, row) => derive(row, ctx);
}

function exhausted(column: string, tries: number, row: number, distinct: number): Error {
  return new Error(`column "${column}" is unique but found no new value in ${tries} tries at row ${row} (${distinct} distinct values so far); its value space looks exhausted: widen it, ask for fewer rows, or drop unique`);
}

/** A unique-key for a cell (Dates compare by time). */
const key = (v: Cell): unknown => (v instanceof Date ? v.getTime() : v);

interface CompiledColumn {
  readonly name: string;
  readonly draw: Draw;
  readonly person: PersonField | null;
  readonly nullRate: number;
  readonly maxTries: number;
}

/**
 * A reusable table definition.
 * @example
 * const users = tableSchema({
 *   id: { generate: ({ row }) => row + 1 },
 *   name: { faker: 'person.fullName' },
 *   email: { faker: 'internet.email', unique: true },
 *   age: { distribution: distributions.integer(18, 90) },
 *   adult: { derive: (r) => (r.age as number) >= 21 },
 *   phone: { faker: 'phone.number', nullable: 0.2 },
 * });
 * @example
 * // Coherent people plus your own columns: person columns of a row describe one person.
 * const staff = tableSchema({
 *   name: { person: 'fullName' },
 *   email: { person: 'email', unique: true },
 *   age: { person: 'age' },
 *   salary: { distribution: distributions.lognormal(10.5, 0.4) },
 *   senior: { derive: (r) => (r.age as number) >= 50 },
 * });
 * const table = users.generate({ n: 1000, seed: 7, locale: 'de' });
 */
export class TableSchema {
  readonly names: readonly string[];
  private readonly columns: readonly CompiledColumn[];

  constructor(columns: Readonly<Record<string, ColumnSpec>>) {
    const entries = Object.entries(columns);
    if (entries.length === 0) throw new Error('tableSchema needs at least one column');
    this.columns = entries.map(([name, spec]) => {
      const nullRate = spec.nullable ?? 0;
      if (!(nullRate >= 0 && nullRate <= 1)) throw new Error(`column "${name}": nullable must be a rate in [0, 1], got ${String(spec.nullable)}`);
      const u = spec.unique;
      const maxTries = u === true ? 100 : u ? u.maxTries : 0;
      if (u && typeof u === 'object' && !(Number.isInteger(u.maxTries) && u.maxTries >= 1)) {
        throw new Error(`column "${name}": unique.maxTries must be a whole number ≥ 1, got ${u.maxTries}`);
      }
      return { name, draw: compile(name, spec), person: 'person' in spec ? spec.person : null, nullRate, maxTries };
    });
    this.names = entries.map(([name]) => name);
  }

  /** The whole table at once. */
  generate(options: SchemaOptions): Table {
    const [table] = this.chunks({ ...options, chunkSize: Math.max(1, options.n) });
    return table ?? new Table(new Map(this.names.map((c) => [c, [] as Cell[]] as const)));
  }

  /** The table in chunks of rows, for streaming (see `writeTable`). */
  *chunks(options: SchemaChunkOptions): Generator<Table, void, undefined> {
    const { n, chunkSize = 10_000 } = options;
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`tableSchema: n must be a whole number ≥ 0, got ${n}`);
    if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new Error(`tableSchema: chunkSize must be a whole number ≥ 1, got ${chunkSize}`);
    const rng = Rng.from(options.seed);
    const mix = localeMix(options.locale ?? 'en_US');
    const fakers = mix.codes.map((c) => seededFaker(c, rng.derive(`faker:${c}`)));
    const localeRng = rng.derive('locale');
    const cols = this.columns;
    const ctxs = cols.map((c) => ({ rng: rng.derive(`column:${c.name}`), faker: fakers[0], locale: mix.codes[0], row: 0 }));
    const nullRngs = cols.map((c) => rng.derive(`null:${c.name}`));
    const seen = cols.map((c) => (c.maxTries ? new Set<unknown>() : null));
    // Person columns: one person per row, drawn with the row's Faker; unique person columns are
    // satisfied together by redrawing the whole person, so the row stays one coherent person.
    const personIdx = cols.map((c, k) => (c.person ? k : -1)).filter((k) => k >= 0);
    const personStates = personIdx.length ? mix.codes.map((c, k) => personLocale(c, fakers[k], null)) : [];
    const personParts = partsFor(personIdx.map((k) => cols[k].person as PersonField));
    const personUnique = personIdx.filter((k) => cols[k].maxTries > 0);
    const personTries = Math.max(1, ...personUnique.map((k) => cols[k].maxTries));
    const personRng = rng.derive('person');
    const birth: BirthRange = { min: 18, max: 90, ref: parseReferenceDate(undefined) };
    const person: Partial<Person> = {};
    const drawRowPerson = (li: number, r: number) => {
      for (let tries = 1; ; tries++) {
        drawPerson(personStates[li], personParts, birth, personRng, person);
        const taken = personUnique.find((k) => {
          const v = person[cols[k].person as PersonField];
          return v != null && (seen[k] as Set<unknown>).has(key(v));
        });
        if (taken === undefined) return;
        if (tries >= personTries) throw exhausted(cols[taken].name, personTries, r, (seen[taken] as Set<unknown>).size);
      }
    };
    // One row object reused across rows; columns not yet drawn read as undefined, never stale.
    const row: Row = {};
    const pending = row as Record<string, Cell | undefined>;
    for (let start = 0; start < n; start += chunkSize) {
      const size = Math.min(chunkSize, n - start);
      const out = cols.map(() => new Array<Cell>(size));
      for (let i = 0; i < size; i++) {
        const r = start + i;
        const li = fakers.length === 1 ? 0 : pickLocale(mix.cumulative, localeRng.float());
        for (const c of cols) pending[c.name] = undefined;
        if (personIdx.length) drawRowPerson(li, r);
        for (let c = 0; c < cols.length; c++) {
          const col = cols[c], ctx = ctxs[c];
          ctx.faker = fakers[li]; ctx.locale = mix.codes[li]; ctx.row = r;
          let v: Cell;
          if (col.nullRate > 0 && nullRngs[c].float() < col.nullRate) v = null;
          else if (col.person) {
            v = person[col.person] ?? null;
            if (v !== null) seen[c]?.add(key(v));
          } else {
            v = col.draw(ctx, row);
            if (v === undefined) {
              throw new Error(`column "${col.name}" gave undefined at row ${r}; return null for a missing value (a derived column sees only the columns declared before it)`);
            }
            const set = seen[c];
            if (set && v !== null) {
              let tries = 1;
              while (set.has(key(v))) {
                if (tries++ >= col.maxTries) throw exhausted(col.name, col.maxTries, r, set.size);
                v = col.draw(ctx, row);
              }
              set.add(key(v));
            }
          }
          row[col.name] = v;
          out[c][i] = v;
        }
      }
      yield new Table(new Map(cols.map((c, k) => [c.name, out[k]] as const)));
    }
  }
}

/** A schema from column specs; see `TableSchema`. */
export function tableSchema(columns: Readonly<Record<string, ColumnSpec>>): TableSchema {
  return new TableSchema(columns);
}
