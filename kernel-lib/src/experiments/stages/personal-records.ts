/**
 * The article's first tool (Python's Faker): personal records in several locales, written as
 * CSV, JSON lines and Arrow, with a preview and the coherence checks a reader would make.
 */
import { RichOutput } from '../../display/output';
import { people, tablePreview, writeTable, ageOn, DEFAULT_REFERENCE_DATE } from '../../tabular';
import { bySize } from '../config';
import type { Stage } from '../stage';

export const personalRecordsStage: Stage = {
  id: 'personal-records',
  title: 'Personal records (Faker-style, locale-aware)',
  description: 'Coherent person records (names of one sex, email from the own name, age from the birth date, local phone and postcode formats) in ru and en_US and a 50/50 mix, exported as CSV, JSON lines and Arrow.',
  async run({ config, rng, dir }) {
    const n = bySize(config.profile, { ci: 200, default: 20_000, full: 1_000_000 });
    const outputs: { caption?: string; output: RichOutput }[] = [];
    const numbers: Record<string, unknown> = {};
    const files: string[] = [];
    for (const [name, locale] of [['ru', 'ru'], ['en_US', 'en_US'], ['mix', { ru: 0.5, en_US: 0.5 }]] as const) {
      const t0 = performance.now();
      const table = people({ n, locale, seed: rng.derive(name) });
      const seconds = (performance.now() - t0) / 1000;
      // Coherence as a reader would check it: age agrees with the birth date on the reference day.
      let ageMismatches = 0;
      if (table.has('age') && table.has('birthDate')) {
        const ref = new Date(DEFAULT_REFERENCE_DATE);
        for (let i = 0; i < table.numRows; i++) {
          const birth = table.cell(i, 'birthDate');
          const date = birth instanceof Date ? birth : new Date(String(birth));
          if (ageOn(date, ref) !== table.cell(i, 'age')) ageMismatches++;
        }
      }
      for (const ext of ['csv', 'jsonl', 'arrow']) {
        const res = await writeTable(table, `${dir}/people-${name}.${ext}`);
        files.push(`personal-records/people-${name}.${ext}`);
        numbers[`${name}.${ext}.bytes`] = res.bytes;
      }
      numbers[name] = { rows: table.numRows, columns: table.names, rowsPerSecond: table.numRows / seconds, ageMismatches };
      outputs.push({ caption: `people({ n: ${n}, locale: ${JSON.stringify(locale)} }) — first rows`, output: tablePreview(table, { rows: 8 }) });
    }
    return { outputs, numbers, files };
  },
};
