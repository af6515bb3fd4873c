/**
 * Runs inside VS Code's extension host (started by vscode-host.test.ts through
 * @vscode/test-electron): opens a notebook with Synthlab outputs, waits until our renderer has
 * drawn them, and exercises both commands. Throwing fails the run (VS Code exits non-zero).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as VSCode from 'vscode';
import { MIME } from '../../../kernel-lib/src/display/mime';
import type { SynthlabExtensionApi } from '../../../extension/src/extension';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

export async function run(): Promise<void> {
  // Imported here, not at the top: mocha also loads this file (`mocha test/extension`) outside VS Code.
  const vscode: typeof VSCode = await import('vscode');
  const notebookPath = process.env.SYNTHLAB_FIXTURE_NOTEBOOK;
  assert.ok(notebookPath && existsSync(notebookPath), 'SYNTHLAB_FIXTURE_NOTEBOOK must name the fixture notebook');
  const ext = vscode.extensions.getExtension<SynthlabExtensionApi>('synthlab.synthlab-vscode');
  assert.ok(ext, 'the Synthlab extension is not loaded');
  const api = await ext.activate();

  const doc = await vscode.workspace.openNotebookDocument(vscode.Uri.file(notebookPath));
  assert.equal(doc.notebookType, 'jupyter-notebook');
  const mimes = doc.getCells().flatMap((c) => c.outputs.flatMap((o) => o.items.map((i) => i.mime)));
  for (const m of [MIME.trainingCurves, MIME.imageGrid]) assert.ok(mimes.includes(m), `the fixture notebook holds ${m}`);
  await vscode.window.showNotebookDocument(doc);

  // Our renderer reports each output it draws; VS Code picks it over the PNG/SVG fallbacks.
  const want = [MIME.trainingCurves, MIME.imageGrid];
  const deadline = Date.now() + 60_000;
  let drawn: string[] = [];
  while (Date.now() < deadline) {
    drawn = api.renderedOutputs().map((r) => r.mime);
    if (want.every((m) => drawn.includes(m))) break;
    await sleep(250);
  }
  assert.deepEqual(want.filter((m) => !drawn.includes(m)), [], `the Synthlab renderer did not draw every output (drew: ${drawn.join(', ') || 'nothing'})`);

  const commands = await vscode.commands.getCommands(true);
  for (const c of ['synthlab.openExample', 'synthlab.exportOutputPng']) assert.ok(commands.includes(c), `command ${c} registered`);

  // Export the image grid's output (cell 2) without a dialog.
  const target = join(tmpdir(), `synthlab-export-${process.pid}.png`);
  const written = await vscode.commands.executeCommand<string | undefined>('synthlab.exportOutputPng', { notebookUri: doc.uri.toString(), cellIndex: 1, target });
  assert.equal(written, target);
  assert.deepEqual([...readFileSync(target).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG was written');
}
