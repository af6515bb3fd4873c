/** The example notebooks shipped with the extension (or, in a checkout, the repo's `notebooks/`). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

export interface Example {
  /** Absolute path of the .ipynb file. */
  path: string;
  /** File name, e.g. `faces.ipynb`. */
  file: string;
  /** The first Markdown heading, else the file name without extension. */
  title: string;
}

/** Packaged copies first (`<extension>/notebooks`), then the checkout's `notebooks/` beside it. */
export function exampleDirs(extensionPath: string): string[] {
  return [join(extensionPath, 'notebooks'), join(extensionPath, '..', 'notebooks')];
}

function notebookTitle(path: string): string {
  try {
    const nb = JSON.parse(readFileSync(path, 'utf8')) as { cells?: { cell_type?: string; source?: string | string[] }[] };
    for (const cell of nb.cells ?? []) {
      if (cell.cell_type !== 'markdown') continue;
      const text = Array.isArray(cell.source) ? cell.source.join('') : cell.source ?? '';
      const heading = /^#+\s+(.+)$/m.exec(text);
      if (heading) return heading[1].trim();
    }
  } catch {
    // an unreadable notebook is still listed, under its file name
  }
  return basename(path, extname(path));
}

/** Examples of the first folder that has any, sorted by file name. */
export function listExamples(dirs: readonly string[]): Example[] {
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort();
    if (files.length > 0) return files.map((file) => ({ path: join(dir, file), file, title: notebookTitle(join(dir, file)) }));
  }
  return [];
}

/** `name.ipynb`, or `name-1.ipynb`, `name-2.ipynb`… so a copy never overwrites the user's file. */
export function freeFileName(dir: string, file: string, exists: (path: string) => boolean = existsSync): string {
  const ext = extname(file), stem = basename(file, ext);
  let name = file;
  for (let i = 1; exists(join(dir, name)); i++) name = `${stem}-${i}${ext}`;
  return name;
}
