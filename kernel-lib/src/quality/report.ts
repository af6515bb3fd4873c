/**
 * The quality report (Column Shapes + Column Pair Trends) and the diagnostic report (Data
 * Validity + Data Structure), scored as SDMetrics does: each property is the mean of its
 * metric scores, the overall score the mean of the properties.
 */
import type { Metadata } from '../copula/metadata';
import { categories, kindOf, metadataFor, numbers, pick, subsample } from './columns';
import { DEFINITIONS } from './definitions';
import {
  boundaryAdherence, categoryAdherence, codes, contingencyOfCodes, correlationSimilarity, cramersVOfCodes, discretize,
  keyUniqueness, ksComplement, tableStructure, tvComplement, type Codes,
} from './metrics';
import { formatTable } from './text';
import { correlationHeatmaps, distributionPlot } from './plots';
import { RichOutput } from '../display/output';
import { Table } from '../tabular/table';
import { tablePreview } from '../tabular/preview';

export interface ColumnScore { column: string; metric: string; score: number }
export interface PairScore {
  columnA: string; columnB: string; metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  score: number; realCorrelation?: number; syntheticCorrelation?: number;
  /** Why the pair was left out of the property score, when it was. */
  skipped?: string;
}
export interface PropertyScore { property: string; score: number }

export interface QualityReportOptions {
  /** Correlation coefficient for numerical pairs (default 'pearson'). */
  coefficient?: 'pearson' | 'spearman';
  /** Pairs whose real association (|ρ| or Cramér's V) is below this are skipped (default 0: none). */
  realAssociationThreshold?: number;
  /** Rows used for pair metrics, a deterministic subsample of each table (default 50,000). */
  pairRows?: number;
}

export interface QualityReport {
  score: number;
  properties: PropertyScore[];
  columnShapes: ColumnScore[];
  columnPairTrends: PairScore[];
  /** The definitions of the metrics used, as stated in the output. */
  definitions: string[];
  toString(): string;
  /** The report as rich outputs: the score tables, real vs synthetic distributions, correlation heatmaps. */
  figures(): RichOutput[];
}

const mean = (xs: number[]) => { const v = xs.filter((x) => !Number.isNaN(x)); return v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN; };

function checkColumns(real: Table, synthetic: Table, metadata: Metadata): string[] {
  const names = real.names.filter((n) => metadata.columns[n]);
  const missing = names.filter((n) => !synthetic.has(n));
  if (missing.length) throw new Error(`the synthetic table lacks column(s) ${missing.map((m) => `"${m}"`).join(', ')} of the real table`);
  return names;
}

/**
 * SDMetrics-style quality report of `synthetic` against `real`.
 * @example const report = qualityReport(real, synthetic); console.log(String(report)); report.figures().forEach(display);
 */
