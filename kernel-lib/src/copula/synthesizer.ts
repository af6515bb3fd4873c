/**
 * The Gaussian copula synthesizer: per-column marginals (chosen by KS), frequency-interval
 * categoricals, a correlation of normal scores repaired to positive definite, constraints,
 * conditional sampling, and JSON save/load (sampling needs only the saved parameters).
 */
import { Rng, type Seed } from '../random';
import { seededFaker } from '../tabular/people/locales';
import { Table, type Cell, type Column, type Row } from '../tabular';
import type { Family } from './fitting';
import { correlationOfColumns, repairCorrelation } from './correlation';
import { symmetricEigen } from '../linear/linalg';
import { applyConstraint, checkConstraint, describe, reverseConstraint, rewrittenColumns, validRows, type Constraint, type ConstraintState, type Workspace } from './constraints';
import { asTable, concatColumns, filterColumns, type TableInput } from './frame';
import { detectMetadata, type ColumnMetadata, type Metadata } from './metadata';
import {
  columnNumbers, finishNumber, fitCategorical, fitNumerical, numberToCell,
  type CategoricalModel, type CopulaModel, type FittedColumn, type NumericalModel, type SideModel,
} from './models';
import { fitId, sampleSide } from './side';
import { buildDecoder, decodeScores, type Decoder } from './decode';
import { sampleWithKnowledge } from './sample-conditions';

export interface SynthesizerOptions {
  /** Clip sampled numbers to the real [min, max] (default true). */
  enforceMinMaxValues?: boolean;
  /** Round sampled numbers to the real data's decimal digits (default true). */
  enforceRounding?: boolean;
  /** Family for every numerical column, or 'auto' to choose by lowest KS (default 'auto'). */
  defaultDistribution?: Family | 'auto';
  /** Per-column family overrides. */
  numericalDistributions?: Record<string, Family>;
  /** Missing numbers: an independent rate (default), or an indicator modelled in the copula. */
  missingValues?: 'rate' | 'indicator';
  constraints?: Constraint[];
  /**
   * Order of the frequency intervals of categorical columns: 'dependence' (default) sorts
   * categories by the mean first-principal-component score of the numerical columns, so
   * monotone category–number relations survive; 'frequency' puts the most frequent first.
   */
  categoryOrder?: 'dependence' | 'frequency';
  /** Values per column used to choose a family (default 4000). */
  ksSubsample?: number;
  /** faker-js locale of regenerated PII (names, emails, phones, addresses…), e.g. 'ru' or 'de'. Default 'en'. */
  piiLocale?: string;
  /** Seed for fitting (categorical jitter) and for `sample` calls made without a seed. */
  seed?: Seed;
}

export interface SampleOptions { seed?: Seed | Rng }

/** One request of `sampleFromConditions`: `numRows` rows with these values fixed. */
export interface Condition { columnValues: Row; numRows: number }

/** Everything a fitted synthesizer is; what `toJSON` writes and `fromJSON` reads. */
export interface SynthesizerJSON {
  format: 'synthlab.gaussian-copula.v1';
  options: { enforceMinMaxValues: boolean; enforceRounding: boolean; missingValues: 'rate' | 'indicator' };
  metadata?: Metadata;
  /** Output column order. */
  columnOrder: string[];
  /** Columns after constraint rewrites (defaults to columnOrder). */
  workColumns?: string[];
  /** Copula dimensions, in correlation order. */
  models: CopulaModel[];
  side?: SideModel[];
  /** d × d correlation of the models' normal scores (identity when absent). */
  correlation?: number[][];
  constraints?: ConstraintState[];
  warnings?: string[];
}

export interface LearnedDistribution { family: string; parameters: Record<string, unknown>; ks?: Partial<Record<Family, number>> }

/**
 * @example
 * const synth = new GaussianCopulaSynthesizer(null, { seed: 1 }).fit(realTable);
 * const rows = synth.sample(1000, { seed: 2 });
 * const vips = synth.sampleFromConditions([{ columnValues: { tier: 'gold' }, numRows: 50 }]);
 * const saved = JSON.stringify(synth.toJSON()); // later: GaussianCopulaSynthesizer.fromJSON(saved)
 */
