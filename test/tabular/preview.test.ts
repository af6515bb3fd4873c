import assert from 'node:assert/strict';
import { MIME, validatePayload } from '../../kernel-lib/src/display/mime';
import type { TablePayload } from '../../kernel-lib/src/display/mime';
import { Table, people, tablePreview } from '../../kernel-lib/src/tabular';

describe('tabular/preview', () => {
  it('gives a valid table payload with HTML and plain-text fallbacks', () => {
    const t = people({ n: 50, locale: 'de', seed: 1 });
    const out = tablePreview(t, { rows: 5, title: 'Personen' });
    assert.deepEqual(out.mimeTypes, [MIME.table, 'text/html', 'text/plain']);
    const p = out.bundle[MIME.table] as TablePayload;
    assert.deepEqual(validatePayload(MIME.table, p), []);
    assert.equal(p.totalRows, 50);
    assert.equal(p.rows.length, 5);
    assert.deepEqual(p.columns.map((c) => c.name), [...t.names]);
    assert.equal(p.columns.find((c) => c.name === 'age')?.type, 'int32');
    assert.equal(p.columns.find((c) => c.name === 'birthDate')?.type, 'date');
    assert.equal(p.rows[2][t.names.indexOf('email')], t.cell(2, 'email'));
    assert.match(p.rows[0][t.names.indexOf('birthDate')] as string, /^\d{4}-\d{2}-\d{2}$/);
    const text = out.toString();
    assert.ok(text.startsWith(`Personen: 5 of 50 rows × ${t.numColumns} columns`));
    assert.equal(text.split('\n').length, 3 + 5);
    assert.ok((out.bundle['text/html'] as string).includes(`<td>${t.cell(4, 'city')}</td>`));
  });

  it('escapes HTML, cuts long text, and turns non-finite numbers and missing cells into null', () => {
    const evil = '<img src=x onerror="alert(1)">';
    const t = new Table({ [`a<b>`]: [evil, 'x'.repeat(500), null], v: new Float64Array([1.5, NaN, Infinity]) });
    const out = tablePreview(t);
    const html = out.bundle['text/html'] as string;
    assert.ok(!html.includes('<img') && !html.includes('<b>'));
    assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;') && html.includes('a&lt;b&gt;'));
    const p = out.bundle[MIME.table] as TablePayload;
    assert.deepEqual(validatePayload(MIME.table, p), []);
    assert.equal((p.rows[1][0] as string).length, 200);
    assert.deepEqual(p.rows.map((r) => r[1]), [1.5, null, null]);
    assert.equal(p.rows[2][0], null);
    assert.equal(tablePreview(t, { rows: 0 }).toString().split('\n')[0], '0 of 3 rows × 2 columns');
  });
});
