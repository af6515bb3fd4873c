/**
 * Columns generated outside the copula: constants, regenerated keys, and PII re-generated with
 * faker (never copied from the real table).
 */
import type { Faker } from '@faker-js/faker';
import { seededFaker } from '../tabular/people/locales';
import type { Cell, Column } from '../tabular';
import type { Rng } from '../random';
import type { PiiKind } from './metadata';
import { isMissing } from './metadata';
import type { IdModel, SideModel } from './models';
import { numberToCell } from './models';

/** Learns how to regenerate a key column: integers continue from the smallest, strings keep a prefix. */
export function fitId(name: string, col: Column): IdModel {
  const present: Cell[] = [];
  for (let i = 0; i < col.length; i++) if (!isMissing(col[i] as Cell)) present.push(col[i] as Cell);
  if (present.every((c) => typeof c === 'number' && Number.isInteger(c))) {
    const start = present.length ? Math.min(...(present as number[])) : 0;
    return { kind: 'id', column: name, prefix: '', start, width: 0, numeric: true };
  }
  const texts = present.map(String);
  const m = texts.length ? /^(.*?)(\d+)$/.exec(texts[0]) : null;
  if (m && texts.every((t) => t.startsWith(m[1]) && /^\d+$/.test(t.slice(m[1].length)))) {
    return { kind: 'id', column: name, prefix: m[1], start: 0, width: m[2].length, numeric: false };
  }
  return { kind: 'id', column: name, prefix: `${name}_`, start: 0, width: 0, numeric: false };
}

const PII: Record<PiiKind, (f: Faker) => string> = {
  email: (f) => f.internet.email(),
  phone: (f) => f.phone.number(),
  firstName: (f) => f.person.firstName(),
  lastName: (f) => f.person.lastName(),
  fullName: (f) => f.person.fullName(),
  address: (f) => f.location.streetAddress(),
  city: (f) => f.location.city(),
  zip: (f) => f.location.zipCode(),
  country: (f) => f.location.country(),
  ssn: (f) => f.helpers.replaceSymbols('###-##-####'),
  creditCard: (f) => f.finance.creditCardNumber(),
  ip: (f) => f.internet.ipv4(),
  username: (f) => f.internet.username(),
  company: (f) => f.company.name(),
};

/** Values of a side column for `n` rows (`offset` continues id counters across calls). */
export function sampleSide(m: SideModel, n: number, rng: Rng, offset = 0): Column {
  switch (m.kind) {
    case 'constant': {
      const out: Cell[] = new Array(n);
      const value: Cell = m.value === null || typeof m.value !== 'number' ? m.value : numberToCell(m, m.value);
      for (let i = 0; i < n; i++) out[i] = m.missingRate > 0 && rng.float() < m.missingRate ? null : value;
      return out;
    }
    case 'id': {
      if (m.numeric) {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = m.start + offset + i;
        return out;
      }
      const out: Cell[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = m.prefix + String(m.start + offset + i).padStart(m.width, '0');
      return out;
    }
    case 'pii': {
      const faker = seededFaker(m.locale ?? 'en', rng);
      const gen = PII[m.piiKind];
      const out: Cell[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = m.missingRate > 0 && rng.float() < m.missingRate ? null : gen(faker);
      return out;
    }
  }
}

/** The PII generator names, for error messages. */
export const PII_KINDS = Object.keys(PII) as PiiKind[];
