/**
 * The article's SDV step: a Gaussian copula fitted on a real-looking customer table, sampled,
 * and judged (SDMetrics' definitions): quality report with plots, privacy (DCR, new rows),
 * machine-learning efficacy, and a conditional sample.
 */
import { GaussianCopulaSynthesizer, detectMetadata } from '../../copula';
import { RichOutput } from '../../display/output';
import { dcrMetrics, mlEfficacy, newRowSynthesis, qualityReport } from '../../quality';
import type { Rng } from '../../random';
import { people, tablePreview } from '../../tabular';
import { Table } from '../../tabular/table';
import { bySize } from '../config';
import type { Stage } from '../stage';

/**
 * A customer table with known structure: people's own columns (sex, age, city) plus income
 * (log-normal, rising with age), a credit score tied to income, a tier from income, and churn
 * drawn from a logistic model of score and tenure — so a good synthesizer has things to keep.
 */
export function customerTable(n: number, rng: Rng): Table {
  const persons = people({ n, locale: 'en_US', seed: rng.derive('people'), fields: ['firstName', 'lastName', 'email', 'sex', 'age', 'city'] });
  const noise = rng.derive('columns');
  const age = persons.column('age') as number[];
  const income = new Float64Array(n), score = new Float64Array(n), tenure = new Int32Array(n);
  const tier: string[] = [], churned: boolean[] = [];
  for (let i = 0; i < n; i++) {
    income[i] = Math.round(Math.exp(10 + 0.012 * (age[i] - 40) + noise.normal(0, 0.45)));
    score[i] = Math.round(Math.min(850, Math.max(300, 560 + 60 * (Math.log(income[i]) - 10) + noise.normal(0, 45))));
    tenure[i] = Math.min(age[i] - 17, Math.floor(-Math.log(1 - noise.float()) * 6));
    tier.push(income[i] > 60_000 ? 'gold' : income[i] > 30_000 ? 'silver' : 'bronze');
    const logit = -1 - 0.01 * (score[i] - 650) - 0.15 * tenure[i];
    churned.push(noise.float() < 1 / (1 + Math.exp(-logit)));
  }
  return persons.withColumn('income', income).withColumn('creditScore', score).withColumn('tenureYears', tenure)
    .withColumn('tier', tier).withColumn('churned', churned);
}

export const copulaStage: Stage = {
  id: 'copula',
  title: 'Gaussian copula synthesizer and the quality report',
  description: 'SDV-style Gaussian copula (marginals chosen by KS, frequency-interval categoricals, PII re-generated with faker) fitted on a customer table; quality report (KSComplement, TVComplement, correlation and contingency similarity), DCR privacy, NewRowSynthesis, and train-on-synthetic / test-on-real efficacy.',
  async run({ config, rng }) {
    const n = bySize(config.profile, { ci: 400, default: 10_000, full: 100_000 });
    const all = customerTable(2 * n, rng.derive('table'));
    const real = all.slice(0, n), holdout = all.slice(n);
    const metadata = detectMetadata(real);
    const t0 = performance.now();
    const synth = new GaussianCopulaSynthesizer(metadata, { seed: rng.derive('synth').seedInt() }).fit(real);
    const fitSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const synthetic = synth.sample(n, { seed: rng.derive('sample') });
    const sampleSeconds = (performance.now() - t1) / 1000;
    const quality = qualityReport(real, synthetic, metadata);
    const dcr = dcrMetrics(real, synthetic, { holdout, metadata });
    const newRows = newRowSynthesis(real, synthetic, { metadata });
    const efficacy = mlEfficacy(synthetic, holdout, 'churned', { realTrain: real, metadata, epochs: config.profile === 'ci' ? 5 : 40, seed: rng.derive('efficacy').seedInt() });
    const gold = synth.sampleFromConditions([{ columnValues: { tier: 'gold' }, numRows: 5 }]);
    const summary = [
      `Quality score ${quality.score.toFixed(3)} (${quality.properties.map((p) => `${p.property} ${p.score.toFixed(3)}`).join(', ')})`,
      `DCR baseline protection ${dcr.baseline.score.toFixed(3)}; overfitting protection ${dcr.overfitting?.score.toFixed(3) ?? '–'}; new rows ${(100 * newRows.score).toFixed(1)} %`,
      `Efficacy (${efficacy.metric} on real holdout): ${efficacy.scores.map((s) => JSON.stringify(s)).join('; ')}`,
      `fit ${fitSeconds.toFixed(2)} s, sample ${sampleSeconds.toFixed(2)} s for ${n} rows × ${real.numColumns} columns`,
    ].join('\n');
    return {
      outputs: [
        { caption: 'The real table (first rows)', output: tablePreview(real, { rows: 6 }) },
        { caption: 'Synthetic rows (names, e-mails re-generated, not copied)', output: tablePreview(synthetic, { rows: 6 }) },
        { caption: 'Summary', output: new RichOutput({ 'text/plain': summary, 'text/html': `<pre>${summary.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string)}</pre>` }) },
        ...quality.figures().map((output) => ({ caption: 'Quality report', output })),
        { caption: 'Conditional sample: tier = gold', output: tablePreview(gold, { rows: 5 }) },
      ],
      numbers: {
        rows: n, fitSeconds, sampleSeconds, quality: { score: quality.score, properties: quality.properties, columnShapes: quality.columnShapes },
        privacy: { dcrBaseline: dcr.baseline, dcrOverfitting: dcr.overfitting, medianDcr: dcr.medianDcr, newRowSynthesis: newRows.score },
        efficacy, definitions: quality.definitions,
      },
    };
  },
};
