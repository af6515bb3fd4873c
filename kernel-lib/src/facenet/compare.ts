/**
 * `compareDataOrganizations`: every arm × seed of the data-organization experiment, the choice
 * among synthetic-face strategies, the ratio sweep, and the summary (mean ± 95 % CI over seeds,
 * paired comparisons) with its table, plots and a flat JSON/CSV of every number.
 */
import { display } from '../display/display';
import { lineChart } from '../display/line-chart';
import { RichOutput, escapeXml } from '../display/output';
import { formatMeanCi, meanCi, pairedComparison, type MeanCi, type PairedComparison } from '../metrics/stats';
import { runArm, type ArmName, type DataOrganizationOptions, type RunResult, type SyntheticFaces } from './organization';

/** The numbers compared across arms: name → how to read it from one run. */
export const TABLE_METRICS: Record<string, (r: RunResult) => number> = {
  'verification accuracy': (r) => r.evaluation.verification.accuracy.mean,
  'precision': (r) => r.evaluation.classification.precision,
  'recall': (r) => r.evaluation.classification.recall,
  'F1': (r) => r.evaluation.classification.f1,
  'specificity': (r) => r.evaluation.classification.specificity,
  'ROC AUC': (r) => r.evaluation.verification.auc,
  'EER': (r) => r.evaluation.verification.eer,
  'VAL@FAR=1e-3': (r) => r.evaluation.verification.valAtFar.mean,
  'rank-1': (r) => r.evaluation.identification.rank1,
  'rank-5': (r) => r.evaluation.identification.rank5,
  'NMI (k-means)': (r) => r.evaluation.clustering.kMeans.nmi,
  'ARI (k-means)': (r) => r.evaluation.clustering.kMeans.ari,
  'triplet accuracy': (r) => r.evaluation.triplet.accuracy,
  'held-out triplet loss': (r) => r.evaluation.triplet.loss,
};

export interface DataOrganizationResult {
  runs: RunResult[];
  /** The synthetic strategy used in the real+synthetic arm, and why. */
  strategy: { chosen: string; why: string; candidates: { name: string; kind: string; description: string; accuracy: MeanCi; extraImages: MeanCi }[] };
  /** arm → metric → mean ± CI. */
  summary: Record<string, Record<string, MeanCi>>;
  /** "a vs b" → metric → paired comparison over seeds. */
  paired: Record<string, Record<string, PairedComparison>>;
  sweep: { ratio: number; accuracy: MeanCi }[];
  outputs: RichOutput[];
}

const ARMS: ArmName[] = ['untrained', 'real', 'real+synthetic', 'real+augmented'];

/**
 * Runs the experiment. Runs: (arms + extra strategies) × seeds + sweep ratios × sweep seeds.
 * @example const res = await compareDataOrganizations({ train, test, synthetic: cganFaces(gan), steps: 300, P: 8, K: 4, seeds: [1, 2, 3] });
 */
