/**
 * Bundles the extension with esbuild: the host side as CommonJS for VS Code's Node, the
 * renderer as browser ESM (plotly split into a chunk loaded on first use).
 *   tsx src/build.ts            → dist/extension.js, dist/renderer/index.js (+ chunks)
 *   tsx src/build.ts --assets   → also copies ../notebooks and ../media in, for `vsce package`
 */
import { build, type BuildOptions } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const EXTENSION_DIR = resolve(__dirname, '..');
const REPO_DIR = resolve(EXTENSION_DIR, '..');

export interface BundleOptions {
  /** Output folder of the renderer bundle (default: extension/dist/renderer). */
  outdir?: string;
  minify?: boolean;
}

export async function bundleRenderer(options: BundleOptions = {}): Promise<string> {
  const outdir = options.outdir ?? join(EXTENSION_DIR, 'dist', 'renderer');
  rmSync(outdir, { recursive: true, force: true });
  const config: BuildOptions = {
    entryPoints: { index: join(EXTENSION_DIR, 'src', 'renderer', 'index.ts') },
    outdir,
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: ['es2022', 'chrome120'],
    chunkNames: 'chunks/[name]-[hash]',
    minify: options.minify ?? true,
    sourcemap: false,
    legalComments: 'external',
    logLevel: 'warning',
  };
  await build(config);
  return join(outdir, 'index.js');
}

export async function bundleHost(outfile = join(EXTENSION_DIR, 'dist', 'extension.js')): Promise<string> {
  await build({
    entryPoints: [join(EXTENSION_DIR, 'src', 'extension.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
  });
  return outfile;
}

/** Example notebooks and the icon travel inside the .vsix (vsce packs this folder only). */
export function copyPackageAssets(): void {
  const notebooks = join(EXTENSION_DIR, 'notebooks');
  rmSync(notebooks, { recursive: true, force: true });
  mkdirSync(notebooks, { recursive: true });
  const source = join(REPO_DIR, 'notebooks');
  if (existsSync(source)) {
    for (const f of readdirSync(source)) if (f.endsWith('.ipynb')) cpSync(join(source, f), join(notebooks, f));
  }
  const media = join(EXTENSION_DIR, 'media');
  rmSync(media, { recursive: true, force: true });
  mkdirSync(media, { recursive: true });
  for (const f of ['icon.png']) cpSync(join(REPO_DIR, 'media', f), join(media, f));
}

async function main(): Promise<void> {
  await Promise.all([bundleHost(), bundleRenderer()]);
  if (process.argv.includes('--assets')) copyPackageAssets();
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
