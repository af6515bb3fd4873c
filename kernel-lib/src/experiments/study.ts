/**
 * Runs the study: each stage in order, with its own derived random stream and folder, then
 * writes `report.html` and `results.json` (atomically: written to a temp file, then renamed).
 * A stage that fails is recorded in the report and the run goes on; the result says so.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { init as initBackend, describeBackend, type BackendInfo } from '../backend';
import { progress } from '../display/progress';
import { Rng } from '../random';
import type { StudyConfig } from './config';
import { renderReport, type ReportSection } from './report';
import type { Stage } from './stage';
import { allStages } from './stages';
import { versions } from './versions';
import { writeFileAtomic } from '../util/atomic';

export interface StudyResult {
  reportPath: string;
  resultsPath: string;
  failed: string[];
  numbers: Record<string, unknown>;
}

export { writeFileAtomic };

export async function runStudy(config: StudyConfig, options: { stages?: Stage[]; log?: (m: string) => void } = {}): Promise<StudyResult> {
  const log = options.log ?? ((m: string) => console.error(m));
  const available = options.stages ?? allStages;
  const wanted = config.stages ?? available.map((s) => s.id);
  for (const id of wanted) {
    if (!available.some((s) => s.id === id)) throw new Error(`unknown stage "${id}"; stages: ${available.map((s) => s.id).join(', ')}`);
  }
  // Every stage runs on the best backend here; the report says which and why.
  const backend: BackendInfo = await initBackend({ quiet: true });
  log(describeBackend(backend));
  const outDir = resolve(config.outDir);
  mkdirSync(outDir, { recursive: true });
  const rng = new Rng(config.seed);
  const startedAt = new Date().toISOString();
  const sections: ReportSection[] = [];
  const numbers: Record<string, unknown> = {};
  const failed: string[] = [];
  const artifacts = new Map<string, unknown>();
  const stages = available.filter((s) => wanted.includes(s.id));
  for (const [i, stage] of stages.entries()) {
    log(`[${i + 1}/${stages.length}] ${stage.title}`);
    const dir = join(outDir, stage.id);
    mkdirSync(dir, { recursive: true });
    const t0 = performance.now();
    try {
      const result = await stage.run({
        config, backend, artifacts, rng: rng.derive(stage.id), dir, progress: (o) => progress({ label: stage.id, ...o }), log,
      });
      numbers[stage.id] = { ...result.numbers, files: result.files ?? [] };
      sections.push({ id: stage.id, title: stage.title, description: stage.description, outputs: result.outputs, seconds: (performance.now() - t0) / 1000 });
    } catch (err) {
      const message = err instanceof Error ? err.stack ?? err.message : String(err);
      log(`  stage ${stage.id} failed: ${message.split('\n')[0]}`);
      failed.push(stage.id);
      numbers[stage.id] = { error: message };
      sections.push({ id: stage.id, title: stage.title, description: stage.description, outputs: [], error: message, seconds: (performance.now() - t0) / 1000 });
    }
  }
  const v = versions();
  const reportPath = join(outDir, 'report.html');
  const resultsPath = join(outDir, 'results.json');
  writeFileAtomic(reportPath, renderReport(sections, { title: 'Synthlab study report', config, versions: v, startedAt }));
  writeFileAtomic(resultsPath, JSON.stringify({ startedAt, finishedAt: new Date().toISOString(), config, versions: v, failed, stages: numbers }, null, 2));
  return { reportPath, resultsPath, failed, numbers };
}
