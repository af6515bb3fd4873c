/**
 * Per-column models: how each column becomes normal scores for the copula (fit) and how normal
 * scores become values again (sample). All parameters are plain JSON.
 */
import type { Cell, Column } from '../tabular';
import { Rng } from '../random';
import type { Family } from './fitting';
import { DATE_OBJECT_FORMAT, datetimeResolution, formatDatetime, parseDatetime } from './datetime';
import { Marginal, partialShuffle, selectFamily, U_CLIP } from './marginal';
import { fitFamily, type DistributionParams } from './fitting';
import { isMissing, numericValues, type ColumnMetadata, type PiiKind } from './metadata';
import { normPpf, normPpfFast } from './special';

/** A category value as stored in JSON. */
export type CategoryValue = string | number | boolean | null;

export interface NumericalModel {
  kind: 'numerical';
  column: string;
  distribution: DistributionParams;
  /** KS statistic of each family tried (absent when the family was fixed). */
  ks?: Partial<Record<Family, number>>;
  min: number;
  max: number;
  /** Round to this many decimals (null: no rounding). Datetimes round to their format's step. */
  digits: number | null;
  missingRate: number;
  datetimeFormat?: string;
}

export interface CategoricalModel {
  kind: 'categorical';
  column: string;
  /** Categories in interval order (see fitCategorical). `null` is the missing category. */
  categories: CategoryValue[];
  frequencies: number[];
}

/** Whether a numerical column's value is missing, modelled in the copula (missingValues: 'indicator'). */
export interface MissingIndicatorModel {
  kind: 'missingIndicator';
  column: string;
  rate: number;
}

export interface ConstantModel { kind: 'constant'; column: string; value: CategoryValue; missingRate: number; datetimeFormat?: string }
export interface IdModel { kind: 'id'; column: string; prefix: string; start: number; width: number; numeric: boolean }
/** `locale`: the faker-js locale of regenerated values (default 'en'). */
export interface PiiModel { kind: 'pii'; column: string; piiKind: PiiKind; missingRate: number; locale?: string }

/** Columns that take part in the Gaussian copula. */
export type CopulaModel = NumericalModel | CategoricalModel | MissingIndicatorModel;
/** Columns generated outside it. */
export type SideModel = ConstantModel | IdModel | PiiModel;

export interface FitColumnOptions {
  distribution: Family | 'auto';
  missingValues: 'rate' | 'indicator';
  ksSubsample: number;
}

/** Numbers of a numerical or datetime column (NaN = missing); errors name the column and row. */
export function columnNumbers(name: string, col: Column, meta: ColumnMetadata): Float64Array {
  if (meta.sdtype === 'datetime') {
    const format = meta.datetimeFormat ?? DATE_OBJECT_FORMAT;
    const out = new Float64Array(col.length);
    for (let i = 0; i < col.length; i++) {
      const c = col[i] as Cell;
      if (isMissing(c)) { out[i] = NaN; continue; }
      const ms = c instanceof Date ? c.getTime() : typeof c === 'string' && format !== DATE_OBJECT_FORMAT ? parseDatetime(c, format) : NaN;
      if (Number.isNaN(ms)) {
        throw new Error(`column "${name}", row ${i}: ${JSON.stringify(c)} is not a datetime in format "${format}"; ` +
          'fix the value, set it to null, or declare the column categorical');
      }
      out[i] = ms;
    }
    return out;
  }
  const { values, badRow } = numericValues(col);
  if (badRow >= 0) throw new Error(`column "${name}" is numerical but row ${badRow} holds ${JSON.stringify(col[badRow])}; use a number or null`);
  return values;
}

export interface FittedColumn { models: CopulaModel[]; side?: SideModel; scores: Float64Array[]; warnings: string[] }

/** Fits a numerical/datetime column; returns its model(s) and normal scores (NaN where missing). */
export function fitNumerical(name: string, values: Float64Array, meta: ColumnMetadata, opts: FitColumnOptions, rng: Rng): FittedColumn {
  const n = values.length;
  let count = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) throw new Error(`column "${name}", row ${i}: ${v} is not a finite number; use a finite value or null`);
    count++; if (v < min) min = v; if (v > max) max = v;
  }
  const missingRate = n > 0 ? (n - count) / n : 0;
  const datetimeFormat = meta.sdtype === 'datetime' ? meta.datetimeFormat ?? DATE_OBJECT_FORMAT : undefined;
  if (count === 0 || min === max) {
    const warnings = count === 0
      ? [`column "${name}": every value is missing; sampled as all missing`]
      : [`column "${name}": constant (${min}${n === 1 ? ', one row' : ''}); sampled as that constant${missingRate > 0 ? ` with ${(missingRate * 100).toFixed(1)}% missing` : ''}`];
    return { models: [], side: { kind: 'constant', column: name, value: count === 0 ? null : min, missingRate, ...(datetimeFormat ? { datetimeFormat } : {}) }, scores: [], warnings };
  }
  let present = values;
  if (count < n) {
    present = new Float64Array(count);
    for (let i = 0, j = 0; i < n; i++) if (!Number.isNaN(values[i])) present[j++] = values[i];
  }
  let distribution: DistributionParams;
  let ks: Partial<Record<Family, number>> | undefined;
  if (opts.distribution === 'auto') {
    const choice = selectFamily(present, undefined, opts.ksSubsample, name);
    distribution = choice.params; ks = choice.ks;
  } else {
    // KDE keeps ≤ 1000 kernels: a seeded random subsample (the data may be sorted).
    const kde = opts.distribution === 'gaussianKde' && count > 1000;
    distribution = fitFamily(opts.distribution, kde ? Float64Array.from(partialShuffle(count, 1000, new Rng(`kde:${name}`)), (i) => present[i]) : present);
  }
  const marginal = new Marginal(distribution);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = Number.isNaN(values[i]) ? NaN : marginal.toNormal(values[i]);
  const digits = meta.sdtype === 'datetime' ? null : meta.digits ?? null;
  const model: NumericalModel = { kind: 'numerical', column: name, distribution, ...(ks ? { ks } : {}), min, max, digits, missingRate, ...(datetimeFormat ? { datetimeFormat } : {}) };
  if (opts.missingValues === 'indicator' && missingRate > 0) {
    const zi = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = Number.isNaN(values[i]) ? rng.float() * missingRate : missingRate + rng.float() * (1 - missingRate);
      zi[i] = normPpfFast(Math.min(1 - U_CLIP, Math.max(U_CLIP, u)));
    }
    return { models: [model, { kind: 'missingIndicator', column: name, rate: missingRate }], scores: [z, zi], warnings: [] };
  }
  return { models: [model], scores: [z], warnings: [] };
}