export class GaussianCopulaSynthesizer {
  readonly warnings: string[] = [];
  private readonly opts: Required<Omit<SynthesizerOptions, 'constraints' | 'numericalDistributions' | 'seed'>> & Pick<SynthesizerOptions, 'numericalDistributions'>;
  private readonly constraints: Constraint[];
  private readonly customs = new Map<string, (row: Row) => boolean>();
  private rng: Rng;
  private readonly seed: Seed;
  /** Rows handed out by the sampling calls so far: id columns continue from here (unique across calls). */
  private idsIssued = 0;
  private json: SynthesizerJSON | null = null;
  private decoder: Decoder | null = null;

  /** `metadata` may be null: it is then detected at `fit`. */
  constructor(private metadata: Metadata | null = null, options: SynthesizerOptions = {}) {
    this.opts = {
      enforceMinMaxValues: options.enforceMinMaxValues ?? true,
      enforceRounding: options.enforceRounding ?? true,
      defaultDistribution: options.defaultDistribution ?? 'auto',
      numericalDistributions: options.numericalDistributions,
      missingValues: options.missingValues ?? 'rate',
      ksSubsample: options.ksSubsample ?? 4000,
      categoryOrder: options.categoryOrder ?? 'dependence',
      piiLocale: options.piiLocale ?? 'en',
    };
    seededFaker(this.opts.piiLocale, new Rng(0)); // an unknown locale fails here, naming the known ones
    this.constraints = options.constraints ?? [];
    for (const c of this.constraints) if (c.type === 'Custom') this.customs.set(c.name, c.isValid);
    this.seed = options.seed ?? 0;
    this.rng = new Rng(this.seed);
  }

  /**
   * Back to the state right after construction: the next unseeded `sample` calls repeat the first
   * ones, and id columns start again from their first value (as SDV's `reset_sampling`).
   */
  resetSampling(): void {
    this.rng = new Rng(this.seed);
    this.idsIssued = 0;
  }

  /** Learns marginals and the copula from a real table (a Table, records, or columns). */
  fit(data: TableInput): this {
    const table = asTable(data);
    if (table.numRows === 0) throw new Error('fit: the table has no rows');
    const metadata = this.metadata ?? detectMetadata(table);
    this.metadata = metadata;
    const warnings: string[] = [...(metadata.warnings ?? [])];
    for (const name of table.names) if (!metadata.columns[name]) throw new Error(`fit: column "${name}" has no metadata entry`);
    for (const name of Object.keys(metadata.columns)) if (!table.has(name)) throw new Error(`fit: metadata names column "${name}" but the table has no such column`);
    if (table.numRows === 1) warnings.push('the table has one row: every column is sampled as a constant and no correlation is learned');
    const w: Workspace = { columns: new Map(table.names.map((n) => [n, table.column(n)])), meta: { ...metadata.columns }, n: table.numRows };
    for (const c of this.constraints) checkConstraint(w, c);
    const states = this.constraints.map((c) => applyConstraint(w, c));
    const rng = this.rng.derive('fit');
    // Numerical columns first: their scores give categoricals their interval order.
    const fittedBy = new Map<string, FittedColumn>();
    const discrete: string[] = [];
    for (const [name, col] of w.columns) {
      const meta: ColumnMetadata = w.meta[name];
      if (meta.sdtype === 'numerical' || meta.sdtype === 'datetime') {
        const values = columnNumbers(name, col, meta);
        const distribution = this.opts.numericalDistributions?.[name] ?? this.opts.defaultDistribution;
        fittedBy.set(name, fitNumerical(name, values, meta, { distribution, missingValues: this.opts.missingValues, ksSubsample: this.opts.ksSubsample }, rng.derive(name)));
      } else if (meta.sdtype === 'categorical' || meta.sdtype === 'boolean') {
        discrete.push(name);
      } else if (meta.sdtype === 'id') {
        fittedBy.set(name, { models: [], scores: [], side: fitId(name, col), warnings: [] });
      } else {
        if (!meta.piiKind) throw new Error(`column "${name}" is pii but has no piiKind`);
        let missing = 0;
        for (let i = 0; i < col.length; i++) if (col[i] === null || col[i] === '') missing++;
        fittedBy.set(name, { models: [], scores: [], side: { kind: 'pii', column: name, piiKind: meta.piiKind, missingRate: missing / col.length, locale: this.opts.piiLocale }, warnings: [] });
      }
    }
    const reference = this.opts.categoryOrder === 'dependence'
      ? principalScore([...fittedBy.values()].flatMap((f) => f.models.map((m, k) => (m.kind === 'numerical' ? f.scores[k] : null)).filter((z): z is Float64Array => z !== null)))
      : undefined;
    for (const name of discrete) fittedBy.set(name, fitCategorical(name, w.columns.get(name)!, rng.derive(name), reference));
    const models: CopulaModel[] = [];
    const scores: Float64Array[] = [];
    const side: SideModel[] = [];
    for (const name of w.columns.keys()) {
      const fitted = fittedBy.get(name)!;
      models.push(...fitted.models);
      scores.push(...fitted.scores);
      if (fitted.side) side.push(fitted.side);
      warnings.push(...fitted.warnings);
    }
    const d = models.length;
    let corr = correlationOfColumns(scores);
    const repaired = repairCorrelation(corr, d);
    corr = repaired.corr;
    if (repaired.note) warnings.push(repaired.note);
    this.warnings.splice(0, this.warnings.length, ...warnings);
    this.json = {
      format: 'synthlab.gaussian-copula.v1',
      options: { enforceMinMaxValues: this.opts.enforceMinMaxValues, enforceRounding: this.opts.enforceRounding, missingValues: this.opts.missingValues },
      metadata, columnOrder: [...table.names], workColumns: [...w.columns.keys()], models, side,
      correlation: Array.from({ length: d }, (_, i) => Array.from(corr.subarray(i * d, (i + 1) * d))),
      constraints: states, warnings,
    };
    this.decoder = buildDecoder(this.json);
    return this;
  }

