/// <reference lib="dom" />
/**
 * Every Synthlab output stored in the repository's example notebooks (as the tslab kernel wrote
 * them) renders in the browser without an error message: the producer and renderer agree on
 * real data, not only on the fixtures.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIME } from '../../kernel-lib/src/display/mime';
import { pageErrors, REPO, render, startHarness } from './support/browser';

interface Stored { notebook: string; cell: number; mime: string; json: unknown }

function storedOutputs(): Stored[] {
  const dir = join(REPO, 'notebooks');
  if (!existsSync(dir)) return [];
  const ours: string[] = Object.values(MIME);
  const found: Stored[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort()) {
    const nb = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
    nb.cells.forEach((c, cell) => {
      for (const o of c.outputs ?? []) {
        for (const [mime, json] of Object.entries(o.data ?? {})) if (ours.includes(mime)) found.push({ notebook: file, cell, mime, json });
      }
    });
  }
  return found;
}

describe('extension/renderer: outputs stored in notebooks/', function () {
  it('renders every stored Synthlab output without an error', async function () {
    const outputs = storedOutputs();
    if (outputs.length === 0) {
      if (this.test) this.test.title += ' (skipped: no executed Synthlab outputs in notebooks/)';
      this.skip();
    }
    const harness = await startHarness();
    try {
      const page = await harness.newPage();
      for (const [i, o] of outputs.entries()) {
        await render(page, { id: `o${i}`, mime: o.mime, json: o.json });
        const where = `${o.notebook} cell ${o.cell + 1} (${o.mime})`;
        assert.equal(await page.locator(`#out-o${i} .synthlab-error`).count(), 0, `${where}: ${await page.locator(`#out-o${i}`).textContent()}`);
        assert.equal(await page.locator(`#out-o${i} > .synthlab-view`).count(), 1, where);
      }
      assert.deepEqual(await pageErrors(page), []);
    } finally {
      await harness.close();
    }
  });
});
