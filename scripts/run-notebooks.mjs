#!/usr/bin/env node
// `npm run notebooks [-- name.ipynb ...] [-- --check]`: executes the study's notebooks headless
// with Jupyter + the tslab kernel (jupyter nbconvert --execute). By default the executed outputs
// are stored back into notebooks/ (so they read on GitHub without running); --check executes
// into a temporary folder and leaves the files alone. Sizes follow SYNTHLAB_PROFILE.
// Fails (exit 1) on any cell error.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const names = args.filter((a) => !a.startsWith('--'));
const dir = join(root, 'notebooks');
const notebooks = (names.length ? names.map((n) => basename(n)) : readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort()).map((f) => join(dir, f));
const outDir = check ? mkdtempSync(join(tmpdir(), 'synthlab-notebooks-')) : dir;
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}` };

let failed = 0;
for (const nb of notebooks) {
  const t0 = Date.now();
  const res = spawnSync('jupyter', ['nbconvert', '--to', 'notebook', '--execute', nb, '--output-dir', outDir,
    '--ExecutePreprocessor.timeout=1800', '--ExecutePreprocessor.kernel_name=tslab'], { cwd: dir, env, encoding: 'utf8' });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (res.status !== 0) {
    failed++;
    console.error(`✗ ${basename(nb)} (${secs} s)\n${(res.stderr || '').split('\n').slice(-25).join('\n')}`);
    continue;
  }
  const executed = JSON.parse(readFileSync(join(outDir, basename(nb)), 'utf8'));
  const errors = executed.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === 'error'));
  if (errors.length) { failed++; console.error(`✗ ${basename(nb)}: ${errors[0].ename}: ${errors[0].evalue}`); continue; }
  console.log(`✓ ${basename(nb)} (${secs} s, profile ${process.env.SYNTHLAB_PROFILE || 'default'})`);
}
console.log(`notebooks: ${notebooks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
