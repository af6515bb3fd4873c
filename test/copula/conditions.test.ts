import assert from 'node:assert/strict';
import { Table, type Cell, type Row } from '../../kernel-lib/src/tabular';
import { Rng } from '../../kernel-lib/src/random';
import { GaussianCopulaSynthesizer } from '../../kernel-lib/src/copula';
import { knownTable, nums, TRUE_RHO } from './helpers';
import { normCdf } from '../../kernel-lib/src/copula/special';

describe('copula: conditional sampling', () => {
  const { table } = knownTable(20000, 2);
  const synth = new GaussianCopulaSynthesizer(null, { seed: 1 }).fit(table);

  it('fixes a numeric column and shifts the others by the exact conditional normal', () => {
    // normal = 16 is z1 = 2; E[z2 | z1 = 2] = 2ρ, so uniform ≈ 100 Φ(2ρ ± sd).
    const out = synth.sampleFromConditions([{ columnValues: { normal: 16 }, numRows: 4000 }], { seed: 2 });
    assert.equal(out.numRows, 4000);
    assert.ok(Array.from(out.column('normal')).every((v) => v === 16));
    const u = nums(out.column('uniform')).sort();
    const median = u[2000];
    const expected = 100 * normCdf(2 * TRUE_RHO);
    assert.ok(Math.abs(median - expected) < 2.5, `median ${median} vs ${expected}`);
  });

  it('fixes a category exactly and conditions the numbers on it', () => {
    const out = synth.sampleFromConditions([{ columnValues: { cat: 'high' }, numRows: 2000 }, { columnValues: { cat: 'low' }, numRows: 2000 }], { seed: 3 });
    const cats = Array.from(out.column('cat'));
    assert.ok(cats.slice(0, 2000).every((c) => c === 'high') && cats.slice(2000).every((c) => c === 'low'));
    // Exactness: the conditional rows match the model's own unconditional rows with that category.
    const x = nums(out.column('normal'));
    const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
    const free = synth.sample(40000, { seed: 5 });
    const fx = nums(free.column('normal')), fc = Array.from(free.column('cat'));
    for (const [cat, part] of [['high', x.subarray(0, 2000)], ['low', x.subarray(2000)]] as const) {
      const ref = fx.filter((_, i) => fc[i] === cat);
      assert.ok(Math.abs(mean(part) - mean(ref)) < 0.25, `${cat}: conditional mean ${mean(part)} vs model ${mean(ref)}`);
    }
  });

  it('fills the remaining columns of known rows, keeping every known value', () => {
    const known: Row[] = [{ normal: 7, cat: 'mid' }, { uniform: 90 }, { cat: 'low', normal: 13.5 }];
    const out = synth.sampleRemainingColumns(known, { seed: 4 });
    known.forEach((k, i) => { for (const [c, v] of Object.entries(k)) assert.equal(out.cell(i, c), v); });
  });

  it('names an unknown category', () => {
    assert.throws(() => synth.sampleFromConditions([{ columnValues: { cat: 'nope' }, numRows: 1 }]), /"nope".*not a category of "cat"/);
  });
});

describe('copula: constraints hold on every row', () => {
  const rng = new Rng(8);
  const n = 4000;
  const start: Cell[] = [], end: Cell[] = [], lo: Cell[] = [], mid: Cell[] = [], hi: Cell[] = [], price: Cell[] = [], city: Cell[] = [], country: Cell[] = [];
  const places = [['Paris', 'FR'], ['Lyon', 'FR'], ['Berlin', 'DE'], ['Bonn', 'DE']];
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    const s = Math.round(50 + 10 * z);
    start.push(s); end.push(s + Math.round(5 + 20 * rng.float()));
    const a = 10 * rng.normal(), b = a + 1 + 5 * rng.float();
    lo.push(Math.round(a * 10) / 10); hi.push(Math.round(b * 10) / 10);
    mid.push(Math.round((a + (b - a) * rng.float()) * 10) / 10);
    price.push(Math.round(20 + 5 * z) * 5 === 100 ? 105 : Math.round(20 + 5 * z) * 5);
    const p = places[rng.int(4)];
    city.push(p[0]); country.push(p[1]);
  }
  for (let i = 0; i < n; i++) mid[i] = Math.min(hi[i] as number, Math.max(lo[i] as number, mid[i] as number));
  const table = new Table({ start, end, lo, mid, hi, price, city, country });
  const synth = new GaussianCopulaSynthesizer(null, {
    seed: 2,
    constraints: [
      { type: 'Inequality', low: 'start', high: 'end' },
      { type: 'Range', low: 'lo', middle: 'mid', high: 'hi' },
      { type: 'FixedIncrements', column: 'price', increment: 5 },
      { type: 'FixedCombinations', columns: ['city', 'country'] },
      { type: 'Custom', name: 'price is never 100', columns: ['price'], isValid: (r) => r.price !== 100 },
    ],
  }).fit(table);
  const out = synth.sample(5000, { seed: 1 });

  it('Inequality, Range, FixedIncrements, FixedCombinations and Custom', () => {
    assert.equal(out.numRows, 5000);
    const pairs = new Set(places.map((p) => p.join('/')));
    for (const r of out.rows()) {
      assert.ok((r.start as number) <= (r.end as number), JSON.stringify(r));
      assert.ok((r.lo as number) <= (r.mid as number) && (r.mid as number) <= (r.hi as number), JSON.stringify(r));
      assert.equal((r.price as number) % 5, 0);
      assert.ok(pairs.has(`${r.city}/${r.country}`), JSON.stringify(r));
      assert.notEqual(r.price, 100);
    }
  });

  it('refuses a constraint the real data breaks, naming the row', () => {
    assert.throws(() => new GaussianCopulaSynthesizer(null, { constraints: [{ type: 'Inequality', low: 'end', high: 'start' }] }).fit(table), /row 0/);
  });

  it('conditions on a constrained column by rejection', () => {
    const c = synth.sampleFromConditions([{ columnValues: { country: 'DE' }, numRows: 50 }], { seed: 3 });
    assert.ok(Array.from(c.column('city')).every((x) => x === 'Berlin' || x === 'Bonn'));
  });
});
