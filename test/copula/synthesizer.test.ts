import assert from 'node:assert/strict';
import { Rng } from '../../kernel-lib/src/random';
import { Table, type Cell } from '../../kernel-lib/src/tabular';
import { GaussianCopulaSynthesizer, selectFamily, type SynthesizerJSON } from '../../kernel-lib/src/copula';
import { normCdf, normPpf } from '../../kernel-lib/src/copula/special';
import { knownTable, ks2, nums, pearson, TRUE_RHO } from './helpers';

describe('copula: GaussianCopulaSynthesizer on a table of known truth', () => {
  const { table } = knownTable(20000);
  const synth = new GaussianCopulaSynthesizer(null, { seed: 3 }).fit(table);
  const out = synth.sample(20000, { seed: 4 });

  it('chooses the true family for clear cases', () => {
    const learned = synth.getLearnedDistributions();
    assert.equal(learned.normal.family, 'norm');
    assert.equal(learned.uniform.family, 'uniform');
    const p = learned.normal.parameters as { loc: number; scale: number };
    assert.ok(Math.abs(p.loc - 10) < 0.1 && Math.abs(p.scale - 3) < 0.1, JSON.stringify(p));
  });

  it('recovers the correlation of normal scores and of the sampled values', () => {
    const { names, matrix } = synth.getCorrelation();
    const r = matrix[names.indexOf('normal')][names.indexOf('uniform')];
    assert.ok(Math.abs(r - TRUE_RHO) < 0.03, `latent rho ${r}`);
    const real = pearson(nums(table.column('normal')), nums(table.column('uniform')));
    const syn = pearson(nums(out.column('normal')), nums(out.column('uniform')));
    assert.ok(Math.abs(real - syn) < 0.03, `real ${real} vs synthetic ${syn}`);
  });

  it('reproduces each marginal (two-sample KS small) and category frequencies', () => {
    for (const c of ['normal', 'uniform']) {
      const d = ks2(nums(table.column(c)), nums(out.column(c)));
      assert.ok(d < 0.03, `${c}: KS ${d}`);
    }
    const freq = (col: ArrayLike<unknown>, v: string) => Array.from(col).filter((x) => x === v).length / col.length;
    for (const v of ['low', 'mid', 'high']) assert.ok(Math.abs(freq(table.column('cat'), v) - freq(out.column('cat'), v)) < 0.02, v);
  });

  it('keeps a monotone category–number relation (dependence-ordered intervals)', () => {
    const x = nums(out.column('normal')), c = Array.from(out.column('cat'));
    const m = (v: string) => { const s = x.filter((_, i) => c[i] === v); return s.reduce((a, b) => a + b, 0) / s.length; };
    assert.ok(m('low') < m('mid') && m('mid') < m('high'), `${m('low')} ${m('mid')} ${m('high')}`);
  });

  it('is reproducible from a seed and differs across seeds', () => {
    const a = synth.sample(50, { seed: 9 }), b = synth.sample(50, { seed: 9 }), c = synth.sample(50, { seed: 10 });
    assert.deepEqual(a.toRecords(), b.toRecords());
    assert.notDeepEqual(a.toRecords(), c.toRecords());
  });

  it('saves to JSON and samples the same rows from the loaded parameters alone', () => {
    const json = JSON.parse(JSON.stringify(synth.toJSON())) as SynthesizerJSON;
    const loaded = GaussianCopulaSynthesizer.fromJSON(json);
    assert.deepEqual(loaded.sample(100, { seed: 5 }).toRecords(), synth.sample(100, { seed: 5 }).toRecords());
  });
});

describe('copula: families fixed by the user', () => {
  it('defaultDistribution and per-column overrides win over the KS choice', () => {
    const { table } = knownTable(3000, 6);
    const synth = new GaussianCopulaSynthesizer(null, { defaultDistribution: 'beta', numericalDistributions: { uniform: 'gaussianKde' } }).fit(table);
    const learned = synth.getLearnedDistributions();
    assert.equal(learned.normal.family, 'beta');
    assert.equal(learned.uniform.family, 'gaussianKde');
    assert.equal(learned.uniform.ks, undefined);
    const out = synth.sample(3000, { seed: 1 });
    assert.ok(ks2(nums(table.column('uniform')), nums(out.column('uniform'))) < 0.05);
  });
});

