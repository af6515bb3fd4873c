#!/usr/bin/env node
// Installs the system parts the tests need before `npm test` runs them:
//   - Jupyter (Debian: jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)
//     and the tslab kernel registered with it, for the kernel-driven notebook tests;
//   - Chromium (Debian: chromium), for the renderer tests in a real browser.
// As root on Debian it apt-installs what is missing; otherwise it names the packages and fails,
// because a test suite that silently skips its kernel and browser tests proves nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, DEBIAN_FRONTEND: 'noninteractive' };
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const ok = (cmd, args) => spawnSync(cmd, args, { env, stdio: 'ignore' }).status === 0;

const parts = [
  {
    what: 'Jupyter nbconvert + nbclient + ipykernel',
    packages: ['jupyter-nbconvert', 'python3-nbclient', 'jupyter-client', 'python3-ipykernel'],
    present: () => ok('jupyter', ['nbconvert', '--version']) && ok(PYTHON, ['-c', 'import nbclient, ipykernel']),
  },
  {
    what: 'Chromium (for renderer tests)',
    packages: ['chromium'],
    present: () => existsSync(process.env.SYNTHLAB_CHROMIUM ?? '/usr/bin/chromium'),
  },
];

const missing = parts.filter((p) => !p.present());
if (missing.length > 0) {
  const packages = missing.flatMap((p) => p.packages);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(`Missing system parts for the tests: ${missing.map((p) => p.what).join('; ')}.\n` +
      `Install them (Debian/Ubuntu): sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing ${packages.join(' ')} with apt-get…`);
  execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env, stdio: 'inherit' });
  const still = missing.filter((p) => !p.present());
  if (still.length > 0) {
    console.error(`Still missing after apt-get: ${still.map((p) => p.what).join('; ')}`);
    process.exit(1);
  }
}

// The tslab kernel must be registered with Jupyter (kernelspec "tslab", started as `tslab` on PATH).
const specs = spawnSync('jupyter', ['kernelspec', 'list'], { env, encoding: 'utf8' });
if (!/^\s*tslab\s/m.test(specs.stdout ?? '')) {
  console.log('Registering the tslab kernel with Jupyter…');
  execFileSync(join(bin, 'tslab'), ['install', `--python=${PYTHON}`], { env, stdio: 'inherit' });
}
console.log('System parts for the tests: Jupyter + tslab kernel, Chromium — present.');
