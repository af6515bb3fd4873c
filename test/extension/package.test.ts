import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createVSIX } from '@vscode/vsce';
import { bundleHost, bundleRenderer, copyPackageAssets } from '../../extension/src/build';
import { ARTIFACTS, REPO } from './support/browser';

describe('extension/package: .vsix with @vscode/vsce on this Node', function () {
  this.timeout(120_000);

  it('packs the bundles, the icon and the example notebooks, and no sources', async () => {
    const ext = join(REPO, 'extension');
    await Promise.all([bundleHost(), bundleRenderer()]);
    copyPackageAssets();
    const vsix = join(ARTIFACTS, 'synthlab-vscode.vsix');
    rmSync(vsix, { force: true });
    const log = console.log;
    console.log = () => undefined; // vsce prints the file tree; the assertions below say what matters
    try {
      await createVSIX({ cwd: ext, packagePath: vsix, dependencies: false, allowMissingRepository: true });
    } finally {
      console.log = log;
    }
    assert.ok(existsSync(vsix));
    // Zip entries keep their names in clear text: enough to check what went in.
    const zip = readFileSync(vsix).toString('latin1');
    for (const f of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/renderer/index.js', 'extension/media/icon.png', 'extension/readme.md']) {
      assert.ok(zip.includes(f), `${f} is in the .vsix`);
    }
    assert.match(zip, /extension\/dist\/renderer\/chunks\/plotly-\w+\.js/);
    const examples = existsSync(join(REPO, 'notebooks')) ? readdirSync(join(REPO, 'notebooks')).filter((f) => f.endsWith('.ipynb')) : [];
    for (const nb of examples) assert.ok(zip.includes(`extension/notebooks/${nb}`), `example ${nb} is in the .vsix`);
    assert.ok(!/extension\/src\/|node_modules\//.test(zip), 'no sources or node_modules in the .vsix');
  });
});