describe('copula: family selection by KS', () => {
  const rng = new Rng(11);
  const n = 20000;
  const draw = (f: () => number) => Float64Array.from({ length: n }, f);
  it('picks gamma for gamma data and beta for beta data', () => {
    const gamma = draw(() => -Math.log(rng.float() + 1e-300) - Math.log(rng.float() + 1e-300) - Math.log(rng.float() + 1e-300));
    assert.equal(selectFamily(gamma, undefined, 4000, 'g').params.family, 'gamma');
    // beta(1/2, 1/2) (arcsine law): sin²(πU/2), U-shaped, which no other family fits.
    const beta = draw(() => Math.sin((Math.PI * rng.float()) / 2) ** 2);
    assert.equal(selectFamily(beta, undefined, 4000, 'b').params.family, 'beta');
  });
});

describe('copula: rounding, bounds, missing values, datetimes, PII', () => {
  const rng = new Rng(5);
  const n = 3000;
  const age: Cell[] = [], income: Cell[] = [], day: Cell[] = [], email: Cell[] = [], flag: Cell[] = [];
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    age.push(Math.round(40 + 10 * z));
    income.push(rng.float() < 0.2 ? null : Math.round(100 * (30000 + 8000 * z + 3000 * rng.normal())) / 100);
    day.push(new Date(Date.UTC(2020, 0, 1) + Math.floor(365 * normCdf(z)) * 86400000).toISOString().slice(0, 10));
    email.push(`person${i}@real.example`);
    flag.push(z > 0);
  }
  const table = new Table({ age, income, day, email, flag });

  for (const missingValues of ['rate', 'indicator'] as const) {
    it(`honours types, digits, [min, max] and the missing rate (${missingValues})`, () => {
      const synth = new GaussianCopulaSynthesizer(null, { seed: 1, missingValues }).fit(table);
      const meta = synth.getMetadata()!;
      assert.equal(meta.columns.age.representation, 'integer');
      assert.equal(meta.columns.income.digits, 2);
      assert.equal(meta.columns.day.sdtype, 'datetime');
      assert.equal(meta.columns.day.datetimeFormat, '%Y-%m-%d');
      assert.equal(meta.columns.email.sdtype, 'pii');
      const out = synth.sample(3000, { seed: 2 });
      const ages = nums(out.column('age'));
      const realAges = nums(table.column('age'));
      assert.ok(ages.every((v) => Number.isInteger(v) && v >= Math.min(...realAges) && v <= Math.max(...realAges)));
      const inc = Array.from(out.column('income'));
      const missing = inc.filter((v) => v === null).length / inc.length;
      assert.ok(Math.abs(missing - 0.2) < 0.03, `missing rate ${missing}`);
      assert.ok(inc.every((v) => v === null || Math.abs((v as number) * 100 - Math.round((v as number) * 100)) < 1e-6));
      assert.ok(Array.from(out.column('day')).every((v) => /^2020-\d\d-\d\d$/.test(String(v)) || /^2021-01-01$/.test(String(v))));
      const realEmails = new Set(table.column('email') as string[]);
      assert.ok(Array.from(out.column('email')).every((e) => typeof e === 'string' && e.includes('@') && !realEmails.has(e)));
      // The age–flag dependence survives: flagged rows are older. (Real gap 16; a two-interval
      // encoding attenuates it to ≈ 20 · 0.8 · 0.8² ≈ 10 in expectation.)
      const flags = Array.from(out.column('flag'));
      const meanOf = (want: boolean) => { const v = ages.filter((_, i) => flags[i] === want); return v.reduce((s, x) => s + x, 0) / v.length; };
      assert.ok(meanOf(true) - meanOf(false) > 7, `${meanOf(true)} vs ${meanOf(false)}`);
    });
  }
});

describe('copula: id columns', () => {
  it('keep ids unique across sample calls, and resetSampling starts over', () => {
    const rng = new Rng(8);
    const n = 400;
    const table = new Table({
      order_id: Array.from({ length: n }, (_, i) => `ORD-${String(i + 1).padStart(5, '0')}`),
      amount: Array.from({ length: n }, () => Math.round(100 * (50 + 10 * rng.normal())) / 100),
    });
    const synth = new GaussianCopulaSynthesizer({ columns: { order_id: { sdtype: 'id' }, amount: { sdtype: 'numerical' } } }, { seed: 4 }).fit(table);
    const first = synth.sample(300), second = synth.sample(300);
    const ids = [...first.column('order_id'), ...second.column('order_id')] as string[];
    assert.equal(new Set(ids).size, 600, 'no id repeats across the two calls');
    assert.equal(ids[0], 'ORD-00000');
    assert.equal(ids[300], 'ORD-00300');
    synth.resetSampling();
    const again = synth.sample(300);
    assert.deepEqual(again.toRecords(), first.toRecords(), 'after resetSampling the first call repeats exactly');
  });
});

