/**
 * Writes that readers never see half-done: a file or a whole folder is written under a
 * temporary name next to its destination, then renamed into place (rename is atomic on one
 * file system), so a crash leaves the previous version intact.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes a file so that readers never see it half-written. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * Writes a folder of files atomically: `files` (name → contents) go into a temporary sibling
 * folder that is then renamed to `dir`, replacing an older one.
 */
export function writeDirAtomic(dir: string, files: Record<string, string | Uint8Array>): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(tmp, name), data);
  if (existsSync(dir)) {
    // Two renames: the old folder is moved aside, never half-replaced.
    const old = join(parent, `.${basename(dir)}.old-${process.pid}`);
    renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } else renameSync(tmp, dir);
}
