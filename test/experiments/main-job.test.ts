/**
 * The main job end to end, as `npm start` runs it (the built CLI in a child process), with the
 * tiny `ci` profile: the report and the JSON of numbers exist and hold every stage, no stage failed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allStages } from '../../kernel-lib/src/experiments';
import { repoRoot } from '../support/jupyter';

describe('main job (synthlab run, ci profile)', function () {
  this.timeout(900_000);

  it('writes report.html and results.json holding every stage, with no failure', () => {
    const out = mkdtempSync(join(tmpdir(), 'synthlab-study-'));
    const config = join(out, 'config.json');
    writeFileSync(config, JSON.stringify({ seed: 7, profile: 'ci' }));
    execFileSync(process.execPath, [join(repoRoot, 'kernel-lib', 'dist', 'cli.js'), 'run', '--config', config, '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SYNTHLAB_DISPLAY_DIR: join(out, 'display') },
    });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { failed: string[]; stages: Record<string, unknown>; versions: Record<string, string>; config: { profile: string } };
    assert.deepEqual(results.failed, []);
    assert.equal(results.config.profile, 'ci');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const stage of allStages) {
      assert.ok(results.stages[stage.id], `results.json lacks stage ${stage.id}`);
      assert.ok(html.includes(`id="${stage.id}"`), `report.html lacks section ${stage.id}`);
    }
    assert.match(html, /Configuration and versions/);
    assert.ok(results.versions.synthlab && results.versions.backend);
  });

  it('refuses a bad config, naming the key', () => {
    const out = mkdtempSync(join(tmpdir(), 'synthlab-study-'));
    const config = join(out, 'config.json');
    writeFileSync(config, JSON.stringify({ sede: 7 }));
    assert.throws(() => execFileSync(process.execPath, [join(repoRoot, 'kernel-lib', 'dist', 'cli.js'), 'run', '--config', config], { stdio: 'pipe' }),
      (err: { stderr: Buffer; status: number }) => /unknown key "sede"/.test(err.stderr.toString()) && err.status === 2);
  });
});
