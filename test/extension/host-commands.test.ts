/**
 * The extension host side (extension.ts) against a stand-in for the `vscode` module: VS Code
 * itself cannot be downloaded here (vscode-host.test.ts runs the real thing where it can). The
 * stand-in records what the extension asks of VS Code; files are really written and read.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIME } from '../../kernel-lib/src/display/mime';
import { encodePng } from '../../kernel-lib/src/display/png';
import type { SynthlabExtensionApi } from '../../extension/src/extension';
import { gridPayload } from './support/fixtures';

interface Uri { fsPath: string; toString(): string }
type Listener = (e: { editor: unknown; message: unknown }) => void;

const uri = (p: string): Uri => ({ fsPath: p, toString: () => `file://${p}` });
const utf8 = (s: string) => new TextEncoder().encode(s);
const rendererPng = encodePng(new Uint8Array(5 * 5 * 3).fill(9), 5, 5, 3);

/** A notebook with: cell 0 no output; cell 1 an image grid (id "out-grid"); cell 2 text only. */
function fakeNotebook(path: string) {
  const grid = gridPayload({ epochs: 2, count: 4, cols: 2 });
  const output = (id: string, items: { mime: string; data: Uint8Array }[]) => ({ id, items });
  const cells = [
    { index: 0, outputs: [] as ReturnType<typeof output>[] },
    { index: 1, outputs: [output('out-grid', [{ mime: MIME.imageGrid, data: utf8(JSON.stringify(grid)) }, { mime: 'text/plain', data: utf8('grid') }])] },
    { index: 2, outputs: [output('out-text', [{ mime: 'text/plain', data: utf8('hello') }])] },
  ];
  const notebook = { uri: uri(path), cellAt: (i: number) => cells[i], getCells: () => cells };
  for (const c of cells) Object.assign(c, { notebook });
  return { notebook, cells, grid };
}