  private fitted(): { json: SynthesizerJSON; decoder: Decoder } {
    if (!this.json || !this.decoder) throw new Error('the synthesizer is not fitted: call fit(table) or load parameters with fromJSON');
    return { json: this.json, decoder: this.decoder };
  }

  private rngFor(seed: Seed | Rng | undefined): Rng {
    return seed === undefined ? this.rng.split() : Rng.from(seed);
  }

  /** `n` synthetic rows. Constraints hold on every row (transformed, then checked; failures redrawn). */
  sample(n: number, options: SampleOptions = {}): Table {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`sample(n): n must be an integer ≥ 0, got ${n}`);
    const { json, decoder } = this.fitted();
    const rng = this.rngFor(options.seed);
    const parts: Map<string, Column>[] = [];
    let have = 0;
    for (let attempt = 0; have < n; attempt++) {
      if (attempt >= 50) throw new Error(`sample: after 50 rounds only ${have} of ${n} rows satisfy the constraints ${this.constraintNames()}; they may be contradictory`);
      const want = attempt === 0 ? n - have : Math.min(10 * (n - have) + 16, 1_000_000);
      const batch = decodeScores(decoder, decoder.sampleScores(want, rng), want, rng);
      const { columns, ok } = this.finish(batch, want);
      const kept = ok.every((v) => v === 1) ? columns : filterColumns(columns, ok);
      const count = kept.get(json.columnOrder[0])?.length ?? 0;
      parts.push(count > n - have ? filterColumns(kept, firstK(count, n - have)) : kept);
      have += Math.min(count, n - have);
    }
    return this.assemble(parts, n, rng);
  }

  /** Rows matching each condition (exact conditional normal for fixed numbers; see README). */
  sampleFromConditions(conditions: readonly Condition[], options: SampleOptions = {}): Table {
    const rows: Row[] = [];
    for (const c of conditions) {
      if (!(Number.isInteger(c.numRows) && c.numRows >= 0)) throw new RangeError(`sampleFromConditions: numRows must be an integer ≥ 0, got ${c.numRows}`);
      for (let i = 0; i < c.numRows; i++) rows.push(c.columnValues);
    }
    return this.sampleRemainingColumns(rows, options);
  }

  /** Fills the missing columns of `known` rows (a Table or records; absent/null = to sample). */
  sampleRemainingColumns(known: Table | readonly Row[], options: SampleOptions = {}): Table {
    const { json, decoder } = this.fitted();
    const rng = this.rngFor(options.seed);
    const rows = known instanceof Table ? known.toRecords() : [...known];
    const cleaned = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== undefined)) as Row);
    for (const r of cleaned) for (const k of Object.keys(r)) if (!json.columnOrder.includes(k)) throw new Error(`condition on "${k}": no such column; columns are ${json.columnOrder.join(', ')}`);
    const rewritten = new Set((json.constraints ?? []).flatMap((s) => rewrittenColumns(s.spec as Constraint)));
    const out = sampleWithKnowledge(decoder, cleaned, rewritten, rng, (cols, n) => this.finish(cols, n));
    return this.assemble([out], rows.length, rng, cleaned);
  }

  /** Reverses constraints and checks every constraint on every row. */
  private finish(work: Map<string, Column>, n: number): { columns: Map<string, Column>; ok: Uint8Array } {
    const { json } = this.fitted();
    const meta: Record<string, ColumnMetadata> = {};
    for (const name of json.workColumns ?? json.columnOrder) meta[name] = { sdtype: 'numerical' };
    for (const s of json.constraints ?? []) for (const [k, m] of Object.entries(s.original)) meta[k] = m;
    if (json.metadata) Object.assign(meta, json.metadata.columns);
    const w: Workspace = { columns: work, meta: { ...meta }, n };
    // Rewritten columns carry their transformed types until reversed.
    for (const s of json.constraints ?? []) for (const k of Object.keys(s.original)) w.meta[k] = { sdtype: 'numerical', digits: null };
    for (const s of [...(json.constraints ?? [])].reverse()) reverseConstraint(w, s);
    const ok = new Uint8Array(n).fill(1);
    for (const s of json.constraints ?? []) {
      const custom = s.spec.type === 'Custom' ? this.customs.get(s.spec.name) : undefined;
      if (s.spec.type === 'Custom' && !custom) throw new Error(`Custom constraint "${s.spec.name}" has no predicate: pass it to fromJSON(json, { customConstraints })`);
      const v = validRows(w, s.spec, custom);
      for (let i = 0; i < n; i++) ok[i] &= v[i];
    }
    return { columns: w.columns, ok };
  }

  private constraintNames(): string {
    return (this.json?.constraints ?? []).map((s) => describe(s.spec)).join(', ');
  }

  /** Final table: side columns regenerated over the final rows (ids unique across calls), columns in order. */
  private assemble(parts: Map<string, Column>[], n: number, rng: Rng, known?: Row[]): Table {
    const { json } = this.fitted();
    const names = json.columnOrder.filter((c) => parts[0]?.has(c));
    const merged = parts.length === 1 ? new Map(parts[0]) : concatColumns(parts, names);
    for (const m of json.side ?? []) {
      if (m.kind !== 'id') continue;
      const ids = sampleSide(m, n, rng, this.idsIssued);
      if (known) { const col = ids as Cell[] | Float64Array; for (let i = 0; i < n; i++) { const v = known[i][m.column]; if (v !== undefined) (col as Cell[])[i] = v; } }
      merged.set(m.column, ids);
    }
    this.idsIssued += n;
    return new Table(new Map(json.columnOrder.map((c) => [c, merged.get(c)!] as const)));
  }

  /** The fitted marginal of each numerical column and the frequencies of each categorical one. */
  getLearnedDistributions(): Record<string, LearnedDistribution> {
    const { json } = this.fitted();
    const out: Record<string, LearnedDistribution> = {};
    for (const m of json.models) {
      if (m.kind === 'numerical') {
        const { family, ...parameters } = m.distribution;
        out[m.column] = { family, parameters, ...(m.ks ? { ks: m.ks } : {}) };
      } else if (m.kind === 'categorical') {
        out[m.column] = { family: 'frequencyIntervals', parameters: { categories: m.categories, frequencies: m.frequencies } };
      }
    }
    return out;
  }

  /** The learned correlation of normal scores, with the name of each dimension. */
  getCorrelation(): { names: string[]; matrix: number[][] } {
    const { json } = this.fitted();
    const names = json.models.map((m) => (m.kind === 'missingIndicator' ? `${m.column} is missing` : m.column));
    return { names, matrix: json.correlation ?? names.map((_, i) => names.map((__, j) => (i === j ? 1 : 0))) };
  }

  getMetadata(): Metadata | null {
    return this.metadata;
  }

  /** Plain JSON: `JSON.stringify(synth.toJSON())` saves it; `fromJSON` loads it without the data. */
  toJSON(): SynthesizerJSON {
    return structuredClone(this.fitted().json);
  }

  /**
   * A synthesizer from saved (or hand-written) parameters. Only `format`, `columnOrder` and
   * `models` are required; see `SynthesizerJSON`. Custom constraints need their predicates again.
   */
  static fromJSON(json: SynthesizerJSON | string, extra: { customConstraints?: Record<string, (row: Row) => boolean>; seed?: Seed } = {}): GaussianCopulaSynthesizer {
    const parsed: SynthesizerJSON = typeof json === 'string' ? JSON.parse(json) : structuredClone(json);
    if (parsed.format !== 'synthlab.gaussian-copula.v1') throw new Error(`fromJSON: format must be "synthlab.gaussian-copula.v1", got ${JSON.stringify(parsed.format)}`);
    if (!Array.isArray(parsed.models) || !Array.isArray(parsed.columnOrder)) throw new Error('fromJSON: "models" and "columnOrder" must be arrays');
    const o: Partial<SynthesizerJSON['options']> = parsed.options ?? {};
    parsed.options = { enforceMinMaxValues: o.enforceMinMaxValues ?? true, enforceRounding: o.enforceRounding ?? true, missingValues: o.missingValues ?? 'rate' };
    const synth = new GaussianCopulaSynthesizer(parsed.metadata ?? null, { ...parsed.options, seed: extra.seed });
    for (const [name, fn] of Object.entries(extra.customConstraints ?? {})) synth.customs.set(name, fn);
    synth.json = parsed;
    synth.decoder = buildDecoder(parsed);
    return synth;
  }

  /** Same as `fromJSON`, named for hand-written parameters: marginals + correlation, no data. */
  static fromParameters(params: Omit<SynthesizerJSON, 'format' | 'options'> & Partial<Pick<SynthesizerJSON, 'format' | 'options'>>, extra: { seed?: Seed } = {}): GaussianCopulaSynthesizer {
    const options = { enforceMinMaxValues: true, enforceRounding: true, missingValues: 'rate' as const, ...params.options };
    return GaussianCopulaSynthesizer.fromJSON({ ...params, options, format: 'synthlab.gaussian-copula.v1' }, extra);
  }
}

