/**
 * people(): rows/s in ru and en_US, side by side with (a) a bare loop of the same faker-js calls
 * (the hand-written way, with faker's own internet.email; target ≥ 0.9×) and (b) Python Faker
 * from Debian (../shared/peers/faker_py.py). Also the streaming writer's throughput to CSV/Arrow.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../kernel-lib/src/random';
import type { Faker } from '@faker-js/faker';
import { people, peopleChunks, seededFaker, writeTable } from '../kernel-lib/src/tabular';
import type { BenchOptions, BenchResult } from './types';

const REF = new Date(Date.UTC(2026, 0, 1));

/** What a user writes by hand with faker-js for the same record (same calls, faker's own e-mail). */
function bareLoop(f: Faker, locale: string, n: number): unknown[] {
  const middle = locale === 'ru' || locale === 'en_US';
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const sex = f.person.sexType();
    const firstName = f.person.firstName(sex);
    const lastName = f.person.lastName(sex);
    const middleName = middle ? f.person.middleName(sex) : null;
    out.push({
      fullName: `${firstName} ${lastName}`, firstName, middleName, lastName, sex,
      birthDate: f.date.birthdate({ mode: 'age', min: 18, max: 90, refDate: REF }),
      email: f.internet.email({ firstName, lastName }),
      phone: f.phone.number(),
      street: f.location.street(), building: f.location.buildingNumber(), city: f.location.city(),
      region: f.location.state(), postcode: f.location.zipCode(),
    });
  }
  return out;
}

const BLOCK = 10_000;

/**
 * people(n) against the bare loop, interleaved block by block (10^4 rows of each in turn), so
 * both see the same machine load on a shared CPU; returns rows/s of each over the whole n.
 */
function interleaved(locale: string, n: number, seed: number): { ours: number; bare: number } {
  const chunks = peopleChunks({ n, locale, seed, chunkSize: BLOCK });
  const f = seededFaker(locale, new Rng(seed));
  let ours = 0, bare = 0;
  for (let done = 0; done < n; done += BLOCK) {
    let t = performance.now();
    chunks.next();
    ours += performance.now() - t;
    t = performance.now();
    bareLoop(f, locale, Math.min(BLOCK, n - done));
    bare += performance.now() - t;
  }
  return { ours: n / (ours / 1000), bare: n / (bare / 1000) };
}

function pythonFaker(n: number): Record<string, number> | string {
  const script = [join(__dirname, '..', '..', 'shared', 'peers', 'faker_py.py'), '/work/shared/peers/faker_py.py'].find(existsSync);
  if (!script) return 'faker_py.py not found';
  try {
    const out = execFileSync('/usr/bin/python3', [script, String(n), '1'], { encoding: 'utf8', timeout: 600_000 });
    const rates: Record<string, number> = {};
    for (const line of out.trim().split('\n')) {
      const r = JSON.parse(line) as { locale: string; records_per_s: number };
      rates[r.locale] = r.records_per_s;
    }
    return rates;
  } catch (e) {
    return `Python Faker did not run (${(e as Error).message.split('\n')[0]}); apt-get install -y python3-fake-factory`;
  }
}

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const n = quick ? 20_000 : 100_000;
  const results: BenchResult[] = [];
  // Warm up the JIT and faker's locale data for both paths.
  for (const l of ['ru', 'en_US']) { people({ n: 2000, locale: l, seed: 0 }); bareLoop(seededFaker(l, new Rng(0)), l, 2000); }
  const locales = [['ru', 'ru_RU'], ['en_US', 'en_US']] as const;
  const vsBare = locales.map(([locale]) => interleaved(locale, n, 1));
  // Python runs as its own process, so it cannot be interleaved: time people() again right after
  // it and compare Python with the mean of the two, which brackets the load it ran under.
  const py = pythonFaker(quick ? 10_000 : n);
  const after = locales.map(([locale]) => {
    const t = performance.now();
    people({ n, locale, seed: 2 });
    return n / ((performance.now() - t) / 1000);
  });
  locales.forEach(([locale, pyLocale], k) => {
    const { ours, bare } = vsBare[k];
    results.push({
      name: `people(${n}) ${locale} vs bare faker-js loop`, unit: 'rows/s', ours, peer: bare, ratio: ours / bare,
      notes: 'peer: the same faker-js 10.6 calls written by hand (faker internet.email, raw birthdate), run interleaved with ours in blocks of 10^4 rows; target ratio ≥ 0.9',
    });
    const pyRate = typeof py === 'string' ? undefined : py[pyLocale];
    const bracket = (ours + after[k]) / 2;
    results.push({
      name: `people(${n}) ${locale} vs Python Faker`, unit: 'rows/s', ours: bracket, peer: pyRate, ratio: pyRate ? bracket / pyRate : undefined,
      notes: typeof py === 'string' ? py : `peer: Python Faker 0.9.3 (Debian) ${pyLocale}, ${quick ? 10_000 : n} records (name, birth date, email, address, phone); ours = mean of runs just before and after it`,
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'synthlab-bench-'));
  try {
    const m = quick ? 50_000 : 200_000;
    for (const ext of ['csv', 'arrow']) {
      const t = performance.now();
      const r = await writeTable(peopleChunks({ n: m, locale: 'en_US', seed: 1 }), join(dir, `people.${ext}`));
      const s = (performance.now() - t) / 1000;
      results.push({ name: `peopleChunks(${m}) streamed to .${ext}`, unit: 'rows/s', ours: m / s, notes: `${(r.bytes / 1e6).toFixed(0)} MB written, generation included` });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