export async function compareDataOrganizations(options: DataOrganizationOptions): Promise<DataOrganizationResult> {
  const seeds = options.seeds ?? [1, 2, 3];
  const ratio = options.ratio ?? 0.15;
  if (!(ratio >= 0 && ratio <= 10)) throw new RangeError(`compareDataOrganizations: ratio must be in [0, 10], got ${ratio}`);
  if (seeds.length === 0) throw new Error('compareDataOrganizations: give at least one seed');
  const strategies = Array.isArray(options.synthetic) ? options.synthetic : [options.synthetic];
  if (strategies.length === 0) throw new Error('compareDataOrganizations: give at least one synthetic-face strategy');
  const sweepRatios = options.sweep ?? [0, 0.05, 0.15, 0.3, 0.5];
  const sweepSeeds = options.sweepSeeds ?? seeds.slice(0, 1);
  const total = seeds.length * (ARMS.length - 1 + strategies.length) + sweepRatios.filter((r) => r !== 0 && r !== ratio).length * sweepSeeds.length;
  let done = 0;
  const runs: RunResult[] = [];
  const run = async (arm: ArmName, seed: number, r: number, s?: SyntheticFaces) => {
    const res = await runArm(options, arm, seed, r, s);
    runs.push(res);
    options.onRun?.(++done, total, `${arm}${s ? ` (${s.name})` : ''} seed ${seed}`);
    return res;
  };
  for (const seed of seeds) {
    for (const arm of ['untrained', 'real', 'real+augmented'] as ArmName[]) await run(arm, seed, ratio);
    for (const s of strategies) await run('real+synthetic', seed, ratio, s);
  }
  const acc = TABLE_METRICS['verification accuracy'];
  const candidates = strategies.map((s) => {
    const own = runs.filter((r) => r.arm === 'real+synthetic' && r.strategy === s.name);
    return { name: s.name, kind: s.kind, description: s.description, accuracy: meanCi(own.map(acc)), extraImages: meanCi(own.map((r) => r.extraImages)) };
  });
  // A strategy that added under half the images asked for (e.g. most new identities turned down)
  // trained on about the real set alone: it is not a candidate for the synthetic arm.
  const requested = Math.round(options.train.labels.length * ratio);
  const eligible = candidates.filter((c) => c.extraImages.mean >= requested / 2);
  const pool = eligible.length ? eligible : candidates;
  const best = pool.reduce((a, b) => (b.accuracy.mean > a.accuracy.mean ? b : a));
  const chosen = strategies.find((s) => s.name === best.name) as SyntheticFaces;
  const short = candidates.filter((c) => !eligible.includes(c)).map((c) => `${c.name} added ${Math.round(c.extraImages.mean)} of ${requested} images`);
  const why = (candidates.length === 1 ? 'the only strategy given'
    : `highest mean verification accuracy on held-out identities among ${pool.map((c) => `${c.name} (${formatMeanCi(c.accuracy)})`).join(', ')}`) +
    (short.length ? `; ${short.join(', ')}${eligible.length ? ' (not a candidate)' : ' (no strategy added half of them)'}` : '');
  const armRuns = (arm: ArmName) => runs.filter((r) => r.arm === arm && (arm !== 'real+synthetic' || r.strategy === chosen.name) && (r.ratio === ratio || arm === 'real' || arm === 'untrained'));
  const summary: Record<string, Record<string, MeanCi>> = {};
  for (const arm of ARMS) {
    summary[arm] = {};
    for (const [name, get] of Object.entries(TABLE_METRICS)) summary[arm][name] = meanCi(armRuns(arm).map(get));
  }
  const paired: Record<string, Record<string, PairedComparison>> = {};
  const bySeed = (arm: ArmName, get: (r: RunResult) => number) => seeds.map((s) => get(armRuns(arm).find((r) => r.seed === s) as RunResult));
  for (const [a, b] of [['real+synthetic', 'real'], ['real+synthetic', 'real+augmented'], ['real+augmented', 'real'], ['real', 'untrained']] as [ArmName, ArmName][]) {
    paired[`${a} vs ${b}`] = {};
    for (const [name, get] of Object.entries(TABLE_METRICS)) paired[`${a} vs ${b}`][name] = pairedComparison(bySeed(a, get), bySeed(b, get));
  }
  const sweep: { ratio: number; accuracy: MeanCi }[] = [];
  for (const r of sweepRatios) {
    for (const seed of sweepSeeds) {
      const have = runs.find((x) => x.seed === seed && (r === 0 ? x.arm === 'real' : x.arm === 'real+synthetic' && x.strategy === chosen.name && x.ratio === r));
      if (!have) await run('real+synthetic', seed, r, chosen);
    }
    const at = runs.filter((x) => sweepSeeds.includes(x.seed) && (r === 0 ? x.arm === 'real' : x.arm === 'real+synthetic' && x.strategy === chosen.name && x.ratio === r));
    sweep.push({ ratio: r, accuracy: meanCi(at.map(acc)) });
  }
  const result = { runs, strategy: { chosen: chosen.name, why, candidates }, summary, paired, sweep, outputs: [] as RichOutput[] };
  result.outputs = organizationOutputs(result, ratio);
  return result;
}

