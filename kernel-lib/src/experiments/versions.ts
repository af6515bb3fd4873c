/** Versions of Synthlab and the parts that decide its numbers, for reports and notebooks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { version_core as tfjsCore } from '@tensorflow/tfjs-core';
import { getBackend } from '@tensorflow/tfjs-core';

function packageVersion(dir: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function versions(): Record<string, string> {
  return {
    synthlab: packageVersion(join(__dirname, '..', '..')),
    node: process.version,
    'tfjs-core': tfjsCore,
    backend: getBackend() ?? 'none',
    platform: `${process.platform}-${process.arch}`,
  };
}
