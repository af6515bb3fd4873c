import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIME } from '../../kernel-lib/src/display/mime';
import { encodePng } from '../../kernel-lib/src/display/png';
import { exampleDirs, freeFileName, listExamples } from '../../extension/src/host/examples';
import { chooseOutput, decodePngDataUrl, isPng, pngFromOutput } from '../../extension/src/host/exportPng';
import { parseHostMessage, parseRendererMessage } from '../../extension/src/protocol';
import { gridPayload } from './support/fixtures';

const utf8 = (s: string) => new TextEncoder().encode(s);
const png = encodePng(new Uint8Array(4 * 3 * 3).fill(200), 4, 3, 3);

describe('extension/host: export and examples (no VS Code needed)', () => {
  it('picks the Synthlab output of a cell, else its PNG output', () => {
    const text = { items: [{ mime: 'text/plain', data: utf8('hi') }] };
    const pngOut = { items: [{ mime: 'image/png', data: png }, { mime: 'text/plain', data: utf8('img') }] };
    const ours = { items: [{ mime: MIME.trainingCurves, data: utf8('{}') }, { mime: 'image/svg+xml', data: utf8('<svg/>') }] };
    assert.equal(chooseOutput([text, pngOut, ours]), 2);
    assert.equal(chooseOutput([text, pngOut]), 1);
    assert.equal(chooseOutput([text]), -1);
  });

  it('finds PNG bytes: the newest grid frame, else the image/png fallback (bytes or base64)', () => {
    const grid = gridPayload({ epochs: 3, count: 4, cols: 2 });
    const fromGrid = pngFromOutput({ items: [{ mime: MIME.imageGrid, data: utf8(JSON.stringify(grid)) }, { mime: 'image/png', data: png }] });
    assert.deepEqual(fromGrid && Buffer.from(fromGrid).toString('base64'), grid.frames[2].png);
    assert.deepEqual(pngFromOutput({ items: [{ mime: 'image/png', data: png }] }), png);
    assert.deepEqual(pngFromOutput({ items: [{ mime: 'image/png', data: utf8(png.toString('base64')) }] }), new Uint8Array(png));
    // A broken grid payload falls back to the bundle's PNG; an SVG-only output has none.
    assert.deepEqual(pngFromOutput({ items: [{ mime: MIME.imageGrid, data: utf8('{"frames": 3}') }, { mime: 'image/png', data: png }] }), png);
    assert.equal(pngFromOutput({ items: [{ mime: MIME.trainingCurves, data: utf8('{}') }, { mime: 'image/svg+xml', data: utf8('<svg/>') }] }), undefined);
  });

  it('accepts only PNG data URLs from the renderer', () => {
    assert.ok(isPng(decodePngDataUrl(`data:image/png;base64,${png.toString('base64')}`)));
    assert.throws(() => decodePngDataUrl('javascript:alert(1)'), /expected a data:image\/png;base64 URL/);
    assert.throws(() => decodePngDataUrl(`data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`), /expected a data:image\/png/);
    assert.throws(() => decodePngDataUrl(`data:image/png;base64,${Buffer.from('<svg/>').toString('base64')}`), /does not hold PNG data/);
  });

  it('drops renderer and host messages that are not well-formed', () => {
    assert.equal(parseRendererMessage({ type: 'synthlab.savePng', fileName: 'a.png' }), undefined);
    assert.equal(parseRendererMessage('synthlab.savePng'), undefined);
    assert.equal(parseRendererMessage({ type: 'other' }), undefined);
    assert.deepEqual(parseRendererMessage({ type: 'synthlab.rendered', outputId: 'o', mime: MIME.scatter }), { type: 'synthlab.rendered', outputId: 'o', mime: MIME.scatter });
    assert.equal(parseHostMessage({ type: 'synthlab.exportRequest', requestId: 1, outputId: 'o' }), undefined);
    assert.ok(parseHostMessage({ type: 'synthlab.exportRequest', requestId: 'r', outputId: 'o' }));
  });

  it('lists example notebooks with their titles and never overwrites on copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synthlab-examples-'));
    try {
      const ext = join(dir, 'extension'), repoNotebooks = join(dir, 'notebooks');
      assert.deepEqual(exampleDirs(ext), [join(ext, 'notebooks'), repoNotebooks]);
      assert.deepEqual(listExamples(exampleDirs(ext)), []);
      mkdirSync(repoNotebooks);
      writeFileSync(join(repoNotebooks, 'b-faces.ipynb'), JSON.stringify({ cells: [{ cell_type: 'code', source: '# not a title' }, { cell_type: 'markdown', source: ['Intro\n', '## Procedural faces\n'] }] }));
      writeFileSync(join(repoNotebooks, 'a-broken.ipynb'), '{ not json');
      writeFileSync(join(repoNotebooks, 'notes.txt'), 'x');
      assert.deepEqual(listExamples(exampleDirs(ext)).map((e) => [e.file, e.title]), [['a-broken.ipynb', 'a-broken'], ['b-faces.ipynb', 'Procedural faces']]);
      const taken = new Set([join(dir, 'x.ipynb'), join(dir, 'x-1.ipynb')]);
      assert.equal(freeFileName(dir, 'x.ipynb', (p) => taken.has(p)), 'x-2.ipynb');
      assert.equal(freeFileName(dir, 'y.ipynb', (p) => taken.has(p)), 'y.ipynb');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
