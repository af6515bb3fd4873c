import assert from 'node:assert/strict';
import { Table, type Cell } from '../../kernel-lib/src/tabular';
import { GaussianCopulaSynthesizer, detectMetadata } from '../../kernel-lib/src/copula';

describe('copula: bad input is handled with a warning or refused by name', () => {
  it('constant and all-missing columns: sampled as such, with warnings', () => {
    const t = new Table({ k: [3, 3, 3, 3], gone: [null, null, null, null], x: [1, 2, 3, 4] });
    const s = new GaussianCopulaSynthesizer().fit(t);
    assert.ok(s.warnings.some((w) => w.includes('"k"') && w.includes('constant')));
    assert.ok(s.warnings.some((w) => w.includes('"gone"') && w.includes('missing')));
    const out = s.sample(10, { seed: 1 });
    assert.ok(Array.from(out.column('k')).every((v) => v === 3));
    assert.ok(Array.from(out.column('gone')).every((v) => v === null));
  });

  it('a one-row table: warns and samples that row’s values', () => {
    const s = new GaussianCopulaSynthesizer().fit(new Table({ a: [1.5], b: ['x'] }));
    assert.ok(s.warnings.some((w) => w.includes('one row')));
    assert.deepEqual(s.sample(2, { seed: 1 }).toRecords(), [{ a: 1.5, b: 'x' }, { a: 1.5, b: 'x' }]);
  });

  it('10^5 distinct categories: fits and samples quickly, with a warning', () => {
    const n = 100000;
    const cats: Cell[] = Array.from({ length: n }, (_, i) => `c${i % 99991}`);
    const s = new GaussianCopulaSynthesizer().fit(new Table({ cat: cats, v: Float64Array.from({ length: n }, (_, i) => i % 7) }));
    assert.ok(s.warnings.some((w) => w.includes('"cat"') && w.includes('distinct categories')));
    assert.equal(s.sample(1000, { seed: 1 }).numRows, 1000);
  });

  it('mixed types: treated as categorical with a warning naming the row', () => {
    const m = detectMetadata(new Table({ m: [1, 2, 'three', 4] }));
    assert.equal(m.columns.m.sdtype, 'categorical');
    assert.ok(m.warnings[0].includes('row 2') && m.warnings[0].includes('"three"'));
  });

  it('unparseable dates under a declared format: refused, naming column and row', () => {
    const t = new Table({ d: ['2020-01-01', '2020-02-30', '2020-03-01'] });
    const meta = detectMetadata(t, { d: { sdtype: 'datetime', datetimeFormat: '%Y-%m-%d' } });
    assert.throws(() => new GaussianCopulaSynthesizer(meta).fit(t), /column "d", row 1: "2020-02-30"/);
  });

  it('blank text is missing, with a warning; infinite numbers are refused by row', () => {
    const m = detectMetadata(new Table({ c: ['a', ' ', 'b', ''] }));
    assert.match(m.warnings[0], /"c": 2 empty or whitespace-only .* row 1/);
    assert.throws(() => new GaussianCopulaSynthesizer().fit(new Table({ x: Float64Array.from([1, Infinity, 3]) })), /column "x", row 1: Infinity/);
  });

  it('a declared numerical column holding text: refused, naming the row', () => {
    assert.throws(() => detectMetadata(new Table({ n: ['1', 'x'] }), { n: { sdtype: 'numerical' } }), /column "n".*row 1/);
  });

  it('CSV text: numbers, categories and dates detected from strings; ragged rows refused by record', () => {
    const s = new GaussianCopulaSynthesizer(null, { seed: 1 }).fit('x,y,d\n1.5,a,2020-01-01\n2.5,b,2020-01-03\n3.25,a,2020-02-01\n');
    const m = s.getMetadata()!.columns;
    assert.deepEqual([m.x.sdtype, m.x.digits, m.y.sdtype, m.d.datetimeFormat], ['numerical', 2, 'categorical', '%Y-%m-%d']);
    const out = s.sample(20, { seed: 2 });
    assert.ok(Array.from(out.column('x')).every((v) => typeof v === 'number' && v >= 1.5 && v <= 3.25));
    assert.throws(() => new GaussianCopulaSynthesizer().fit('a,b\n1,2\n3\n'), /record 3 has 1 fields/);
  });

  it('an empty table and an unfitted synthesizer are refused', () => {
    assert.throws(() => new GaussianCopulaSynthesizer().fit(new Table({ a: [] })), /no rows/);
    assert.throws(() => new GaussianCopulaSynthesizer().sample(1), /not fitted/);
  });
});
