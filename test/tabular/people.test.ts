import assert from 'node:assert/strict';
import { allLocales } from '@faker-js/faker';
import type { LocaleDefinition } from '@faker-js/faker';
import { people, peopleChunks, peopleLocales, transliterate } from '../../kernel-lib/src/tabular';
import type { Table } from '../../kernel-lib/src/tabular';


/** A faker-js format ('(9##)###-##-##', '!##-!##-####') as a regex: # any digit, ! 2-9. */
function formatRegex(formats: readonly string[]): RegExp {
  const one = (f: string) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/#/g, '\\d').replace(/!/g, '[2-9]');
  return new RegExp(`^(?:${formats.map(one).join('|')})$`);
}

/** Age on the reference day 2026-01-01 from an ISO birth day, computed independently of the library. */
function ageFromIso(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return 2026 - y - (1 * 100 + 1 < m * 100 + d ? 1 : 0);
}

const strings = (t: Table, c: string) => t.column(c) as (string | null)[];

/** Each row's names, sex, e-mail, birth date, age, phone and postcode checked against the locale's data. */
function checkCoherence(t: Table, locale: string, def: { person: LocaleDefinition['person']; phone: string[]; postcode: string[]; domains: string[] }) {
  const first = def.person!.first_name as { female: string[]; male: string[]; generic?: string[] };
  const middle = def.person!.middle_name as { female: string[]; male: string[]; generic?: string[] } | undefined;
  const lastBySex = def.person!.last_name as { female?: string[]; male?: string[]; generic?: string[] };
  const sets = (o: Record<string, string[] | undefined>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, new Set(v)]));
  // faker-js gives a sexed first name or, where the locale has them, a unisex one.
  const unisex = first.generic ?? [];
  const F = sets({ female: [...first.female, ...unisex], male: [...first.male, ...unisex] }), M = middle ? sets({ female: [...middle.female, ...(middle.generic ?? [])], male: [...middle.male, ...(middle.generic ?? [])] }) : null, L = sets(lastBySex);
  const phoneRe = formatRegex(def.phone), postRe = formatRegex(def.postcode);
  const domains = new Set(def.domains);
  const script = locale === 'ru' ? 'cyrillic-ru' : 'latin';
  const [fn, mn, ln, sex, email, age, phone, post, full] = ['firstName', 'middleName', 'lastName', 'sex', 'email', 'age', 'phone', 'postcode', 'fullName'].map((c) => t.column(c));
  const birth = t.column('birthDate') as Date[];
  const counts = { female: 0, male: 0 };
  for (let i = 0; i < t.numRows; i++) {
    const s = sex[i] as 'female' | 'male';
    counts[s]++;
    const f = fn[i] as string, l = ln[i] as string, m = mn[i] as string;
    assert.ok(F[s].has(f), `row ${i}: first name ${f} is not in the ${s} list`);
    if (M) assert.ok(M[s].has(m), `row ${i}: middle name ${m} is not in the ${s} list`);
    if (L[s]) assert.ok(L[s].has(l), `row ${i}: last name ${l} is not in the ${s} list`);
    if (locale === 'ru') assert.match(m, s === 'female' ? /на$/ : /ич$/, `row ${i}: patronymic ${m} for sex ${s}`);
    assert.ok((full[i] as string).includes(f) && (full[i] as string).includes(l));
    // E-mail: the local part, digits and separators removed, is the person's own transliterated name.
    const [local, domain] = (email[i] as string).split('@');
    assert.ok(domains.has(domain), `row ${i}: domain ${domain}`);
    assert.match(local, /^[a-z0-9._]+$/, `row ${i}: local part ${local}`);
    const letters = local.replace(/[0-9._]/g, '');
    const tf = transliterate(f, script), tl = transliterate(l, script);
    assert.ok([tf + tl, tl + tf, tf[0] + tl].includes(letters), `row ${i}: ${email[i]} is not made from ${f} ${l}`);
    // Age against birth date on the fixed reference date.
    const iso = birth[i].toISOString().slice(0, 10);
    assert.ok(birth[i].getTime() % 86_400_000 === 0, `row ${i}: birth date is a calendar day`);
    assert.equal(age[i], ageFromIso(iso), `row ${i}: age ${age[i]} vs birth ${iso}`);
    assert.ok((age[i] as number) >= 18 && (age[i] as number) <= 90);
    assert.match(phone[i] as string, phoneRe, `row ${i}: phone ${phone[i]}`);
    assert.match(post[i] as string, postRe, `row ${i}: postcode ${post[i]}`);
  }
  // Both sexes appear in roughly equal numbers (faker draws sex uniformly).
  assert.ok(Math.abs(counts.female / t.numRows - 0.5) < 0.02, `female share ${counts.female / t.numRows}`);
}

