/** A fitted synthesizer's sampling state, and normal scores → column values (the inverse of the per-column encodings). */
import type { Rng } from '../random';
import type { Cell, Column } from '../tabular';
import { choleskyOfCorrelation, repairCorrelation } from './correlation';
import { Marginal } from './marginal';
import { categoryOf, categoryThresholds, finishNumber, numberToCell, type NumericalModel } from './models';
import { sampleSide } from './side';
import { normPpf } from './special';
import type { SynthesizerJSON } from './synthesizer';

/** A fitted synthesizer's precomputed sampling state. */
export interface Decoder {
  json: SynthesizerJSON;
  d: number;
  /** d × d correlation (repaired) and its Cholesky factor, row-major. */
  corr: Float64Array;
  L: Float64Array;
  marginals: (Marginal | null)[];
  thresholds: (Float64Array | null)[];
  workColumns: string[];
  /** n × d unconditional normal scores, column-major (z[j·n + r]). */
  sampleScores(n: number, rng: Rng): Float64Array;
}

/** Decodes n rows of scores (column-major: z[j·n + r]) into work-space columns (side columns included). */
export function decodeScores(dec: Decoder, z: Float64Array, n: number, rng: Rng): Map<string, Column> {
  const { json } = dec;
  const out = new Map<string, Column>();
  const missingMask = new Map<string, Uint8Array>();
  json.models.forEach((m, j) => {
    if (m.kind !== 'missingIndicator') return;
    const cut = normPpf(m.rate);
    const mask = new Uint8Array(n);
    for (let r = 0; r < n; r++) mask[r] = z[j * n + r] < cut ? 1 : 0;
    missingMask.set(m.column, mask);
  });
  const { enforceMinMaxValues, enforceRounding } = json.options;
  const missRng = rng.split();
  json.models.forEach((m, j) => {
    if (m.kind === 'numerical') {
      const marginal = dec.marginals[j]!;
      const mask = missingMask.get(m.column);
      const hasMissing = mask !== undefined || m.missingRate > 0;
      if (!hasMissing && m.datetimeFormat === undefined) {
        const col = new Float64Array(n);
        for (let r = 0, o = j * n; r < n; r++, o++) col[r] = marginal.fromNormal(z[o]);
        // Bounds and rounding in tight loops of their own (the common no-rounding case skips one).
        if (enforceMinMaxValues) { const lo = m.min, hi = m.max; for (let r = 0; r < n; r++) { const v = col[r]; col[r] = v < lo ? lo : v > hi ? hi : v; } }
        if (enforceRounding && m.digits !== null) { const s = Math.pow(10, m.digits); for (let r = 0; r < n; r++) col[r] = Math.round(col[r] * s) / s; }
        out.set(m.column, col);
        return;
      }
      const col: Cell[] = new Array(n);
      for (let r = 0; r < n; r++) {
        const missing = mask ? mask[r] === 1 : m.missingRate > 0 && missRng.float() < m.missingRate;
        col[r] = missing ? null : numberToCell(m, finishNumber(m as NumericalModel, marginal.fromNormal(z[j * n + r]), enforceMinMaxValues, enforceRounding));
      }
      out.set(m.column, col);
    } else if (m.kind === 'categorical') {
      const t = dec.thresholds[j]!;
      const cats = m.categories;
      const col: Cell[] = new Array(n);
      if (t.length < 8) {
        // Few categories: a linear scan beats the binary search.
        for (let r = 0, o = j * n; r < n; r++, o++) { const v = z[o]; let k = 0; while (k < t.length && v >= t[k]) k++; col[r] = cats[k]; }
      } else {
        for (let r = 0, o = j * n; r < n; r++, o++) col[r] = cats[categoryOf(z[o], t)];
      }
      out.set(m.column, col);
    }
  });
  for (const s of json.side ?? []) out.set(s.column, sampleSide(s, n, rng.split().derive(`side:${s.column}`)));
  return new Map(dec.workColumns.filter((c) => out.has(c)).map((c) => [c, out.get(c)!] as const));
}

/** Validates parameters and precomputes marginal tables, thresholds and the Cholesky factor. */
export function buildDecoder(json: SynthesizerJSON): Decoder {
  const d = json.models.length;
  const corr = new Float64Array(d * d);
  if (json.correlation) {
    if (json.correlation.length !== d || json.correlation.some((r) => r.length !== d)) {
      throw new Error(`correlation must be ${d} × ${d} (one row and column per model), got ${json.correlation.length} rows`);
    }
    json.correlation.forEach((r, i) => r.forEach((v, j) => { corr[i * d + j] = v; }));
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      if (Math.abs(corr[i * d + j] - corr[j * d + i]) > 1e-9 || !(Math.abs(corr[i * d + j]) <= 1 + 1e-9) || (i === j && Math.abs(corr[i * d + i] - 1) > 1e-9)) {
        throw new Error(`correlation[${i}][${j}] = ${corr[i * d + j]}: the matrix must be symmetric with a unit diagonal and entries in [-1, 1]`);
      }
    }
  } else for (let i = 0; i < d; i++) corr[i * d + i] = 1;
  for (let i = 0; i < d * d; i++) corr[i] = i % (d + 1) === 0 ? 1 : Math.max(-1, Math.min(1, corr[i]));
  const { corr: fixed } = repairCorrelation(corr, d);
  const marginals = json.models.map((m, j) => {
    if (m.kind !== 'numerical') return null;
    if (!m.distribution || !m.distribution.family) throw new Error(`models[${j}] ("${m.column}"): numerical models need a distribution`);
    m.min ??= -Infinity; m.max ??= Infinity; m.digits ??= null; m.missingRate ??= 0;
    return new Marginal(m.distribution);
  });
  const thresholds = json.models.map((m, j) => {
    if (m.kind !== 'categorical') return null;
    const sum = m.frequencies.reduce((s, f) => s + f, 0);
    if (m.categories.length !== m.frequencies.length || !(Math.abs(sum - 1) < 1e-6)) {
      throw new Error(`models[${j}] ("${m.column}"): categories and frequencies must have equal lengths and frequencies must sum to 1 (sum ${sum})`);
    }
    return categoryThresholds(m.frequencies);
  });
  const L = choleskyOfCorrelation(fixed, d);
  return {
    json, d, corr: fixed, L, marginals, thresholds,
    workColumns: json.workColumns ?? json.columnOrder,
    sampleScores(n: number, rng: Rng): Float64Array {
      // Column-major output (z[j·n + r]); normals in reused chunks, mixed by L with long axpy loops.
      const z = new Float64Array(n * d);
      const chunk = 2048;
      const eps = new Float64Array(chunk * d);
      for (let r0 = 0; r0 < n; r0 += chunk) {
        const rows = Math.min(chunk, n - r0);
        rng.fillNormal(rows === chunk ? eps : eps.subarray(0, rows * d));
        for (let j = 0; j < d; j++) {
          const o = j * n + r0;
          let k = 0;
          // Two terms per pass: half the read-modify-write traffic on z.
          for (; k + 1 <= j; k += 2) {
            const l0 = L[j * d + k], l1 = L[j * d + k + 1], e0 = k * rows, e1 = e0 + rows;
            for (let r = 0; r < rows; r++) z[o + r] += l0 * eps[e0 + r] + l1 * eps[e1 + r];
          }
          if (k === j) {
            const l0 = L[j * d + k], e0 = k * rows;
            for (let r = 0; r < rows; r++) z[o + r] += l0 * eps[e0 + r];
          }
        }
      }
      return z;
    },
  };
}
