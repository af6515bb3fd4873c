/**
 * faker-js locales for Synthlab: fresh, seeded `Faker` instances (never faker's shared
 * singletons, whose seed other code may move) and what each locale's own data can support.
 */
import { Faker, allLocales } from '@faker-js/faker';
import type { LocaleDefinition } from '@faker-js/faker';
import { Rng } from '../../random';
import { LOCALE_FACTS } from './locale-data';
import type { LocaleFacts } from './locale-data';

/** A locale code or a weighted mix of codes, e.g. `{ ru: 0.5, en_US: 0.5 }`. */
export type LocaleSpec = string | Readonly<Record<string, number>>;

type LocaleCode = keyof typeof allLocales;

function isLocaleCode(code: string): code is LocaleCode {
  return Object.prototype.hasOwnProperty.call(allLocales, code) && code !== 'base';
}

/** faker-js's fallback chain for a code: `de_AT` → de_AT, de, en, base (as its prebuilt fakers). */
function chain(code: LocaleCode): LocaleCode[] {
  const out: LocaleCode[] = [];
  const parts = code.split('_');
  for (let k = parts.length; k >= 1; k--) {
    const c = parts.slice(0, k).join('_');
    if (isLocaleCode(c) && !out.includes(c)) out.push(c);
  }
  if (!out.includes('en')) out.push('en');
  out.push('base');
  return out;
}

/** The locale's own definitions (English fallback only for English locales), for capability checks. */
function ownDefinitions(code: LocaleCode): LocaleDefinition[] {
  const c = chain(code).filter((x) => x !== 'base');
  return (code.startsWith('en') ? c : c.filter((x) => x !== 'en')).map((x) => allLocales[x]);
}

/** What people() can draw for a locale from its own data. */
export interface LocaleCapabilities {
  readonly code: string;
  readonly facts: LocaleFacts;
  /** First names come in female and male lists (so a person's names can share one sex). */
  readonly sexedFirstNames: boolean;
  /** The locale has its own middle names (patronymics for ru, uk). */
  readonly middleNames: boolean;
  /** The locale has its own regions (states, oblasts, Länder); otherwise `region` is null. */
  readonly regions: boolean;
  /** The locale has its own building-number formats; otherwise `building` is null. */
  readonly buildingNumbers: boolean;
}

function has(defs: LocaleDefinition[], pick: (d: LocaleDefinition) => unknown): boolean {
  // As faker-js merges: the first locale in the chain that defines the entry wins, and null
  // there means "does not apply to this locale".
  const found = defs.find((d) => pick(d) !== undefined);
  return found !== undefined && pick(found) != null;
}

function capabilities(code: LocaleCode): LocaleCapabilities | string {
  const defs = ownDefinitions(code);
  const missing = [
    ['first names', (d: LocaleDefinition) => d.person?.first_name],
    ['last names', (d: LocaleDefinition) => d.person?.last_name],
    ['streets', (d: LocaleDefinition) => d.location?.street_pattern],
    ['cities', (d: LocaleDefinition) => d.location?.city_pattern],
    ['postcodes', (d: LocaleDefinition) => d.location?.postcode],
    ['phone formats', (d: LocaleDefinition) => d.phone_number?.format],
  ].filter(([, f]) => !has(defs, f as (d: LocaleDefinition) => unknown)).map(([name]) => name);
  if (missing.length) return `faker-js has no ${missing.join(', ')} of its own for it`;
  const facts = LOCALE_FACTS[code];
  if (!facts) return 'no country data in Synthlab (add it to people/locale-data.ts)';
  const first = defs.find((d) => d.person?.first_name)?.person?.first_name;
  return {
    code,
    facts,
    sexedFirstNames: !!(first && 'female' in first && 'male' in first && first.female && first.male),
    middleNames: has(defs, (d) => d.person?.middle_name),
    regions: has(defs, (d) => d.location?.state),
    buildingNumbers: has(defs, (d) => d.location?.building_number),
  };
}

const capabilityCache = new Map<string, LocaleCapabilities | string>();

/** Locale codes people() supports (faker-js locales with their own names, addresses and phones). */
export function peopleLocales(): string[] {
  return Object.keys(allLocales).filter((c) => isLocaleCode(c) && typeof localeCapabilities(c, false) !== 'string');
}

/** Capabilities of `code`; throws a clear error for unknown or unsupported codes unless `strict` is false. */
export function localeCapabilities(code: string, strict = true): LocaleCapabilities | string {
  let cap = capabilityCache.get(code);
  if (cap === undefined) {
    cap = isLocaleCode(code) ? capabilities(code) : 'not a faker-js locale';
    capabilityCache.set(code, cap);
  }
  if (strict && typeof cap === 'string') {
    throw new Error(`locale "${code}": ${cap}. Supported locales: ${peopleLocales().join(', ')}`);
  }
  return cap;
}

/** A new Faker for `code` with faker-js's own fallback chain, seeded from `rng`. */
export function seededFaker(code: string, rng: Rng): Faker {
  if (!isLocaleCode(code)) {
    throw new Error(`locale "${code}" is not a faker-js locale; known: ${Object.keys(allLocales).filter((c) => c !== 'base').join(', ')}`);
  }
  const faker = new Faker({ locale: chain(code).map((c) => allLocales[c]) });
  faker.seed(rng.seedInt());
  return faker;
}

/** Normalises a locale spec into codes and cumulative weights (validated). */
export function localeMix(spec: LocaleSpec): { codes: string[]; cumulative: Float64Array } {
  const entries = typeof spec === 'string' ? [[spec, 1] as const] : Object.entries(spec);
  if (entries.length === 0) throw new Error('locale mix is empty; give at least one locale, e.g. { ru: 0.5, en_US: 0.5 }');
  let total = 0;
  const cumulative = new Float64Array(entries.length);
  entries.forEach(([code, w], i) => {
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`locale "${code}" has weight ${w}; weights must be finite and ≥ 0`);
    total += w;
    cumulative[i] = total;
  });
  if (!(total > 0)) throw new Error('locale weights sum to 0; at least one must be positive');
  for (let i = 0; i < cumulative.length; i++) cumulative[i] /= total;
  return { codes: entries.map(([c]) => c), cumulative };
}

/** Index of the locale a uniform draw `u` falls into. */
export function pickLocale(cumulative: Float64Array, u: number): number {
  let i = 0;
  while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
  return i;
}