/** The first principal component score of the numerical columns' normal scores (missing → 0); undefined without any. */
function principalScore(cols: Float64Array[]): Float64Array | undefined {
  if (cols.length === 0) return undefined;
  const k = cols.length, n = cols[0].length;
  // The component's direction from ≤ 20,000 evenly spaced rows; the scores for every row.
  const step = Math.max(1, Math.floor(n / 20000));
  const v = k === 1 ? new Float64Array([1]) : (() => {
    const thin = step === 1 ? cols : cols.map((c) => Float64Array.from({ length: Math.floor(n / step) }, (_, i) => c[i * step]));
    const { vectors } = symmetricEigen(correlationOfColumns(thin), k);
    return Float64Array.from({ length: k }, (_, j) => vectors.data[j * k]);
  })();
  // Sign convention: the component points along the majority of the columns.
  if (v.reduce((s, x) => s + x, 0) < 0) for (let j = 0; j < k; j++) v[j] = -v[j];
  const out = new Float64Array(n);
  for (let j = 0; j < k; j++) { const c = cols[j], w = v[j]; for (let i = 0; i < n; i++) { const z = c[i]; if (!Number.isNaN(z)) out[i] += w * z; } }
  return out;
}

function firstK(count: number, k: number): Uint8Array {
  const m = new Uint8Array(count);
  m.fill(1, 0, k);
  return m;
}

export type { CategoricalModel, NumericalModel };
export { finishNumber, numberToCell };
