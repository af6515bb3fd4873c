/**
 * `people()`: tables of coherent personal records in any of faker-js's locales (with their own
 * names, addresses and phone formats), or a weighted mix of them.
 */
import type { Faker } from '@faker-js/faker';
import { Rng } from '../../random';
import type { Seed } from '../../random';
import { Table } from '../table';
import type { Cell, Column } from '../table';
import { localeCapabilities, localeMix, pickLocale, seededFaker } from './locales';
import type { LocaleCapabilities, LocaleSpec } from './locales';
import { drawPerson, parsePostcodeRules } from './person';
import type { BirthRange, LocaleState, Person, PersonParts } from './person';

export const PERSON_FIELDS = [
  'locale', 'fullName', 'firstName', 'middleName', 'lastName', 'sex', 'birthDate', 'age', 'email',
  'phone', 'street', 'building', 'city', 'region', 'postcode', 'country',
] as const;

/** A column people() can make. */
export type PersonField = (typeof PERSON_FIELDS)[number];

export interface PeopleOptions {
  /** Number of records. */
  n: number;
  /** Seed or Rng; the same seed and options give the same table. */
  seed?: Seed | Rng;
  /** A faker-js locale code (`ru`, `en_US`, `de`, `fr`, ... see `peopleLocales()`) or a weighted mix. Default `en_US`. */
  locale?: LocaleSpec;
  /** Columns to make, in this order. Default: every field (`locale` only for a mix). */
  fields?: readonly PersonField[];
  /** The day ages are counted on. Fixed by default (2026-01-01) so a seed gives the same ages every year. */
  referenceDate?: Date | string;
  /** Youngest and oldest age, inclusive (default 18 and 90). */
  minAge?: number;
  maxAge?: number;
  /**
   * No two rows share an e-mail (a taken address gets a number). Keeps every address in memory
   * (~100 bytes a row), so for 10^7 streamed rows leave it off. Default false.
   */
  uniqueEmails?: boolean;
}

export interface PeopleChunkOptions extends PeopleOptions {
  /** Rows per chunk (default 10,000). Chunks concatenate to exactly `people(options)`. */
  chunkSize?: number;
}

export const DEFAULT_REFERENCE_DATE = '2026-01-01';

