/**
 * One coherent person per call: names of one sex, a birth date with the age it gives on a fixed
 * reference date, an e-mail built from the person's own transliterated name, and a phone,
 * postcode and address in the locale's formats. people.ts turns these into table columns.
 */
import type { Faker, SexType } from '@faker-js/faker';
import type { Rng } from '../../random';
import type { LocaleCapabilities } from './locales';
import type { NameOrder, ScriptName } from './locale-data';
import { transliterate } from './transliterate';

/** Per-locale state: a seeded Faker and the facts people() needs, resolved once per table. */
/**
 * A postcode rule of faker-js's `postcode_by_state` read once: `'0{{number.int({"min": 2801,"max": 2940})}}'`
 * is prefix "0" and a range. Drawing from it directly gives what faker's template engine would,
 * several times faster; rules in other shapes stay templates for faker.
 */
export type PostcodeRule = { readonly prefix: string; readonly min: number; readonly max: number } | string;

export interface RegionPostcodes {
  readonly names: readonly string[];
  readonly abbrs: readonly string[];
  /** Per region, the alternatives faker picks among uniformly. */
  readonly rules: readonly (readonly PostcodeRule[])[];
}

const RANGE_RULE = /^(\d*)\{\{number\.int\(\{"min": ?(\d+), ?"max": ?(\d+)\}\)\}\}$/;

export function parsePostcodeRules(rule: string | readonly string[]): PostcodeRule[] {
  return (typeof rule === 'string' ? [rule] : [...rule]).map((r) => {
    const m = RANGE_RULE.exec(r);
    return m ? { prefix: m[1], min: Number(m[2]), max: Number(m[3]) } : r;
  });
}

function regionPostcode(f: Faker, rules: readonly PostcodeRule[], abbr: string): string {
  const rule = rules.length === 1 ? rules[0] : rules[f.number.int(rules.length - 1)];
  if (typeof rule === 'string') return f.location.zipCode({ state: abbr });
  return rule.prefix + f.number.int({ min: rule.min, max: rule.max });
}

export interface LocaleState {
  readonly code: string;
  readonly faker: Faker;
  readonly caps: LocaleCapabilities;
  readonly script: ScriptName;
  readonly nameOrder: NameOrder;
  readonly emailDomains: readonly string[];
  /** Regions with their postcode rules (en_US, en_CA): the postcode is drawn for the region. */
  readonly regionPostcodes: RegionPostcodes | null;
  /** E-mails given so far, when people() was asked for unique ones. */
  readonly emailsSeen: Set<string> | null;
}

/** Age in whole years on `ref` for someone born on `birth` (both read as UTC calendar dates). */
export function ageOn(birth: Date, ref: Date): number {
  let age = ref.getUTCFullYear() - birth.getUTCFullYear();
  const rm = ref.getUTCMonth(), bm = birth.getUTCMonth();
  if (rm < bm || (rm === bm && ref.getUTCDate() < birth.getUTCDate())) age--;
  return age;
}

/** Midnight UTC of the calendar day `d` falls on. */
export function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function fullName(order: NameOrder, first: string, middle: string | null, last: string): string {
  switch (order) {
    case '{first} {middle} {last}': return middle ? `${first} ${middle} ${last}` : `${first} ${last}`;
    case '{last} {first}': return `${last} ${first}`;
    case '{last}{first}': return last + first;
    default: return `${first} ${last}`;
  }
}

/**
 * The local part of an address built from the person's name: one of the common patterns
 * (first.last, firstlast, first_last, f.last, last.first, first.last + two digits of the birth
 * year, firstlast + a number). Names with no Latin transliteration give `user` + digits.
 */
export function emailLocalPart(first: string, last: string, script: ScriptName, birthYear: number, rng: Rng): string {
  const f = transliterate(first, script);
  const l = transliterate(last, script);
  if (!f || !l) return `user${100000 + rng.int(900000)}`;
  switch (rng.int(7)) {
    case 0: return `${f}.${l}`;
    case 1: return f + l;
    case 2: return `${f}_${l}`;
    case 3: return `${f[0]}.${l}`;
    case 4: return `${l}.${f}`;
    case 5: return `${f}.${l}${String(birthYear % 100).padStart(2, '0')}`;
    default: return f + l + (1 + rng.int(999));
  }
}

export interface Person {
  locale: string;
  sex: SexType | null;
  firstName: string;
  middleName: string | null;
  lastName: string;
  fullName: string;
  birthDate: Date;
  age: number;
  email: string;
  phone: string;
  street: string;
  building: string | null;
  city: string;
  region: string | null;
  postcode: string;
  country: string;
}

/** What to draw: skipping a group skips its faker calls (and so changes the stream after it). */
export interface PersonParts { names: boolean; birth: boolean; email: boolean; phone: boolean; address: boolean }

export interface BirthRange { min: number; max: number; ref: Date }

/** Draws one person from `L`; `rng` drives what faker does not (e-mail pattern and domain). */
export function drawPerson(L: LocaleState, parts: PersonParts, birth: BirthRange, rng: Rng, out: Partial<Person>): void {
  const f = L.faker;
  out.locale = L.code;
  if (parts.names) {
    // Locales without sexed first-name lists cannot keep names to one sex: their sex is unknown.
    const sex = L.caps.sexedFirstNames ? f.person.sexType() : null;
    const s = sex ?? undefined;
    out.sex = sex;
    out.firstName = f.person.firstName(s);
    out.lastName = f.person.lastName(s);
    out.middleName = L.caps.middleNames ? f.person.middleName(s) : null;
    out.fullName = fullName(L.nameOrder, out.firstName, out.middleName, out.lastName);
  }
  if (parts.birth) {
    let day = utcDay(f.date.birthdate({ mode: 'age', min: birth.min, max: birth.max, refDate: birth.ref }));
    let age = ageOn(day, birth.ref);
    // faker's range is half-open at the millisecond; truncating to a day can step one year over.
    if (age > birth.max) { day = new Date(day.getTime() + 86_400_000); age = ageOn(day, birth.ref); }
    out.birthDate = day;
    out.age = age;
  }
  if (parts.email) {
    const year = out.birthDate ? out.birthDate.getUTCFullYear() : 0;
    const local = emailLocalPart(out.firstName as string, out.lastName as string, L.script, year, rng);
    let email = `${local}@${L.emailDomains[rng.int(L.emailDomains.length)]}`;
    const seen = L.emailsSeen;
    if (seen) {
      // A taken address gets a number, as mail providers suggest; the space is never exhausted.
      for (let span = 100; seen.has(email); span *= 10) {
        email = `${local}${1 + rng.int(span)}@${L.emailDomains[rng.int(L.emailDomains.length)]}`;
      }
      seen.add(email);
    }
    out.email = email;
  }
  if (parts.phone) out.phone = f.phone.number();
  if (parts.address) {
    out.street = f.location.street();
    // faker falls back to English data where a locale has none: better no value than a US state.
    out.building = L.caps.buildingNumbers ? f.location.buildingNumber() : null;
    out.city = f.location.city();
    const rp = L.regionPostcodes;
    if (rp) {
      const k = f.number.int(rp.names.length - 1);
      out.region = rp.names[k];
      out.postcode = regionPostcode(f, rp.rules[k], rp.abbrs[k]);
    } else {
      out.region = L.caps.regions ? f.location.state() : null;
      out.postcode = f.location.zipCode();
    }
    out.country = L.caps.facts.country;
  }
}