function categoryKey(c: Cell): CategoryValue {
  if (isMissing(c)) return null;
  return c instanceof Date ? c.toISOString() : c;
}

/**
 * Fits a categorical/boolean column as frequency intervals (RDT's uniform encoding). Intervals
 * are ordered by `reference` — the mean, within each category, of a score that summarises the
 * numerical columns — so a category that rises with the numbers gets a higher interval and the
 * copula's linear correlation can carry the dependence; without it, most frequent first.
 */
export function fitCategorical(name: string, col: Column, rng: Rng, reference?: Float64Array): FittedColumn {
  const n = col.length;
  const index = new Map<CategoryValue, number>();
  const counts: number[] = [];
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = col[i] as Cell;
    const key = typeof c === 'string' && c.length > 0 && c.charCodeAt(0) > 32 ? c : categoryKey(c);
    let k = index.get(key);
    if (k === undefined) { k = counts.length; index.set(key, k); counts.push(0); }
    counts[k]++;
    codes[i] = k;
  }
  const keys = [...index.keys()];
  if (keys.length === 1) {
    return {
      models: [], scores: [],
      side: { kind: 'constant', column: name, value: keys[0], missingRate: keys[0] === null ? 1 : 0 },
      warnings: [keys[0] === null ? `column "${name}": every value is missing; sampled as all missing` : `column "${name}": constant (${JSON.stringify(keys[0])}); sampled as that constant`],
    };
  }
  let order = keys.map((_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b);
  if (reference) {
    const sum = new Float64Array(keys.length), cnt = new Float64Array(keys.length);
    for (let i = 0; i < n; i++) { const r = reference[i]; if (!Number.isNaN(r)) { sum[codes[i]] += r; cnt[codes[i]]++; } }
    const mean = Array.from(sum, (s, k) => (cnt[k] > 0 ? s / cnt[k] : 0));
    order = keys.map((_, i) => i).sort((a, b) => mean[a] - mean[b] || counts[b] - counts[a] || a - b);
  }
  const rank = new Int32Array(order.length);
  order.forEach((k, r) => { rank[k] = r; });
  const frequencies = order.map((k) => counts[k] / n);
  const lower = new Float64Array(order.length);
  for (let r = 1; r < order.length; r++) lower[r] = lower[r - 1] + frequencies[r - 1];
  const z = new Float64Array(n);
  const lo = Float64Array.from(rank, (r) => lower[r]), width = Float64Array.from(rank, (r) => frequencies[r]);
  for (let i = 0; i < n; i++) {
    const k = codes[i];
    // 32 random bits are plenty for a jitter inside one interval.
    const u = lo[k] + ((rng.uint32() + 0.5) / 4294967296) * width[k];
    z[i] = normPpfFast(u < U_CLIP ? U_CLIP : u > 1 - U_CLIP ? 1 - U_CLIP : u);
  }
  return { models: [{ kind: 'categorical', column: name, categories: order.map((k) => keys[k]), frequencies }], scores: [z], warnings: [] };
}

/** Normal-score thresholds between consecutive frequency intervals. */
export function categoryThresholds(freqs: readonly number[]): Float64Array {
  const t = new Float64Array(Math.max(freqs.length - 1, 0));
  let c = 0;
  for (let k = 0; k < t.length; k++) { c += freqs[k]; t[k] = normPpf(Math.min(1, c)); }
  return t;
}

/** The category index of a normal score (binary search over thresholds). */
export function categoryOf(z: number, thresholds: Float64Array): number {
  let lo = 0, hi = thresholds.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (z < thresholds[mid]) hi = mid; else lo = mid + 1; }
  return lo;
}

/** Rounds a sampled number as the model says. */
export function finishNumber(m: NumericalModel, v: number, enforceMinMax: boolean, enforceRounding: boolean): number {
  if (enforceMinMax) v = Math.min(m.max, Math.max(m.min, v));
  if (enforceRounding) {
    if (m.datetimeFormat !== undefined) {
      const r = datetimeResolution(m.datetimeFormat);
      v = Math.round(v / r) * r;
    } else if (m.digits !== null) {
      const s = Math.pow(10, m.digits);
      v = Math.round(v * s) / s;
    }
  }
  return v;
}

/** A number as the column's cell type (datetimes back to their format). */
export function numberToCell(m: { datetimeFormat?: string }, v: number): Cell {
  if (m.datetimeFormat === undefined) return v;
  return m.datetimeFormat === DATE_OBJECT_FORMAT ? new Date(v) : formatDatetime(v, m.datetimeFormat);
}
