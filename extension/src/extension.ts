/**
 * Synthlab's VS Code extension, host side: commands to open an example notebook and to export
 * an output as PNG, and the messaging channel to the notebook renderer (Save PNG buttons).
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { parseRendererMessage, RENDERER_ID, type ExportResultMessage, type HostToRenderer, type RenderedMessage } from './protocol';
import { exampleDirs, freeFileName, listExamples } from './host/examples';
import { chooseOutput, decodePngDataUrl, pngFromOutput } from './host/exportPng';

/** What `activate` returns: lets tests see which outputs our renderer drew. */
export interface SynthlabExtensionApi {
  renderedOutputs(): readonly RenderedMessage[];
}

export interface OpenExampleArgs { example?: string; destination?: string }
export interface ExportPngArgs { notebookUri?: string; cellIndex?: number; target?: string }

const EXPORT_TIMEOUT_MS = 4000;

export function activate(context: vscode.ExtensionContext): SynthlabExtensionApi {
  const messaging = vscode.notebooks.createRendererMessaging(RENDERER_ID);
  const rendered: RenderedMessage[] = [];
  const pending = new Map<string, (m: ExportResultMessage) => void>();

  context.subscriptions.push(
    messaging.onDidReceiveMessage(({ editor, message }) => {
      const m = parseRendererMessage(message);
      if (!m) return;
      if (m.type === 'synthlab.rendered') {
        rendered.push(m);
        if (rendered.length > 500) rendered.shift();
      } else if (m.type === 'synthlab.exportResult') {
        pending.get(m.requestId)?.(m);
      } else {
        void savePng(m.dataUrl, m.fileName, editor.notebook.uri);
      }
    }),
    vscode.commands.registerCommand('synthlab.openExample', (args?: OpenExampleArgs) => openExample(context, args)),
    vscode.commands.registerCommand('synthlab.exportOutputPng', (args?: ExportPngArgs | vscode.NotebookCell) => exportOutputPng(messaging, pending, args)),
  );
  return { renderedOutputs: () => rendered.slice() };
}

export function deactivate(): void {
  // nothing to release: subscriptions are disposed by VS Code
}

async function savePng(dataUrl: string, fileName: string, near: vscode.Uri): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = decodePngDataUrl(dataUrl);
  } catch (e) {
    void vscode.window.showErrorMessage(`Synthlab: cannot save the image: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const safeName = fileName.replace(/[^\w.-]+/g, '-').replace(/^\.+/, '') || 'synthlab.png';
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(near, '..', safeName.endsWith('.png') ? safeName : `${safeName}.png`),
    filters: { 'PNG image': ['png'] },
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(`Synthlab: saved ${target.fsPath}`);
}

async function openExample(context: vscode.ExtensionContext, args: OpenExampleArgs = {}): Promise<string | undefined> {
  const examples = listExamples(exampleDirs(context.extensionPath));
  if (examples.length === 0) {
    void vscode.window.showErrorMessage('Synthlab: this build of the extension ships no example notebooks.');
    return undefined;
  }
  let chosen = examples.find((e) => e.file === args.example || e.title === args.example);
  if (!chosen && args.example) {
    void vscode.window.showErrorMessage(`Synthlab: no example "${args.example}"; available: ${examples.map((e) => e.file).join(', ')}`);
    return undefined;
  }
  if (!chosen) {
    const item = await vscode.window.showQuickPick(
      examples.map((e) => ({ label: e.title, description: e.file, example: e })),
      { placeHolder: 'Open a copy of a Synthlab example notebook' },
    );
    chosen = item?.example;
  }
  if (!chosen) return undefined;
  let folder = args.destination ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Copy the example here' });
    folder = picked?.[0]?.fsPath;
  }
  if (!folder) return undefined;
  mkdirSync(folder, { recursive: true });
  const target = join(folder, freeFileName(folder, chosen.file));
  copyFileSync(chosen.path, target);
  const doc = await vscode.workspace.openNotebookDocument(vscode.Uri.file(target));
  await vscode.window.showNotebookDocument(doc);
  return target;
}

/** Asks the renderer for the view as shown (zoom, frame, smoothing); undefined if it cannot answer. */
async function pngFromRenderer(
  messaging: vscode.NotebookRendererMessaging, pending: Map<string, (m: ExportResultMessage) => void>,
  editor: vscode.NotebookEditor | undefined, output: vscode.NotebookCellOutput,
): Promise<Uint8Array | undefined> {
  // The output id is not in the typed API but is set on outputs read from a document; it is
  // the id the renderer sees. Without it, fall back to the data in the output.
  const outputId = (output as unknown as { id?: unknown }).id;
  if (!editor || typeof outputId !== 'string') return undefined;
  const requestId = randomUUID();
  const answer = new Promise<ExportResultMessage | undefined>((resolve) => {
    pending.set(requestId, resolve);
    setTimeout(() => resolve(undefined), EXPORT_TIMEOUT_MS);
  }).finally(() => pending.delete(requestId));
  const request: HostToRenderer = { type: 'synthlab.exportRequest', requestId, outputId };
  if (!(await messaging.postMessage(request, editor))) return undefined;
  const m = await answer;
  if (!m?.dataUrl) return undefined;
  try {
    return decodePngDataUrl(m.dataUrl);
  } catch {
    return undefined;
  }
}

const isCell = (a: unknown): a is vscode.NotebookCell =>
  typeof a === 'object' && a !== null && 'notebook' in a && typeof (a as { index?: unknown }).index === 'number';

async function exportOutputPng(
  messaging: vscode.NotebookRendererMessaging, pending: Map<string, (m: ExportResultMessage) => void>,
  argsOrCell: ExportPngArgs | vscode.NotebookCell = {},
): Promise<string | undefined> {
  // From the cell toolbar VS Code passes the cell; from the palette, nothing; from code, args.
  const args: ExportPngArgs = isCell(argsOrCell)
    ? { notebookUri: argsOrCell.notebook.uri.toString(), cellIndex: argsOrCell.index }
    : argsOrCell;
  const editor = args.notebookUri
    ? vscode.window.visibleNotebookEditors.find((e) => e.notebook.uri.toString() === args.notebookUri)
    : vscode.window.activeNotebookEditor;
  const notebook = editor?.notebook ?? vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === args.notebookUri);
  if (!notebook) {
    void vscode.window.showErrorMessage('Synthlab: open a notebook and select the cell whose output to export.');
    return undefined;
  }
  const cellIndex = args.cellIndex ?? editor?.selection.start ?? 0;
  const cell = notebook.cellAt(cellIndex);
  const outputs = cell.outputs;
  const at = chooseOutput(outputs.map((o) => ({ items: o.items })));
  if (at < 0) {
    void vscode.window.showErrorMessage(`Synthlab: cell ${cellIndex + 1} has no Synthlab or PNG output to export.`);
    return undefined;
  }
  const output = outputs[at];
  const bytes = (await pngFromRenderer(messaging, pending, editor, output)) ?? pngFromOutput({ items: output.items });
  if (!bytes) {
    void vscode.window.showErrorMessage(`Synthlab: the output of cell ${cellIndex + 1} has no PNG; scroll it into view and use its Save PNG button.`);
    return undefined;
  }
  const target = args.target
    ? vscode.Uri.file(args.target)
    : await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(join(dirname(notebook.uri.fsPath), `cell-${cellIndex + 1}.png`)),
      filters: { 'PNG image': ['png'] },
    });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes);
  if (!args.target) void vscode.window.showInformationMessage(`Synthlab: saved ${target.fsPath}`);
  return target.fsPath;
}
