/**
 * Runs notebooks through a real Jupyter kernel (Debian's nbconvert + the tslab kernel) and reads
 * the executed notebook back. Used by the display and notebook tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
const binDir = join(repoRoot, 'node_modules', '.bin');

export interface NotebookOutput {
  output_type: string;
  data?: Record<string, unknown>;
  text?: string | string[];
  ename?: string;
  evalue?: string;
  metadata?: Record<string, unknown>;
}
export interface NotebookCell { cell_type: string; source: string | string[]; outputs?: NotebookOutput[] }
export interface Notebook { cells: NotebookCell[]; metadata: Record<string, unknown> }

/** A tslab notebook from code cells. */
export function tslabNotebook(cells: string[]): Notebook {
  return {
    cells: cells.map((source) => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null }) as NotebookCell),
    metadata: {
      kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' },
      language_info: { name: 'typescript' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  } as Notebook;
}

/** Fails with the missing package's name when Jupyter or the tslab kernel is not installed. */
export function assertJupyterReady(): void {
  const nb = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' });
  if (nb.status !== 0) {
    throw new Error('jupyter nbconvert is not installed: apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel (npm test does this when run as root)');
  }
  const specs = spawnSync('jupyter', ['kernelspec', 'list'], { encoding: 'utf8' });
  if (!/\btslab\b/.test(specs.stdout)) {
    throw new Error('the tslab Jupyter kernel is not registered: run `npx tslab install --python=/usr/bin/python3` (npm test does this)');
  }
}

/** Executes a notebook headless with nbconvert and returns the executed notebook. */
export function executeNotebook(notebook: Notebook | string, options: { dir: string; name?: string; timeoutSec?: number; env?: NodeJS.ProcessEnv }): Notebook {
  mkdirSync(options.dir, { recursive: true });
  const name = options.name ?? 'notebook.ipynb';
  const input = typeof notebook === 'string' ? notebook : join(options.dir, name);
  if (typeof notebook !== 'string') writeFileSync(input, JSON.stringify(notebook, null, 1));
  const output = join(options.dir, name.replace(/\.ipynb$/, '.executed.ipynb'));
  execFileSync('jupyter', [
    'nbconvert', '--to', 'notebook', '--execute', input, '--output', output,
    `--ExecutePreprocessor.timeout=${options.timeoutSec ?? 300}`, '--ExecutePreprocessor.kernel_name=tslab',
  ], {
    cwd: options.dir,
    env: { ...process.env, ...options.env, PATH: `${binDir}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(readFileSync(output, 'utf8')) as Notebook;
}

export function joinText(t: string | string[] | undefined): string {
  return Array.isArray(t) ? t.join('') : t ?? '';
}

/** All outputs of a cell that carry `data` (display_data / execute_result). */
export function dataOutputs(cell: NotebookCell): Record<string, unknown>[] {
  return (cell.outputs ?? []).filter((o) => o.data).map((o) => o.data as Record<string, unknown>);
}
