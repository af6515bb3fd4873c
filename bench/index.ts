/**
 * `npm run bench [-- --quick] [-- --only area,area]`: runs every benchmark area, prints one JSON
 * object per figure, and writes them all to out/bench-results.json. Areas register below.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchModule, BenchResult } from './types';

const areas: Record<string, () => Promise<BenchModule>> = {
  random: () => import('./random.js'),
  copula: () => import('./copula.js'),
  datasets: () => import('./datasets.js'),
  tabular: () => import('./tabular.js'),
  images: () => import('./images.js'),
  backend: () => import('./backend.js'),
  generative: () => import('./generative.js'),
  training: () => import('./training.js'),
  conv: () => import('./conv.js'),
  memory: () => import('./memory.js'),
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const onlyIdx = args.indexOf('--only');
  const only = onlyIdx >= 0 ? new Set(args[onlyIdx + 1].split(',')) : null;
  const all: (BenchResult & { area: string })[] = [];
  for (const [area, load] of Object.entries(areas)) {
    if (only && !only.has(area)) continue;
    const mod = await load();
    for (const r of await mod.run({ quick })) {
      const row = { area, ...r };
      console.log(JSON.stringify(row));
      all.push(row);
    }
  }
  const outDir = join(__dirname, '..', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bench-results.json'), JSON.stringify({ date: new Date().toISOString(), results: all }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
