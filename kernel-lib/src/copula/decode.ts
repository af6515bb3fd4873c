/** Normal scores → column values (the inverse of the per-column encodings). */
import type { Rng } from '../random';
import type { Cell, Column } from '../tabular';
import type { Marginal } from './marginal';
import { categoryOf, finishNumber, numberToCell, type NumericalModel } from './models';
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
