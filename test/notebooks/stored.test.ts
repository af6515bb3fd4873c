/**
 * The study's notebooks as stored (committed with outputs from a real default-profile run, to be
 * read without a kernel): no errors, every Synthlab bundle valid and beside a fallback, small
 * enough for GitHub. Executing them through the kernel is execute.test.ts's job.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MIME, validatePayload } from '../../kernel-lib/src/display/mime';
import { joinText, repoRoot } from '../support/jupyter';
import type { Notebook } from '../support/jupyter';

// The notebooks this test covers (the others join the list as they land).
const NOTEBOOKS = ['01-personal-data.ipynb', '02-sklearn-style-generators.ipynb', '03-gaussian-copula.ipynb'];
const FALLBACKS = ['image/png', 'image/svg+xml', 'text/html'];
const VENDOR = new Set<string>(Object.values(MIME));

const read = (name: string): Notebook => JSON.parse(readFileSync(join(repoRoot, 'notebooks', name), 'utf8')) as Notebook;

/** Problems with a notebook's outputs: errors, and Synthlab bundles that are invalid or lack a fallback. */
function outputProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  nb.cells.forEach((cell, i) => {
    for (const o of cell.outputs ?? []) {
      if (o.output_type === 'error') problems.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream' && /^\w*Error: /m.test(joinText(o.text))) problems.push(`cell ${i}: error text in a stream: ${joinText(o.text).slice(0, 200)}`);
      const data = o.data ?? {};
      for (const mime of Object.keys(data).filter((m) => m.startsWith('application/vnd.synthlab.'))) {
        if (!VENDOR.has(mime)) { problems.push(`cell ${i}: unknown vendor type ${mime}`); continue; }
        problems.push(...validatePayload(mime, data[mime]).map((e) => `cell ${i}: ${mime}: ${e}`));
        if (!FALLBACKS.some((f) => typeof data[f] === 'string' || Array.isArray(data[f]))) problems.push(`cell ${i}: ${mime} has no PNG, SVG or HTML fallback`);
        if (!data['text/plain']) problems.push(`cell ${i}: ${mime} has no text/plain`);
      }
    }
  });
  return problems;
}

const vendorTypes = (nb: Notebook) => new Set(nb.cells.flatMap((c) => (c.outputs ?? []).flatMap((o) => Object.keys(o.data ?? {}).filter((m) => VENDOR.has(m)))));

describe('stored notebooks', () => {
  for (const name of NOTEBOOKS) {
    describe(`stored ${name}`, () => {
      const nb = read(name);
      const sources = nb.cells.map((c) => joinText(c.source));

      it('is a tslab notebook that opens with an intro, one config cell and a versions cell', () => {
        const spec = nb.metadata.kernelspec as { name: string; language: string };
        assert.equal(spec.name, 'tslab');
        assert.equal(spec.language, 'typescript');
        assert.equal(nb.cells[0].cell_type, 'markdown');
        assert.match(sources[1], /import \* as synthlab from 'synthlab'/);
        assert.match(sources[1], /experiments\.profileFromEnv\(\)/);
        assert.match(sources[1], /experiments\.bySize\(profile, \{\s*ci:[\s\S]*default:[\s\S]*full:/);
        assert.match(sources[2], /await synthlab\.backend\.init\(\)/);
        assert.match(sources[2], /synthlab\.experiments\.versions\(\)/);
        assert.equal(sources.filter((s) => /profileFromEnv\(\)/.test(s)).length, 1, 'sizes are read in one config cell');
      });

      it('holds the outputs of a default-profile run: every code cell ran, no errors, valid bundles with fallbacks', () => {
        const code = nb.cells.filter((c) => c.cell_type === 'code');
        // tslab stores no execution counts: a cell that ran shows its output (each of these cells shows one).
        code.forEach((c, i) => assert.ok((c.outputs ?? []).length > 0, `code cell ${i} has no stored output`));
        assert.match(joinText(code[0].outputs?.map((o) => joinText(o.text)).join('')), /profile: 'default'/);
        assert.deepEqual(outputProblems(nb), []);
        assert.ok(vendorTypes(nb).size >= 1, 'shows at least one Synthlab rich output');
        const mb = statSync(join(repoRoot, 'notebooks', name)).size / 2 ** 20;
        assert.ok(mb < 2, `${name} is ${mb.toFixed(2)} MB; thin its plots and previews`);
      });
    });
  }

  describe('stored 01-personal-data.ipynb: the checks it computed', () => {
    const nb = read('01-personal-data.ipynb');
    const text = nb.cells.map((c) => (c.outputs ?? []).map((o) => joinText(o.text) + joinText(o.data?.['text/plain'] as string)).join('\n')).join('\n');

    it('found every ru record coherent and every unique column unique', () => {
      assert.match(text, /patronymicAgreesWithSex: '100\.00%'/);
      assert.match(text, /emailFromOwnName: '100\.00%'/);
      assert.match(text, /ageMatchesBirthDate: '100\.00%'/);
      assert.match(text, /duplicateEmailsWithUniqueEmails: 0/);
      assert.match(text, /sameAsOneCall: true/);
    });

    it('read every exported format back to the same cells', () => {
      // The export table's rows: format | file | rows | MB | seconds | sameCellsOnReadBack.
      const rows = text.split('\n').filter((l) => /^(csv|jsonl|arrow)\s+\| customers\./.test(l));
      assert.equal(rows.length, 3, 'expected one export row each for csv, jsonl and arrow');
      for (const r of rows) assert.match(r, /\|\s*true\s*$/, `read-back differs: ${r}`);
    });
  });
});