describe('extension/host: commands and renderer messages (stand-in vscode module)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synthlab-host-'));
  const nb = fakeNotebook(join(dir, 'run.ipynb'));
  const editor = { notebook: nb.notebook, selection: { start: 1 } };
  const log = { errors: [] as string[], infos: [] as string[], opened: [] as string[], posted: [] as unknown[] };
  let listener: Listener | undefined;
  let rendererAnswers = true;
  let saveTo: string | undefined;
  const commands = new Map<string, (...args: unknown[]) => Promise<unknown>>();

  const vscode = {
    Uri: { file: uri, joinPath: (base: Uri, ...parts: string[]) => uri(join(base.fsPath, ...parts)) },
    notebooks: {
      createRendererMessaging: () => ({
        onDidReceiveMessage: (l: Listener) => { listener = l; return { dispose() { listener = undefined; } }; },
        postMessage: async (message: { type: string; requestId: string; outputId: string }, ed: unknown) => {
          log.posted.push(message);
          if (!rendererAnswers) return false;
          // The renderer answers as the real one does (see renderer-plots.test.ts).
          setTimeout(() => listener?.({ editor: ed, message: { type: 'synthlab.exportResult', requestId: message.requestId, dataUrl: `data:image/png;base64,${rendererPng.toString('base64')}` } }), 5);
          return true;
        },
      }),
    },
    commands: { registerCommand: (id: string, fn: (...args: unknown[]) => Promise<unknown>) => { commands.set(id, fn); return { dispose() { commands.delete(id); } }; } },
    window: {
      activeNotebookEditor: editor,
      visibleNotebookEditors: [editor],
      showErrorMessage: (m: string) => { log.errors.push(m); },
      showInformationMessage: (m: string) => { log.infos.push(m); },
      showSaveDialog: async () => (saveTo ? uri(saveTo) : undefined),
      showQuickPick: async () => undefined,
      showOpenDialog: async () => undefined,
      showNotebookDocument: async () => undefined,
    },
    workspace: {
      notebookDocuments: [nb.notebook],
      workspaceFolders: undefined,
      fs: { writeFile: async (u: Uri, bytes: Uint8Array) => { writeFileSync(u.fsPath, bytes); } },
      openNotebookDocument: async (u: Uri) => { log.opened.push(u.fsPath); return {}; },
    },
  };

  let api: SynthlabExtensionApi;
  const context = { subscriptions: [] as { dispose(): void }[], extensionPath: join(dir, 'ext') };

  before(async () => {
    const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const original = loader._load;
    loader._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? vscode : original.call(this, request, ...rest);
    };
    try {
      // Through require (tsx's CommonJS hook), so the stand-in above is what `import 'vscode'` gets.
      const ext = createRequire(__filename)('../../extension/src/extension') as typeof import('../../extension/src/extension');
      api = ext.activate(context as never);
    } finally {
      loader._load = original;
    }
    mkdirSync(join(dir, 'notebooks'));
    writeFileSync(join(dir, 'notebooks', 'faces.ipynb'), JSON.stringify({ cells: [{ cell_type: 'markdown', source: '# Procedural faces' }] }));
  });
  after(() => { for (const s of context.subscriptions) s.dispose(); rmSync(dir, { recursive: true, force: true }); });
  beforeEach(() => { log.errors = []; log.infos = []; log.posted = []; rendererAnswers = true; saveTo = undefined; });

  it('registers both commands', () => {
    assert.deepEqual([...commands.keys()].sort(), ['synthlab.exportOutputPng', 'synthlab.openExample']);
  });

  it('exports the selected cell\'s output as the renderer shows it', async () => {
    const target = join(dir, 'shown.png');
    const written = await commands.get('synthlab.exportOutputPng')?.({ target });
    assert.equal(written, target);
    assert.deepEqual(log.posted.map((m) => (m as { outputId: string }).outputId), ['out-grid']);
    assert.deepEqual(readFileSync(target), rendererPng);
  });

  it('falls back to the newest frame\'s sprite when no renderer answers, and saves where the user picks', async () => {
    rendererAnswers = false;
    saveTo = join(dir, 'picked.png');
    const written = await commands.get('synthlab.exportOutputPng')?.(nb.cells[1]); // from the cell toolbar
    assert.equal(written, saveTo);
    assert.equal(readFileSync(saveTo).toString('base64'), nb.grid.frames[1].png);
    assert.match(log.infos[0], /saved .*picked\.png/);
  });

  it('says why when a cell has nothing to export', async () => {
    assert.equal(await commands.get('synthlab.exportOutputPng')?.({ notebookUri: nb.notebook.uri.toString(), cellIndex: 2, target: join(dir, 'x.png') }), undefined);
    assert.match(log.errors[0], /cell 3 has no Synthlab or PNG output/);
    assert.equal(existsSync(join(dir, 'x.png')), false);
  });

  it('saves PNGs the renderer sends, and refuses anything but PNG data', async () => {
    assert.ok(listener);
    saveTo = join(dir, 'button.png');
    listener({ editor, message: { type: 'synthlab.savePng', fileName: 'grid.png', dataUrl: `data:image/png;base64,${rendererPng.toString('base64')}` } });
    await new Promise((ok) => setTimeout(ok, 20));
    assert.deepEqual(readFileSync(saveTo), rendererPng);
    saveTo = join(dir, 'evil.png');
    listener({ editor, message: { type: 'synthlab.savePng', fileName: '../../x.png', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' } });
    await new Promise((ok) => setTimeout(ok, 20));
    assert.equal(existsSync(saveTo), false);
    assert.match(log.errors[0], /cannot save the image: expected a data:image\/png;base64 URL/);
  });

  it('records the outputs the renderer drew', () => {
    listener?.({ editor, message: { type: 'synthlab.rendered', outputId: 'out-grid', mime: MIME.imageGrid } });
    listener?.({ editor, message: { type: 'synthlab.rendered', outputId: 42 } }); // malformed: ignored
    assert.deepEqual(api.renderedOutputs(), [{ type: 'synthlab.rendered', outputId: 'out-grid', mime: MIME.imageGrid }]);
  });

  it('copies an example notebook without overwriting, then opens it', async () => {
    const dest = join(dir, 'work');
    const first = await commands.get('synthlab.openExample')?.({ example: 'faces.ipynb', destination: dest });
    const second = await commands.get('synthlab.openExample')?.({ example: 'Procedural faces', destination: dest });
    assert.deepEqual([first, second], [join(dest, 'faces.ipynb'), join(dest, 'faces-1.ipynb')]);
    assert.deepEqual(log.opened.slice(-2), [first, second]);
    assert.equal(await commands.get('synthlab.openExample')?.({ example: 'nope', destination: dest }), undefined);
    assert.match(log.errors[0], /no example "nope"; available: faces\.ipynb/);
  });
});