export function qualityReport(real: Table, synthetic: Table, metadata?: Metadata, options: QualityReportOptions = {}): QualityReport {
  const meta = metadataFor(real, metadata);
  const names = checkColumns(real, synthetic, meta);
  const columnShapes: ColumnScore[] = [];
  for (const name of names) {
    const m = meta.columns[name];
    const kind = kindOf(m);
    if (kind === 'continuous') columnShapes.push({ column: name, metric: 'KSComplement', score: ksComplement(numbers(real, name, m), numbers(synthetic, name, m)) });
    else if (kind === 'discrete') columnShapes.push({ column: name, metric: 'TVComplement', score: tvComplement(categories(real, name), categories(synthetic, name)) });
  }
  const pairRows = options.pairRows ?? 50000;
  const ri = subsample(real.numRows, pairRows, 'real'), si = subsample(synthetic.numRows, pairRows, 'synthetic');
  const usable = names.filter((n) => ['continuous', 'discrete'].includes(kindOf(meta.columns[n])));
  const cont = new Map<string, { r: Float64Array; s: Float64Array }>();
  const disc = new Map<string, Codes>();
  for (const n of usable) {
    const m = meta.columns[n];
    if (kindOf(m) === 'continuous') {
      const r = Float64Array.from(pick(numbers(real, n, m), ri)), s = Float64Array.from(pick(numbers(synthetic, n, m), si));
      cont.set(n, { r, s });
      const b = discretize(r, s);
      disc.set(n, codes(b.real, b.synthetic));
    } else disc.set(n, codes(pick(categories(real, n), ri), pick(categories(synthetic, n), si)));
  }
  const threshold = options.realAssociationThreshold ?? 0;
  const columnPairTrends: PairScore[] = [];
  for (let a = 0; a < usable.length; a++) {
    for (let b = a + 1; b < usable.length; b++) {
      const A = usable[a], B = usable[b];
      const ca = cont.get(A), cb = cont.get(B);
      if (ca && cb) {
        const c = correlationSimilarity(ca.r, cb.r, ca.s, cb.s, options.coefficient);
        const p: PairScore = { columnA: A, columnB: B, metric: 'CorrelationSimilarity', score: c.score, realCorrelation: c.real, syntheticCorrelation: c.synthetic };
        if (Number.isNaN(c.real)) p.skipped = 'a real column has no variance, so the real correlation is undefined';
        else if (Math.abs(c.real) < threshold) p.skipped = `|real correlation| ${Math.abs(c.real).toFixed(3)} < ${threshold}`;
        columnPairTrends.push(p);
      } else {
        const da = disc.get(A)!, db = disc.get(B)!;
        const p: PairScore = { columnA: A, columnB: B, metric: 'ContingencySimilarity', score: contingencyOfCodes(da, db) };
        if (threshold > 0) {
          const v = cramersVOfCodes(da.real, da.levels, db.real, db.levels);
          if (v < threshold) p.skipped = `real Cramér's V ${v.toFixed(3)} < ${threshold}`;
        }
        columnPairTrends.push(p);
      }
    }
  }
  const properties: PropertyScore[] = [
    { property: 'Column Shapes', score: mean(columnShapes.map((c) => c.score)) },
    { property: 'Column Pair Trends', score: mean(columnPairTrends.filter((p) => !p.skipped).map((p) => p.score)) },
  ];
  const score = mean(properties.map((p) => p.score));
  const definitions = ['KSComplement', 'TVComplement', 'CorrelationSimilarity', 'ContingencySimilarity'].map((k) => DEFINITIONS[k]);
  return {
    score, properties, columnShapes, columnPairTrends, definitions,
    figures: () => [
      scoreTable(`Quality report: ${pct(score)}`, [...properties.map((p) => [p.property, '', p.score] as const), ...columnShapes.map((c) => [c.column, c.metric, c.score] as const)], text()),
      distributionPlot(real, synthetic, meta),
      correlationHeatmaps(real, synthetic, meta, { coefficient: options.coefficient }),
    ],
    toString: () => text(),
  };
  function text(): string {
    return [
      `Quality report — overall score ${pct(score)} (mean of the property scores)`,
      formatTable(['Property', 'Score'], properties.map((p) => [p.property, pct(p.score)])),
      '', 'Column shapes', formatTable(['Column', 'Metric', 'Score'], columnShapes.map((c) => [c.column, c.metric, pct(c.score)])),
      '', 'Column pair trends', formatTable(['Column A', 'Column B', 'Metric', 'Score', 'Real ρ', 'Synthetic ρ', 'Note'],
        columnPairTrends.map((p) => [p.columnA, p.columnB, p.metric, pct(p.score), fmt(p.realCorrelation), fmt(p.syntheticCorrelation), p.skipped ?? ''])),
      '', 'Definitions', ...definitions.map((d) => `- ${d}`),
    ].join('\n');
  }
}

/** The score table through tabular's preview (table payload + HTML + text), followed by the definitions. */
function scoreTable(title: string, rows: readonly (readonly [string, string, number])[], text: string): RichOutput {
  const table = new Table({
    name: rows.map((r) => r[0]), metric: rows.map((r) => r[1]),
    score: Float64Array.from(rows, (r) => (Number.isNaN(r[2]) ? NaN : Number(r[2].toFixed(4)))),
  });
  const preview = tablePreview(table, { rows: rows.length, title });
  return new RichOutput({ ...preview.bundle, 'text/plain': text });
}

export interface DiagnosticReport {
  score: number;
  properties: PropertyScore[];
  columns: ColumnScore[];
  definitions: string[];
  toString(): string;
}

/** Diagnostic report: Data Validity (BoundaryAdherence, CategoryAdherence, KeyUniqueness) and Data Structure (TableStructure). */
export function diagnosticReport(real: Table, synthetic: Table, metadata?: Metadata): DiagnosticReport {
  const meta = metadataFor(real, metadata);
  const columns: ColumnScore[] = [];
  for (const name of real.names) {
    const m = meta.columns[name];
    if (!m || !synthetic.has(name)) continue;
    const kind = kindOf(m);
    if (kind === 'continuous') columns.push({ column: name, metric: 'BoundaryAdherence', score: boundaryAdherence(numbers(real, name, m), numbers(synthetic, name, m)) });
    else if (kind === 'discrete') columns.push({ column: name, metric: 'CategoryAdherence', score: categoryAdherence(categories(real, name), categories(synthetic, name)) });
    else if (kind === 'key') columns.push({ column: name, metric: 'KeyUniqueness', score: keyUniqueness(categories(synthetic, name)) });
  }
  const structure = tableStructure(real.names, synthetic.names);
  const properties: PropertyScore[] = [
    { property: 'Data Validity', score: mean(columns.map((c) => c.score)) },
    { property: 'Data Structure', score: structure },
  ];
  const score = mean(properties.map((p) => p.score));
  const definitions = ['BoundaryAdherence', 'CategoryAdherence', 'KeyUniqueness', 'TableStructure'].map((k) => DEFINITIONS[k]);
  return {
    score, properties, columns, definitions,
    toString: () => [
      `Diagnostic report — overall score ${pct(score)}`,
      formatTable(['Property', 'Score'], properties.map((p) => [p.property, pct(p.score)])),
      '', formatTable(['Column', 'Metric', 'Score'], columns.map((c) => [c.column, c.metric, pct(c.score)])),
      '', 'Definitions', ...definitions.map((d) => `- ${d}`),
    ].join('\n'),
  };
}

export const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const fmt = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '' : x.toFixed(3));