export function parseReferenceDate(ref: Date | string | undefined): Date {
  const d = ref instanceof Date ? ref : new Date(ref ?? DEFAULT_REFERENCE_DATE);
  if (Number.isNaN(d.getTime())) throw new Error(`referenceDate "${String(ref)}" is not a date; give a Date or an ISO date like "2026-01-01"`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

function resolveFields(options: PeopleOptions): readonly PersonField[] {
  const fields = options.fields ?? PERSON_FIELDS.filter((f) => f !== 'locale' || typeof options.locale === 'object');
  for (const f of fields) {
    if (!(PERSON_FIELDS as readonly string[]).includes(f)) throw new Error(`people: unknown field "${f}"; fields are ${PERSON_FIELDS.join(', ')}`);
  }
  if (new Set(fields).size !== fields.length) throw new Error(`people: fields list a column twice: ${fields.join(', ')}`);
  return fields;
}

/** Which groups of faker calls the given fields need. */
export function partsFor(fields: readonly PersonField[]): PersonParts {
  const has = (...f: PersonField[]) => f.some((x) => fields.includes(x));
  return {
    names: has('fullName', 'firstName', 'middleName', 'lastName', 'sex', 'email'),
    birth: has('birthDate', 'age', 'email'),
    email: has('email'),
    phone: has('phone'),
    address: has('street', 'building', 'city', 'region', 'postcode', 'country'),
  };
}

/** Parallel region names and abbreviations that key the locale's postcode-by-region rules, if it has them. */
function regionPostcodes(faker: Faker, caps: LocaleCapabilities): LocaleState['regionPostcodes'] {
  const loc = faker.rawDefinitions.location;
  const byRegion = loc?.postcode_by_state;
  const names = loc?.state, abbrs = loc?.state_abbr;
  if (!caps.regions || !byRegion || !names || !abbrs || names.length !== abbrs.length) return null;
  const keep = abbrs.map((a, i) => (a in byRegion ? i : -1)).filter((i) => i >= 0);
  if (!keep.length) return null;
  return { names: keep.map((i) => names[i]), abbrs: keep.map((i) => abbrs[i]), rules: keep.map((i) => parsePostcodeRules(byRegion[abbrs[i]])) };
}

/** Everything drawPerson needs for one locale, around a seeded Faker (throws for locales people() cannot serve). */
export function personLocale(code: string, faker: Faker, emailsSeen: Set<string> | null): LocaleState {
  const caps = localeCapabilities(code) as LocaleCapabilities;
  const domains = faker.definitions.internet.free_email;
  return {
    code, faker, caps,
    script: caps.facts.script ?? 'latin',
    nameOrder: caps.facts.nameOrder ?? '{first} {last}',
    emailDomains: domains.length ? domains : ['example.com'],
    regionPostcodes: regionPostcodes(faker, caps),
    emailsSeen,
  };
}

/**
 * Person records in chunks of `chunkSize` rows, for streaming large tables to a file
 * (see `writeTable`) without holding them in memory.
 * @example for (const chunk of peopleChunks({ n: 1e7, locale: 'ru', seed: 1 })) write(chunk);
 */
export function* peopleChunks(options: PeopleChunkOptions): Generator<Table, void, undefined> {
  const { n, chunkSize = 10_000 } = options;
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`people: n must be a whole number ≥ 0, got ${n}`);
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new Error(`people: chunkSize must be a whole number ≥ 1, got ${chunkSize}`);
  const minAge = options.minAge ?? 18, maxAge = options.maxAge ?? 90;
  if (!(Number.isInteger(minAge) && Number.isInteger(maxAge) && minAge >= 0 && minAge <= maxAge)) {
    throw new Error(`people: need whole ages with 0 ≤ minAge ≤ maxAge, got minAge ${minAge}, maxAge ${maxAge}`);
  }
  const mix = localeMix(options.locale ?? 'en_US');
  const fields = resolveFields(options);
  const rng = Rng.from(options.seed);
  for (const c of mix.codes) localeCapabilities(c); // refuse unsupported locales before any work, listing the supported ones
  const seen = options.uniqueEmails ? new Set<string>() : null;
  const states = mix.codes.map((c) => personLocale(c, seededFaker(c, rng.derive(`faker:${c}`)), seen));
  const localeRng = rng.derive('locale');
  const emailRng = rng.derive('email');
  const birth: BirthRange = { min: minAge, max: maxAge, ref: parseReferenceDate(options.referenceDate) };
  const parts = partsFor(fields);
  const p: Partial<Person> = {};
  for (let start = 0; start < n; start += chunkSize) {
    const size = Math.min(chunkSize, n - start);
    const cols: Column[] = fields.map((f) => (f === 'age' ? new Int32Array(size) : new Array<Cell>(size)));
    for (let i = 0; i < size; i++) {
      const L = states.length === 1 ? states[0] : states[pickLocale(mix.cumulative, localeRng.float())];
      drawPerson(L, parts, birth, emailRng, p);
      // `age` is the Int32Array column and always a number; the rest are cell arrays.
      for (let c = 0; c < fields.length; c++) cols[c][i] = p[fields[c]] as Cell & number;
    }
    yield new Table(new Map(fields.map((f, c) => [f, cols[c]] as const)));
  }
}

/**
 * A table of `n` coherent person records: one person's names share one sex (patronymics in
 * `ru`, `uk`; as in faker-js, a locale's unisex first names may go with either sex), age
 * agrees with the birth date on `referenceDate`, the e-mail is built from the person's own
 * transliterated name, and phone, postcode and address follow the locale (in en_US and
 * en_CA the postcode also belongs to the region).
 * @example people({ n: 1000, locale: 'ru', seed: 42 }).row(0).fullName // 'Милан Гордеевич Маслов'
 * @example people({ n: 1000, locale: { ru: 0.5, en_US: 0.5 }, seed: 1, fields: ['locale', 'fullName', 'email'] })
 */
export function people(options: PeopleOptions): Table {
  const [table] = peopleChunks({ ...options, chunkSize: Math.max(1, options.n) });
  return table ?? new Table(new Map(resolveFields(options).map((f) => [f, [] as Cell[]] as const)));
}
