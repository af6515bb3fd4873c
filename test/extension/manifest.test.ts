import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIME } from '../../kernel-lib/src/display/mime';
import { RENDERER_ID } from '../../extension/src/protocol';
import { RENDERED_MIMES } from '../../extension/src/renderer/views/registry';

const EXT = join(__dirname, '..', '..', 'extension');

interface Manifest {
  name: string; publisher: string; main: string; icon: string; activationEvents: string[];
  engines: { vscode: string }; scripts: Record<string, string>; devDependencies: Record<string, string>;
  contributes: {
    notebookRenderer: { id: string; entrypoint: string; mimeTypes: string[]; requiresMessaging?: string }[];
    commands: { command: string; title: string; category: string }[];
  };
}
const manifest = JSON.parse(readFileSync(join(EXT, 'package.json'), 'utf8')) as Manifest;
const sorted = (a: readonly string[]) => [...a].sort();

describe('extension/manifest: package.json, MIME types and renderer agree', () => {
  it('contributes one renderer for exactly the MIME types kernel-lib defines and the renderer draws', () => {
    const [renderer, ...others] = manifest.contributes.notebookRenderer;
    assert.equal(others.length, 0);
    assert.equal(renderer.id, RENDERER_ID);
    const defined = Object.values(MIME);
    const missing = defined.filter((m) => !renderer.mimeTypes.includes(m));
    assert.deepEqual(missing, [], 'MIME types in kernel-lib/src/display/mime.ts with no entry in extension/package.json ' +
      '(add a view module in extension/src/renderer/views, register it, and list the type in contributes.notebookRenderer)');
    assert.deepEqual(renderer.mimeTypes.filter((m) => !(defined as string[]).includes(m)), [], 'package.json lists MIME types kernel-lib does not define');
    assert.deepEqual(sorted(RENDERED_MIMES), sorted(renderer.mimeTypes), 'the renderer registry and package.json differ');
    assert.equal(new Set(renderer.mimeTypes).size, renderer.mimeTypes.length, 'duplicate MIME types');
  });

  it('points at the bundles the build writes, and activates for renderer messaging', () => {
    const build = readFileSync(join(EXT, 'src', 'build.ts'), 'utf8');
    const [renderer] = manifest.contributes.notebookRenderer;
    assert.equal(renderer.entrypoint, './dist/renderer/index.js');
    assert.match(build, /join\(EXTENSION_DIR, 'dist', 'renderer'\)/);
    assert.match(build, /entryPoints: \{ index:/);
    assert.equal(manifest.main, './dist/extension.js');
    assert.match(build, /join\(EXTENSION_DIR, 'dist', 'extension\.js'\)/);
    assert.equal(renderer.requiresMessaging, 'optional');
    assert.ok(manifest.activationEvents.includes(`onRenderer:${RENDERER_ID}`));
    assert.ok(manifest.scripts.build && manifest.scripts.package);
  });

  it('contributes the commands the extension registers, titled as users look for them', () => {
    const source = readFileSync(join(EXT, 'src', 'extension.ts'), 'utf8');
    const registered = [...source.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]);
    assert.deepEqual(sorted(manifest.contributes.commands.map((c) => c.command)), sorted(registered));
    const titles = manifest.contributes.commands.map((c) => `${c.category}: ${c.title}`);
    assert.deepEqual(sorted(titles), ['Synthlab: Export Output as PNG', 'Synthlab: Open Example Notebook']);
  });

  it('pins tooling that runs on Node 20 and matches the VS Code engine', () => {
    assert.equal(manifest.devDependencies['@vscode/test-electron'], '2.5.2');
    assert.match(manifest.devDependencies['@vscode/vsce'], /^\^?3\./);
    // vsce refuses an @types/vscode newer than the engine it declares.
    const min = (range: string) => range.replace(/^[^\d]*/, '').split('.').map(Number);
    const [tMaj, tMin] = min(manifest.devDependencies['@types/vscode']), [eMaj, eMin] = min(manifest.engines.vscode);
    assert.ok(tMaj < eMaj || (tMaj === eMaj && tMin <= eMin), '@types/vscode must not be newer than engines.vscode');
    assert.equal(manifest.icon, 'media/icon.png');
  });
});
