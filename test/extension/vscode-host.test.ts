/**
 * Extension-host test: starts a real VS Code with the extension under development and the
 * suite in host-suite/. It needs a VS Code build (VSCODE_EXECUTABLE_PATH, or a copy cached by
 * @vscode/test-electron in .vscode-test/) and an X display (DISPLAY, or Xvfb to start one):
 * without them it is reported as skipped with the reason, since this machine cannot download one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { bundleHost, bundleRenderer } from '../../extension/src/build';
import { lineChart } from '../../kernel-lib/src/display/line-chart';
import { MIME } from '../../kernel-lib/src/display/mime';
import { encodePng } from '../../kernel-lib/src/display/png';
import { ARTIFACTS, REPO } from './support/browser';
import { curvesPayload, gridPayload } from './support/fixtures';

const EXT = join(REPO, 'extension');

/** The VS Code to run, or why there is none. */
export function findVSCode(): { path?: string; reason?: string } {
  const env = process.env.VSCODE_EXECUTABLE_PATH;
  if (env) {
    if (!existsSync(env)) throw new Error(`VSCODE_EXECUTABLE_PATH=${env} does not exist`);
    return { path: env };
  }
  for (const cache of [join(REPO, '.vscode-test'), join(EXT, '.vscode-test')]) {
    if (!existsSync(cache)) continue;
    for (const dir of readdirSync(cache).filter((d) => d.startsWith('vscode-')).sort().reverse()) {
      for (const exe of ['code', 'code-insiders']) if (existsSync(join(cache, dir, exe))) return { path: join(cache, dir, exe) };
    }
  }
  return { reason: 'no VS Code build: set VSCODE_EXECUTABLE_PATH or cache one in .vscode-test/ (@vscode/test-electron downloads need internet)' };
}

function notebook(): object {
  const grid = gridPayload({ epochs: 2, count: 8, cols: 4 });
  const curves = lineChart(curvesPayload(50).series.map((s) => ({ name: s.name, x: s.x, y: s.y })), { title: 'losses', xLabel: 'step' }).bundle;
  const displayData = (data: Record<string, unknown>) => ({ output_type: 'display_data', data, metadata: {} });
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' }, language_info: { name: 'typescript' } },
    cells: [
      { cell_type: 'code', id: 'curves', execution_count: 1, metadata: {}, source: ['display(lineChart(...))'], outputs: [displayData(curves)] },
      {
        cell_type: 'code', id: 'grid', execution_count: 2, metadata: {}, source: ['display(imageGrid(...))'],
        outputs: [displayData({ [MIME.imageGrid]: grid, 'image/png': encodePng(new Uint8Array(16 * 16 * 3).fill(128), 16, 16, 3).toString('base64'), 'text/plain': 'image grid' })],
      },
    ],
  };
}

/** An X display for Electron: the current one, or an Xvfb we start (and stop). */
function display(): { env?: string; stop(): void; reason?: string; ready?: string } {
  if (process.env.DISPLAY) return { env: process.env.DISPLAY, stop: () => undefined };
  if (spawnSync('sh', ['-c', 'command -v Xvfb']).status !== 0) return { stop: () => undefined, reason: 'no X display (DISPLAY unset) and no Xvfb to start one (apt-get install -y xvfb)' };
  const num = `:${90 + (process.pid % 9)}`;
  const xvfb: ChildProcess = spawn('Xvfb', [num, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  return { env: num, stop: () => { xvfb.kill(); }, ready: `/tmp/.X11-unix/X${num.slice(1)}` };
}

describe('extension/host: in VS Code (@vscode/test-electron)', function () {
  it('opens a notebook with Synthlab outputs and draws them with the Synthlab renderer', async function () {
    this.timeout(240_000);
    const vscode = findVSCode();
    const screen = vscode.path ? display() : undefined;
    const reason = vscode.reason ?? screen?.reason;
    if (reason || !vscode.path || !screen) {
      screen?.stop();
      if (this.test) this.test.title += ` (skipped: ${reason})`;
      console.log(`    skipped: ${reason}`);
      this.skip();
    }
    const work = mkdtempSync(join(tmpdir(), 'synthlab-vscode-'));
    try {
      // An Xvfb we started is ready once its socket exists.
      for (let i = 0; screen.ready && !existsSync(screen.ready) && i < 50; i++) await new Promise((ok) => setTimeout(ok, 100));
      await Promise.all([bundleHost(), bundleRenderer()]);
      const suite = join(ARTIFACTS, 'host-suite', 'index.js');
      mkdirSync(join(ARTIFACTS, 'host-suite'), { recursive: true });
      await build({
        entryPoints: [join(__dirname, 'host-suite', 'index.ts')], outfile: suite, bundle: true,
        format: 'cjs', platform: 'node', target: 'node20', external: ['vscode'], logLevel: 'warning',
      });
      const nb = join(work, 'outputs.ipynb');
      writeFileSync(nb, JSON.stringify(notebook(), null, 1));
      await runTests({
        vscodeExecutablePath: vscode.path,
        extensionDevelopmentPath: EXT,
        extensionTestsPath: suite,
        launchArgs: [work, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-gpu', '--no-sandbox',
          '--user-data-dir', join(work, 'user'), '--extensions-dir', join(work, 'extensions')],
        extensionTestsEnv: { SYNTHLAB_FIXTURE_NOTEBOOK: nb, DISPLAY: screen.env ?? '' },
      });
    } finally {
      screen.stop();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
