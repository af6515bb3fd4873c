/** Listing image files under a folder: recursive, sorted by code point so order is the same everywhere. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface FoundFile {
  /** Absolute (or root-joined) path. */
  path: string;
  /** Path relative to the root, '/'-separated. */
  rel: string;
  size: number;
  mtimeMs: number;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every non-hidden regular file under `dir`, recursively, sorted. Hidden files (".DS_Store") are not images by intent. */
export function listFiles(dir: string, root = dir): FoundFile[] {
  const out: FoundFile[] = [];
  const walk = (d: string) => {
    const entries = readdirSync(d, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
    entries.sort((a, b) => byCodePoint(a.name, b.name));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = statSync(p, { throwIfNoEntry: false });
        if (st?.isFile()) out.push({ path: p, rel: relative(root, p).split(sep).join('/'), size: st.size, mtimeMs: st.mtimeMs });
      }
    }
  };
  walk(dir);
  return out;
}

/** Sorted names of the direct sub-folders of `dir` (identity folders). */
export function listSubfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || statSync(join(dir, e.name)).isDirectory()))
    .map((e) => e.name)
    .sort(byCodePoint);
}