describe('copula: PII locale', () => {
  it('regenerates PII in the chosen faker locale, and refuses an unknown one', () => {
    const table = new Table({ full_name: ['Ann Lee', 'Bob Ray', 'Cy Fox', 'Di Day'], score: [1, 2, 3, 4] });
    const meta = { columns: { full_name: { sdtype: 'pii' as const, piiKind: 'fullName' as const }, score: { sdtype: 'numerical' as const } } };
    const ru = new GaussianCopulaSynthesizer(meta, { seed: 1, piiLocale: 'ru' }).fit(table).sample(50);
    const cyrillic = (ru.column('full_name') as string[]).filter((v) => /[\u0400-\u04FF]/.test(v)).length;
    assert.equal(cyrillic, 50, 'every regenerated name is Cyrillic');
    const en = new GaussianCopulaSynthesizer(meta, { seed: 1 }).fit(table).sample(50);
    assert.ok((en.column('full_name') as string[]).every((v) => /^[\x20-\x7E]+$/.test(v)), 'default English names');
    assert.throws(() => new GaussianCopulaSynthesizer(meta, { piiLocale: 'xx_YY' }), /locale "xx_YY" is not a faker-js locale; known: .*\bru\b/);
  });
});

describe('copula: sampling from hand-written parameters', () => {
  it('needs no real data and honours the given correlation and marginals', () => {
    const synth = GaussianCopulaSynthesizer.fromParameters({
      columnOrder: ['height', 'weight', 'team'],
      models: [
        { kind: 'numerical', column: 'height', distribution: { family: 'norm', loc: 170, scale: 10 }, min: 120, max: 220, digits: 0, missingRate: 0 },
        { kind: 'numerical', column: 'weight', distribution: { family: 'gamma', a: 9, loc: 30, scale: 4 }, min: 30, max: 200, digits: 1, missingRate: 0 },
        { kind: 'categorical', column: 'team', categories: ['a', 'b'], frequencies: [0.7, 0.3] },
      ],
      correlation: [[1, 0.8, 0], [0.8, 1, 0], [0, 0, 1]],
    });
    const out = synth.sample(20000, { seed: 1 });
    const h = nums(out.column('height')), w = nums(out.column('weight'));
    assert.ok(Math.abs(h.reduce((s, v) => s + v, 0) / h.length - 170) < 0.5);
    assert.ok(pearson(h, w) > 0.7);
    const share = Array.from(out.column('team')).filter((t) => t === 'a').length / 20000;
    assert.ok(Math.abs(share - 0.7) < 0.015, `${share}`);
  });

  it('refuses a malformed correlation, naming the entry', () => {
    assert.throws(() => GaussianCopulaSynthesizer.fromParameters({
      columnOrder: ['a', 'b'],
      models: [
        { kind: 'numerical', column: 'a', distribution: { family: 'norm', loc: 0, scale: 1 }, min: -10, max: 10, digits: null, missingRate: 0 },
        { kind: 'numerical', column: 'b', distribution: { family: 'norm', loc: 0, scale: 1 }, min: -10, max: 10, digits: null, missingRate: 0 },
      ],
      correlation: [[1, 0.5], [0.4, 1]],
    }), /correlation\[0\]\[1\]/);
  });

  it('repairs a correlation that is not positive definite, with a note', () => {
    const synth = GaussianCopulaSynthesizer.fromParameters({
      columnOrder: ['a', 'b', 'c'],
      models: ['a', 'b', 'c'].map((column) => ({ kind: 'numerical' as const, column, distribution: { family: 'norm' as const, loc: 0, scale: 1 }, min: -Infinity, max: Infinity, digits: null, missingRate: 0 })),
      correlation: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]],
    });
    const out = synth.sample(2000, { seed: 1 });
    assert.ok(nums(out.column('a')).every(Number.isFinite));
    assert.ok(Math.abs(normPpf(0.5)) < 1e-12);
  });
});
