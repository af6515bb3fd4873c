import assert from 'node:assert/strict';
import { Rng } from '../../kernel-lib/src/random';
import { ageOn, distributions as d, tableSchema, transliterate } from '../../kernel-lib/src/tabular';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => { const m = mean(xs); return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)); };

describe('tabular/schema', () => {
  it('builds columns from faker paths, faker functions, generators, distributions and derived values', () => {
    const s = tableSchema({
      id: { generate: ({ row }) => row + 1 },
      city: { faker: 'location.city' },
      qty: { faker: 'number.int', args: [{ min: 1, max: 3 }] },
      first: { faker: (f) => f.person.firstName('female') },
      price: { distribution: d.uniform(10, 20) },
      total: { derive: (r) => (r.qty as number) * (r.price as number) },
      label: { derive: (r) => `${r.id}:${r.first}` },
    });
    const t = s.generate({ n: 2000, seed: 4, locale: 'de' });
    assert.deepEqual(t.names, ['id', 'city', 'qty', 'first', 'price', 'total', 'label']);
    for (let i = 0; i < t.numRows; i++) {
      const r = t.row(i);
      assert.equal(r.id, i + 1);
      assert.ok([1, 2, 3].includes(r.qty as number));
      assert.ok((r.price as number) >= 10 && (r.price as number) < 20);
      assert.equal(r.total, (r.qty as number) * (r.price as number));
      assert.equal(r.label, `${i + 1}:${r.first}`);
    }
    assert.ok(new Set(t.column('qty')).size === 3);
  });

  it('keeps unique columns unique and names the column when the value space runs out', () => {
    const t = tableSchema({ code: { distribution: d.integer(1, 6000), unique: true } }).generate({ n: 5000, seed: 1 });
    assert.equal(new Set(t.column('code')).size, 5000);
    const s = tableSchema({ id: { generate: ({ row }) => row }, dice: { distribution: d.integer(1, 6), unique: true } });
    assert.throws(() => s.generate({ n: 7, seed: 1 }), (e: Error) => {
      assert.match(e.message, /column "dice" is unique but found no new value in 100 tries at row 6 \(6 distinct values so far\)/);
      assert.match(e.message, /exhausted/);
      return true;
    });
    // Unique faker values: names of one locale drawn without repeats.
    const names = tableSchema({ name: { faker: 'person.fullName', unique: { maxTries: 1000 } } }).generate({ n: 3000, seed: 2, locale: 'ru' });
    assert.equal(new Set(names.column('name')).size, 3000);
  });

  it('leaves nullable columns null at the requested rate, and nulls do not count against unique', () => {
    const t = tableSchema({ v: { distribution: d.normal(), nullable: 0.3 }, u: { distribution: d.integer(1, 100), unique: true, nullable: 0.99 } })
      .generate({ n: 4900, seed: 8 });
    const nulls = (t.column('v') as unknown[]).filter((x) => x === null).length / t.numRows;
    assert.ok(Math.abs(nulls - 0.3) < 0.03, `null rate ${nulls}`); // sd ≈ 0.0065
    const u = (t.column('u') as unknown[]).filter((x) => x !== null);
    assert.ok(u.length > 20, `${u.length} non-null`);
    assert.equal(new Set(u).size, u.length);
    assert.throws(() => tableSchema({ v: { distribution: d.normal(), nullable: 1.5 } }), /column "v": nullable must be a rate in \[0, 1\]/);
  });

  it('draws distributions with the right moments', () => {
    const rng = new Rng(3);
    const draw = (dist: { sample(r: Rng): unknown }, n = 20_000) => Array.from({ length: n }, () => dist.sample(rng) as number);
    const nrm = draw(d.normal(40, 12));
    assert.ok(Math.abs(mean(nrm) - 40) < 0.3 && Math.abs(std(nrm) - 12) < 0.3);
    const ex = draw(d.exponential(2));
    assert.ok(Math.abs(mean(ex) - 0.5) < 0.02);
    const po = draw(d.poisson(4));
    assert.ok(Math.abs(mean(po) - 4) < 0.06 && Math.abs(std(po) ** 2 - 4) < 0.2);
    const ints = draw(d.integer(1, 6));
    assert.ok(Math.min(...ints) === 1 && Math.max(...ints) === 6 && Math.abs(mean(ints) - 3.5) < 0.05);
    const cats = draw(d.categorical(['a', 'b', 'c'], [1, 2, 7]) as never) as unknown as string[];
    const share = (k: string) => cats.filter((c) => c === k).length / cats.length;
    assert.ok(Math.abs(share('a') - 0.1) < 0.01 && Math.abs(share('c') - 0.7) < 0.015);
    const ln = draw(d.lognormal(0, 0.5)).map(Math.log);
    assert.ok(Math.abs(mean(ln)) < 0.02 && Math.abs(std(ln) - 0.5) < 0.02);
    assert.throws(() => d.integer(5, 1), /integer\(low, high\) needs whole low ≤ high, got \(5, 1\)/);
  });

  it('is reproducible, chunk-invariant, and mixes locales per row', () => {
    const s = tableSchema({ name: { faker: 'person.lastName' }, x: { distribution: d.normal() }, loc: { generate: ({ locale }) => locale } });
    const a = s.generate({ n: 500, seed: 6, locale: { ru: 1, fr: 1 } });
    assert.deepEqual(s.generate({ n: 500, seed: 6, locale: { ru: 1, fr: 1 } }).toRecords(), a.toRecords());
    assert.deepEqual([...s.chunks({ n: 500, seed: 6, locale: { ru: 1, fr: 1 }, chunkSize: 37 })].flatMap((c) => c.toRecords()), a.toRecords());
    for (const r of a.rows()) assert.equal(/[а-яА-Я]/.test(r.name as string), r.loc === 'ru');
  });

  it('fills person columns from one coherent person per row, unique ones redrawing the whole person', () => {
    const s = tableSchema({
      id: { generate: ({ row }) => row },
      first: { person: 'firstName' },
      last: { person: 'lastName' },
      email: { person: 'email', unique: true },
      born: { person: 'birthDate' },
      age: { person: 'age' },
      city: { person: 'city', nullable: 0.5 },
      salary: { distribution: d.lognormal(10, 0.3) },
      senior: { derive: (r) => (r.age as number) >= 50 },
    });
    const t = s.generate({ n: 3000, seed: 3, locale: { ru: 1, en_US: 1 } });
    assert.equal(new Set(t.column('email')).size, t.numRows);
    let ru = 0;
    for (const r of t.rows()) {
      const script = /[а-яё]/i.test(r.first as string) ? 'cyrillic-ru' : 'latin';
      if (script === 'cyrillic-ru') ru++;
      const letters = (r.email as string).split('@')[0].replace(/[0-9._]/g, '');
      const f = transliterate(r.first as string, script), l = transliterate(r.last as string, script);
      assert.ok([f + l, l + f, f[0] + l].includes(letters), `${r.email} vs ${r.first} ${r.last}`);
      assert.equal(r.age, ageOn(r.born as Date, new Date('2026-01-01')));
      assert.equal(r.senior, (r.age as number) >= 50);
    }
    assert.ok(Math.abs(ru / t.numRows - 0.5) < 0.04);
    const nullCities = (t.column('city') as unknown[]).filter((c) => c === null).length / t.numRows;
    assert.ok(Math.abs(nullCities - 0.5) < 0.04);
    assert.deepEqual([...s.chunks({ n: 300, seed: 3, locale: { ru: 1, en_US: 1 }, chunkSize: 70 })].flatMap((c) => c.toRecords()), s.generate({ n: 300, seed: 3, locale: { ru: 1, en_US: 1 } }).toRecords());
    assert.throws(() => tableSchema({ sex: { person: 'sex', unique: true } }).generate({ n: 3, seed: 1, locale: 'ru' }), /column "sex" is unique but found no new value in 100 tries at row 2/);
    assert.throws(() => tableSchema({ x: { person: 'shoeSize' as 'age' } }), /column "x": person field "shoeSize" is not one of/);
    assert.throws(() => tableSchema({ x: { person: 'age' } }).generate({ n: 1, locale: 'ta_IN' }), /locale "ta_IN"/);
  });

  it('reports bad specs by column, listing what would be valid', () => {
    assert.throws(() => tableSchema({ a: { faker: 'person.firstNam' } }), /column "a": faker "person.firstNam": faker.person has no method "firstNam"; methods: .*firstName/);
    assert.throws(() => tableSchema({ a: { faker: 'persn.firstName' } }), /faker has no module "persn"; modules: .*person/);
    assert.throws(() => tableSchema({ a: { faker: 'x', generate: () => 1 } as never }), /column "a" must define exactly one of faker, generate, distribution, derive, person; it defines faker, generate/);
    const s = tableSchema({ a: { derive: (r) => r.b as never }, b: { generate: () => 1 } });
    assert.throws(() => s.generate({ n: 1 }), /column "a" gave undefined at row 0.*declared before it/);
  });
});
