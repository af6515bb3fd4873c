import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import {
  Table, distributions as d, fromArrow, parseCsv, parseJsonl, people, peopleChunks, tableSchema, toArrow, toCsv, toJsonl, writeTable,
} from '../../kernel-lib/src/tabular';
import type { Cell } from '../../kernel-lib/src/tabular';

const TRICKY = ['plain', 'comma, inside', 'quote " inside', '"quoted"', 'line\nbreak', 'crlf\r\nbreak', '', ' spaced ', 'ünïcödé, 日本', '""', ',', '\n'];

/** Cells compared by value (Dates by time). */
function sameCells(a: Table, b: Table) {
  assert.deepEqual(b.names, a.names);
  for (const n of a.names) {
    const x = Array.from(a.column(n) as ArrayLike<Cell>, (v) => (v instanceof Date ? v.getTime() : v));
    const y = Array.from(b.column(n) as ArrayLike<Cell>, (v) => (v instanceof Date ? v.getTime() : v));
    assert.deepEqual(y, x, `column ${n}`);
  }
}

describe('tabular/io', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'synthlab-tabular-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('quotes CSV by RFC 4180 and round-trips commas, quotes, newlines, empty strings and nulls', () => {
    const t = new Table({ s: [...TRICKY, null], 'a,b': TRICKY.map((_, i) => i).concat([7]).map(String) });
    const csv = toCsv(t);
    assert.ok(csv.startsWith('s,"a,b"\r\n'));
    assert.ok(csv.includes('\r\n"quote "" inside",2\r\n'));
    assert.ok(csv.includes('\r\n"""quoted""",3\r\n'));
    assert.ok(csv.includes('\r\n"",6\r\n'), 'empty string is ""');
    assert.ok(csv.endsWith('\r\n,7\r\n'), 'null is an empty field');
    sameCells(t, parseCsv(csv));
    // LF-only files and a missing final line end parse too.
    sameCells(new Table({ a: ['1', 'x,y'], b: ['2', null] }), parseCsv('a,b\n1,2\n"x,y",'));
    assert.throws(() => parseCsv('a\n"open\n'), /quoted field opened on line 2 never closes/);
    assert.throws(() => parseCsv('a,b\n1\n'), /record 2 has 1 fields; the header has 2/);
    assert.throws(() => parseCsv('a\nx"y\n'), /line 2: a quote inside an unquoted field/);
  });

  it('writes numbers, booleans and dates as text in CSV and JSON lines', () => {
    const t = new Table({ n: new Float64Array([1.5, -2]), b: [true, null], d: [new Date('1990-05-14'), new Date('2020-01-02T03:04:05.678Z')] });
    assert.equal(toCsv(t), 'n,b,d\r\n1.5,true,1990-05-14\r\n-2,,2020-01-02T03:04:05.678Z\r\n');
    const j = toJsonl(t);
    assert.equal(j, '{"n":1.5,"b":true,"d":"1990-05-14"}\n{"n":-2,"b":null,"d":"2020-01-02T03:04:05.678Z"}\n');
    const back = parseJsonl(j);
    assert.deepEqual(back.toRecords(), [{ n: 1.5, b: true, d: '1990-05-14' }, { n: -2, b: null, d: '2020-01-02T03:04:05.678Z' }]);
    const s = new Table({ s: [...TRICKY, null] });
    sameCells(s, parseJsonl(toJsonl(s)));
    assert.throws(() => parseJsonl('{"a":1}\n{oops}\n'), /line 2 is not JSON/);
  });

  it('round-trips people and mixed-type tables through Arrow IPC with typed columns', () => {
    const p = people({ n: 1000, locale: 'ru', seed: 5 });
    const back = fromArrow(toArrow(p));
    sameCells(p, back);
    assert.ok(back.column('age') instanceof Int32Array);
    assert.ok((back.column('birthDate') as Cell[])[0] instanceof Date);
    const t = new Table({
      f: new Float32Array([1.5, 2.5, 3]), x: [1.25, null, 3], flag: [true, false, null], s: [TRICKY[2], null, TRICKY[4]],
      when: [new Date('2000-01-01'), null, new Date(0)], mixed: [1, 'a', null],
    });
    const tb = fromArrow(toArrow(t, 'stream'));
    sameCells(new Table({ ...Object.fromEntries(t.names.map((n) => [n, t.column(n)])), mixed: ['1', 'a', null] }), tb);
    assert.ok(tb.column('f') instanceof Float32Array);
  });

  it('streams chunks to CSV, JSON lines and Arrow files that equal the in-memory table', async () => {
    const whole = people({ n: 3000, locale: { de: 1, fr: 1 }, seed: 2 });
    const chunks = () => peopleChunks({ n: 3000, locale: { de: 1, fr: 1 }, seed: 2, chunkSize: 700 });
    const csv = await writeTable(chunks(), join(dir, 'p.csv'));
    assert.equal(csv.rows, 3000);
    assert.equal(readFileSync(join(dir, 'p.csv'), 'utf8'), toCsv(whole));
    await writeTable(chunks(), join(dir, 'p.jsonl'));
    assert.equal(readFileSync(join(dir, 'p.jsonl'), 'utf8'), toJsonl(whole));
    for (const ext of ['arrow', 'arrows']) {
      const r = await writeTable(chunks(), join(dir, `p.${ext}`));
      assert.equal(r.bytes, statSync(join(dir, `p.${ext}`)).size);
      sameCells(whole, fromArrow(readFileSync(join(dir, `p.${ext}`))));
    }
    await assert.rejects(writeTable(whole, join(dir, 'p.xlsx')), /cannot tell the format of ".*p.xlsx"/);
    await assert.rejects(writeTable(whole, join(dir, 'missing', 'p.csv')), /ENOENT.*missing/);
  });

  it('streams a table far larger than the memory it holds', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const width = 1000, n = 30_000, chunkSize = 1000;
    const schema = tableSchema({
      id: { generate: ({ row }) => row },
      text: { generate: ({ rng }) => String(rng.uint32()).padEnd(width, 'abcdefgh') },
      x: { distribution: d.normal(), nullable: 0.1 },
    });
    for (const ext of ['csv', 'arrow']) {
      gc();
      const base = process.memoryUsage().heapUsed;
      let peak = 0;
      const source = (function* () {
        let k = 0;
        for (const c of schema.chunks({ n, seed: 1, chunkSize })) {
          if (k++ % 5 === 4) { // a full GC is slow: sample live memory every fifth chunk
            gc();
            peak = Math.max(peak, process.memoryUsage().heapUsed - base);
          }
          yield c;
        }
      })();
      const r = await writeTable(source, join(dir, `big.${ext}`));
      assert.equal(r.rows, n);
      assert.ok(r.bytes > n * width, `${r.bytes} bytes written`);
      // Holding the table would take > 30 MB of strings; a few chunks of 1 MB is the bound.
      assert.ok(peak < 8e6, `${ext}: live heap grew by ${(peak / 1e6).toFixed(1)} MB while streaming ${(r.bytes / 1e6).toFixed(0)} MB`);
      rmSync(join(dir, `big.${ext}`));
    }
  });
});

describe('tabular/io parseCsv header checks', () => {
  it('refuses duplicate column names instead of dropping one', () => {
    assert.throws(() => parseCsv('a,b,a\n1,2,3'), /header columns 1 and 3 are both named "a"/);
  });
});