/** The experiment's table (arms × metrics, mean ± 95 % CI), the paired comparisons and the sweep plot. */
export function organizationOutputs(result: Omit<DataOrganizationResult, 'outputs'>, ratio: number): RichOutput[] {
  const metrics = Object.keys(TABLE_METRICS);
  const arms = Object.keys(result.summary);
  const n = result.summary[arms[0]][metrics[0]].n;
  const head = `<tr><th>arm</th>${metrics.map((m) => `<th>${escapeXml(m)}</th>`).join('')}</tr>`;
  const rows = arms.map((a) => `<tr><td>${escapeXml(a)}</td>${metrics.map((m) => `<td>${escapeXml(formatMeanCi(result.summary[a][m]))}</td>`).join('')}</tr>`).join('');
  const caption = `FaceNet trained on each data organization (synthetic and augmented images at ${Math.round(ratio * 100)} % of the real set; synthetic strategy: ${result.strategy.chosen}, ${result.strategy.why}). Mean ± 95 % CI over ${n} seed(s), held-out identities.`;
  const text = [caption, ['arm', ...metrics].join(' | '), ...arms.map((a) => [a, ...metrics.map((m) => formatMeanCi(result.summary[a][m]))].join(' | '))].join('\n');
  const table = new RichOutput({
    'text/html': `<table><caption>${escapeXml(caption)}</caption>${head}${rows}</table>`,
    'text/plain': text,
  });
  const key = ['verification accuracy', 'F1', 'rank-1', 'NMI (k-means)'];
  const pairedText = Object.entries(result.paired).map(([pair, byMetric]) =>
    `${pair}: ${key.map((m) => { const p = byMetric[m]; return `${m} Δ ${formatMeanCi(p.difference)} (${p.wins}/${p.wins + p.losses + p.ties} seeds higher${p.significant ? ', CI excludes 0' : ''})`; }).join('; ')}`).join('\n');
  const pairedOut = new RichOutput({ 'text/html': `<pre>${escapeXml(pairedText)}</pre>`, 'text/plain': pairedText });
  const sweepOut = lineChart(
    [{ name: 'verification accuracy', x: result.sweep.map((s) => s.ratio * 100), y: result.sweep.map((s) => s.accuracy.mean) }],
    { title: `Ratio sweep: real + synthetic (${result.strategy.chosen})`, xLabel: 'synthetic images, % of the real set', yLabel: 'verification accuracy' },
  );
  // ROC and CMC of every arm on the first seed, overlaid.
  const first = result.runs.filter((r) => r.seed === result.runs[0].seed && (r.arm !== 'real+synthetic' || r.strategy === result.strategy.chosen) && (r.arm === 'real' || r.arm === 'untrained' || r.ratio === ratio));
  const label = (r: RunResult) => r.arm;
  const roc = lineChart(first.map((r) => ({ name: `${label(r)} (AUC ${r.evaluation.verification.auc.toFixed(3)})`, x: r.evaluation.roc.fpr, y: r.evaluation.roc.tpr })),
    { title: `Verification ROC, seed ${first[0]?.seed}`, xLabel: 'false accept rate', yLabel: 'true accept rate' });
  const cmc = lineChart(first.map((r) => ({ name: label(r), x: r.evaluation.identification.cmc.map((_, i) => i + 1), y: r.evaluation.identification.cmc })),
    { title: `Identification CMC, seed ${first[0]?.seed}`, xLabel: 'rank', yLabel: 'identification rate' });
  return [table, pairedOut, sweepOut, roc, cmc];
}

/** Every number of every run as flat rows (for CSV/JSON). */
export function organizationRows(result: DataOrganizationResult): Record<string, string | number>[] {
  return result.runs.map((r) => {
    const row: Record<string, string | number> = { arm: r.arm, strategy: r.strategy ?? '', ratio: r.ratio, seed: r.seed, extraImages: r.extraImages, finalTrainLoss: r.finalLoss, seconds: r.seconds, syntheticNote: r.syntheticNote ?? '' };
    for (const [name, get] of Object.entries(TABLE_METRICS)) row[name] = get(r);
    return row;
  });
}

/** Shows the experiment's outputs in the notebook (or prints them). */
export function showDataOrganization(result: DataOrganizationResult): void {
  for (const o of result.outputs) display(o);
}