describe('tabular/people', () => {
  it('10^5 ru records are coherent: one sex per person, patronymics, own e-mail, age, phone, postcode', () => {
    const t = people({ n: 100_000, locale: 'ru', seed: 11 });
    assert.equal(t.numRows, 100_000);
    const ru = allLocales.ru;
    checkCoherence(t, 'ru', { person: ru.person, phone: ru.phone_number!.format!.human!, postcode: ru.location!.postcode as string[], domains: ru.internet!.free_email! });
    assert.ok(strings(t, 'country').every((c) => c === 'Россия'));
    // Ages span the range; unique e-mails are most (not all: patterns can collide).
    const ages = t.column('age') as Int32Array;
    assert.equal(Math.min(...ages), 18);
    assert.equal(Math.max(...ages), 90);
  });

  it('10^5 en_US records are coherent, with unique e-mails and each ZIP code inside its state', () => {
    const t = people({ n: 100_000, locale: 'en_US', seed: 12, uniqueEmails: true });
    const en = allLocales.en;
    checkCoherence(t, 'en_US', { person: en.person, phone: en.phone_number!.format!.human!, postcode: en.location!.postcode as string[], domains: en.internet!.free_email! });
    assert.ok(strings(t, 'country').every((c) => c === 'United States'));
    assert.equal(new Set(t.column('email')).size, t.numRows);
    // faker-js's ZIP rules per state are number.int ranges: read them and check every row.
    const byState = allLocales.en_US.location!.postcode_by_state as Record<string, string | string[]>;
    const abbr = new Map(en.location!.state!.map((s, i) => [s, en.location!.state_abbr![i]]));
    // A rule reads '0{{number.int({"min": 2801,"max": 2940})}}': a literal prefix, then a range.
    const inRule = (z: string, rule: string) => {
      const m = /^(\d*)\{\{number\.int\(\{"min": (\d+),"max": (\d+)\}\)\}\}$/.exec(rule);
      assert.ok(m, `unexpected faker rule ${rule}`);
      const k = Number(z.slice(m[1].length));
      return z.startsWith(m[1]) && k >= Number(m[2]) && k <= Number(m[3]);
    };
    const region = strings(t, 'region'), zip = strings(t, 'postcode');
    for (let i = 0; i < t.numRows; i++) {
      const z = (zip[i] as string).slice(0, 5);
      const rules = [byState[abbr.get(region[i] as string)!]].flat();
      assert.ok(rules.some((r) => inRule(z, r)), `row ${i}: ZIP ${zip[i]} is not in ${region[i]}`);
    }
  });

  it('transliterates names the way people write them in e-mails', () => {
    assert.equal(transliterate('Дарья', 'cyrillic-ru'), 'darya');
    assert.equal(transliterate('Щукин', 'cyrillic-ru'), 'shchukin');
    assert.equal(transliterate('Юлия', 'cyrillic-ru'), 'yuliya');
    assert.equal(transliterate('Олексій', 'cyrillic-uk'), 'oleksiy');
    assert.equal(transliterate('Jürgen Groß', 'latin-de'), 'juergengross');
    assert.equal(transliterate('Hélène', 'latin'), 'helene');
    assert.equal(transliterate('Ελένη', 'greek'), 'eleni');
    assert.equal(transliterate('山田', 'none'), '');
  });

  it('follows de and fr formats; German e-mails spell umlauts out', () => {
    for (const [locale, country] of [['de', 'Deutschland'], ['fr', 'France']] as const) {
      const t = people({ n: 2000, locale, seed: 3 });
      const def = allLocales[locale];
      const post = formatRegex(def.location!.postcode as string[]);
      const phone = formatRegex(def.phone_number!.format!.human!);
      for (let i = 0; i < t.numRows; i++) {
        const r = t.row(i);
        assert.match(r.postcode as string, post);
        assert.match(r.phone as string, phone);
        assert.equal(r.country, country);
        assert.match(r.email as string, /^[a-z0-9._]+@/);
        assert.equal(r.middleName, null, 'no middle names of their own in de/fr');
      }
      if (locale === 'de') {
        const i = strings(t, 'lastName').findIndex((l) => /[äöü]/i.test(l as string));
        assert.ok(i >= 0);
        const l = t.row(i).lastName as string;
        assert.ok((t.row(i).email as string).includes(l.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/[^a-z]/g, '')));
      }
    }
  });

  it('mixes locales by weight, each row coherent in its own locale', () => {
    const t = people({ n: 10_000, locale: { ru: 0.3, en_US: 0.7 }, seed: 5, fields: ['locale', 'fullName', 'country'] });
    const loc = strings(t, 'locale');
    const share = loc.filter((l) => l === 'ru').length / t.numRows;
    assert.ok(Math.abs(share - 0.3) < 0.02, `ru share ${share}`);
    for (let i = 0; i < t.numRows; i++) {
      const cyr = /[А-Яа-яЁё]/.test(t.cell(i, 'fullName') as string);
      assert.equal(cyr, loc[i] === 'ru');
      assert.equal(t.cell(i, 'country'), loc[i] === 'ru' ? 'Россия' : 'United States');
    }
  });

  it('is reproducible from its seed, and chunks concatenate to the whole table', () => {
    const a = people({ n: 300, locale: 'fr', seed: 9 });
    assert.deepEqual(people({ n: 300, locale: 'fr', seed: 9 }).toRecords(), a.toRecords());
    assert.notDeepEqual(people({ n: 300, locale: 'fr', seed: 10 }).column('email'), a.column('email'));
    const rows = [...peopleChunks({ n: 300, locale: 'fr', seed: 9, chunkSize: 64 })].flatMap((c) => c.toRecords());
    assert.deepEqual(rows, a.toRecords());
  });

  it('honours fields, referenceDate and age bounds', () => {
    const t = people({ n: 500, locale: 'uk', seed: 1, fields: ['email', 'age', 'birthDate'], referenceDate: '2000-06-15', minAge: 30, maxAge: 31 });
    assert.deepEqual(t.names, ['email', 'age', 'birthDate']);
    for (const r of t.rows()) {
      assert.ok(r.age === 30 || r.age === 31);
      const b = r.birthDate as Date;
      assert.ok(b >= new Date('1968-06-16') && b <= new Date('1970-06-15'), `birth ${b.toISOString()}`);
    }
    assert.equal(people({ n: 0, locale: 'ru' }).numRows, 0);
  });

  it('supports the faker-js locales that have their own person, address and phone data', () => {
    const locs = peopleLocales();
    for (const l of ['ru', 'en_US', 'de', 'fr', 'uk', 'ja', 'pl', 'es', 'it', 'zh_CN']) assert.ok(locs.includes(l), l);
    for (const l of locs) {
      const r = people({ n: 20, locale: l, seed: 2 }).row(19);
      assert.ok(typeof r.fullName === 'string' && r.fullName.length > 1, `${l}: ${r.fullName}`);
      assert.ok(typeof r.email === 'string' && /^[a-z0-9._]+@[a-z0-9.-]+$/.test(r.email), `${l}: ${r.email}`);
    }
  });

  it('refuses unknown and unsupported locales, bad weights and bad fields by name', () => {
    assert.throws(() => people({ n: 1, locale: 'xx_YY' }), /locale "xx_YY": not a faker-js locale.*Supported locales: .*ru/);
    assert.throws(() => people({ n: 1, locale: 'ta_IN' }), /locale "ta_IN": faker-js has no/);
    assert.throws(() => people({ n: 1, locale: { ru: -1 } }), /locale "ru" has weight -1/);
    assert.throws(() => people({ n: 1, fields: ['nam' as 'fullName'] }), /unknown field "nam"/);
    assert.throws(() => people({ n: 1, referenceDate: 'yesterday' }), /referenceDate "yesterday"/);
  });
});
