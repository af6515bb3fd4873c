/**
 * Every notebook of the study, executed headless through a real Jupyter kernel (tslab) with the
 * tiny `ci` profile: no cell errors, and the rich outputs are whole bundles (Synthlab's vendor
 * JSON object plus a static fallback and text/plain).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertJupyterReady, executeNotebook, joinText, repoRoot, type Notebook } from '../support/jupyter';

const dir = join(repoRoot, 'notebooks');
const notebooks = readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort();

describe('notebooks (executed with SYNTHLAB_PROFILE=ci)', function () {
  this.timeout(900_000);
  before(() => assertJupyterReady());

  it('ships the study\'s notebooks', () => {
    assert.ok(notebooks.length >= 1, 'notebooks/ holds no .ipynb');
  });

  for (const name of notebooks) {
    it(`${name} runs without errors and shows vendor bundles with fallbacks`, () => {
      const source = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Notebook;
      assert.equal((source.metadata.kernelspec as { name: string }).name, 'tslab');
      const executed = executeNotebook(source, { dir: join(repoRoot, 'test-artifacts', 'notebooks'), name, env: { SYNTHLAB_PROFILE: 'ci' }, timeoutSec: 900 });
      const outputs = executed.cells.flatMap((c) => c.outputs ?? []);
      const errors = outputs.filter((o) => o.output_type === 'error');
      assert.deepEqual(errors.map((e) => `${e.ename}: ${e.evalue}`), []);
      const rich = outputs.filter((o) => o.data && Object.keys(o.data).some((m) => m.startsWith('application/vnd.synthlab.')));
      assert.ok(rich.length > 0, `${name} shows no Synthlab output`);
      for (const o of rich) {
        const data = o.data as Record<string, unknown>;
        const vendor = Object.keys(data).find((m) => m.startsWith('application/vnd.synthlab.')) as string;
        assert.equal(typeof data[vendor], 'object', `${vendor} must be stored as a JSON object`);
        assert.ok(['image/png', 'image/svg+xml', 'text/html'].some((m) => m in data), `${vendor} output lacks a static fallback`);
        assert.ok(joinText(data['text/plain'] as string).length > 0, `${vendor} output lacks text/plain`);
      }
    });
  }
});
