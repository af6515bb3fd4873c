/**
 * Privacy metrics with SDMetrics' definitions: DCR (distance to closest record), DCR baseline
 * protection, DCR overfitting protection, and NewRowSynthesis. Pairwise distances are O(n·m), so
 * both sides are deterministic subsamples (sizes in the options and in the result).
 */
import { Rng, type Seed } from '../random';
import type { Table } from '../tabular';
import type { Metadata } from '../copula/metadata';
import { categories, kindOf, metadataFor, numbers, subsample } from './columns';
import { DEFINITIONS } from './definitions';

type Key = string | number | boolean | null;

/** Columns encoded for fast distances: continuous as numbers scaled by the real range, discrete as integer codes. */
interface Encoded { cont: Float64Array[]; disc: Int32Array[]; n: number }

interface Encoder { names: string[]; kinds: ('c' | 'd')[]; range: number[]; codes: Map<Key, number>[] }

function makeEncoder(real: Table, meta: Metadata): Encoder {
  const names = real.names.filter((n) => meta.columns[n] && ['continuous', 'discrete'].includes(kindOf(meta.columns[n])));
  if (names.length === 0) throw new Error('privacy metrics need at least one numerical, datetime, categorical or boolean column');
  const kinds = names.map((n) => (kindOf(meta.columns[n]) === 'continuous' ? 'c' as const : 'd' as const));
  const range = names.map((n, j) => {
    if (kinds[j] !== 'c') return 0;
    let min = Infinity, max = -Infinity;
    for (const v of numbers(real, n, meta.columns[n])) if (!Number.isNaN(v)) { if (v < min) min = v; if (v > max) max = v; }
    return max > min ? max - min : 0;
  });
  return { names, kinds, range, codes: names.map(() => new Map<Key, number>()) };
}

function encode(e: Encoder, t: Table, meta: Metadata, rows: Int32Array): Encoded {
  const cont: Float64Array[] = [], disc: Int32Array[] = [];
  e.names.forEach((n, j) => {
    if (!t.has(n)) throw new Error(`the table lacks column "${n}"`);
    if (e.kinds[j] === 'c') {
      const v = numbers(t, n, meta.columns[n]);
      // Scaled so |a − b| ≥ 1 means "capped"; a zero range means equal-or-not.
      const s = e.range[j] > 0 ? 1 / e.range[j] : 1e12;
      cont.push(Float64Array.from(rows, (i) => v[i] * s));
    } else {
      const v = categories(t, n), codes = e.codes[j];
      disc.push(Int32Array.from(rows, (i) => { let c = codes.get(v[i]); if (c === undefined) { c = codes.size; codes.set(v[i], c); } return c; }));
    }
  });
  return { cont, disc, n: rows.length };
}

/** DCR of each row of `a` to its closest row of `b` (mean per-column distance). */
function dcr(a: Encoded, b: Encoded): Float64Array {
  const out = new Float64Array(a.n);
  const nc = a.cont.length, nd = a.disc.length, p = nc + nd;
  for (let i = 0; i < a.n; i++) {
    let best = Infinity;
    for (let k = 0; k < b.n && best > 0; k++) {
      let s = 0;
      for (let j = 0; j < nd && s < best * p; j++) if (a.disc[j][i] !== b.disc[j][k]) s += 1;
      for (let j = 0; j < nc && s < best * p; j++) {
        const x = a.cont[j][i], y = b.cont[j][k];
        const xn = Number.isNaN(x), yn = Number.isNaN(y);
        s += xn || yn ? (xn && yn ? 0 : 1) : Math.min(1, Math.abs(x - y));
      }
      if (s < best * p) best = s / p;
    }
    out[i] = best;
  }
  return out;
}

const median = (x: Float64Array) => { const s = Float64Array.from(x).sort(); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

export interface PrivacyOptions {
  /** Synthetic rows scored (deterministic subsample; default 1000). */
  syntheticRows?: number;
  /** Reference (real) rows compared against (deterministic subsample; default 20,000). */
  referenceRows?: number;
  seed?: Seed;
}

export interface DcrResult {
  /** DCR of each scored synthetic row to the real (training) rows. */
  dcr: Float64Array;
  medianDcr: number;
  baseline: { score: number; medianSynthetic: number; medianRandom: number };
  overfitting?: { score: number; closerToTraining: number; closerToHoldout: number };
  rows: { synthetic: number; reference: number };
  definitions: string[];
}

/**
 * DCR and the two DCR protection scores. `holdout` (real rows not used for fitting) enables
 * DCROverfittingProtection.
 */
export function dcrMetrics(real: Table, synthetic: Table, options: PrivacyOptions & { holdout?: Table; metadata?: Metadata } = {}): DcrResult {
  const meta = metadataFor(real, options.metadata);
  const e = makeEncoder(real, meta);
  const sRows = subsample(synthetic.numRows, options.syntheticRows ?? 1000, 'dcr-synthetic');
  const rRows = subsample(real.numRows, options.referenceRows ?? 20000, 'dcr-real');
  const syn = encode(e, synthetic, meta, sRows), ref = encode(e, real, meta, rRows);
  const toReal = dcr(syn, ref);
  // Random baseline: uniform within each real column's range, or over its real categories.
  const rng = Rng.from(options.seed ?? 0).derive('dcr-random');
  const random: Encoded = { n: syn.n, cont: [], disc: [] };
  let ci = 0;
  e.names.forEach((_, j) => {
    if (e.kinds[j] === 'c') {
      const col = ref.cont[ci++];
      let min = Infinity, max = -Infinity;
      for (const v of col) if (!Number.isNaN(v)) { if (v < min) min = v; if (v > max) max = v; }
      random.cont.push(Float64Array.from({ length: syn.n }, () => (min === Infinity ? NaN : min + rng.float() * (max - min))));
    } else {
      const k = e.codes[j].size;
      random.disc.push(Int32Array.from({ length: syn.n }, () => rng.int(Math.max(k, 1))));
    }
  });
  const medianSynthetic = median(toReal), medianRandom = median(dcr(random, ref));
  const result: DcrResult = {
    dcr: toReal, medianDcr: medianSynthetic,
    baseline: { score: medianRandom > 0 ? Math.min(1, medianSynthetic / medianRandom) : NaN, medianSynthetic, medianRandom },
    rows: { synthetic: syn.n, reference: ref.n },
    definitions: [DEFINITIONS.DCR, DEFINITIONS.DCRBaselineProtection],
  };
  if (options.holdout) {
    const hRows = subsample(options.holdout.numRows, options.referenceRows ?? 20000, 'dcr-holdout');
    const toHoldout = dcr(syn, encode(e, options.holdout, meta, hRows));
    let closer = 0;
    for (let i = 0; i < syn.n; i++) if (toReal[i] < toHoldout[i]) closer++;
    const p = closer / syn.n;
    result.overfitting = { score: Math.min(1, 2 * (1 - p)), closerToTraining: p, closerToHoldout: 1 - p };
    result.definitions.push(DEFINITIONS.DCROverfittingProtection);
  }
  return result;
}

/** NewRowSynthesis: the share of synthetic rows that match no real row (see DEFINITIONS). */
export function newRowSynthesis(real: Table, synthetic: Table, options: { metadata?: Metadata; tolerance?: number; syntheticRows?: number } = {}): { score: number; newRows: number; matchedRows: number; definition: string } {
  const meta = metadataFor(real, options.metadata);
  const tol = options.tolerance ?? 0.01;
  const e = makeEncoder(real, meta);
  const all = Int32Array.from({ length: real.numRows }, (_, i) => i);
  const sRows = subsample(synthetic.numRows, options.syntheticRows ?? synthetic.numRows, 'nrs');
  // Unscaled numbers: the tolerance is relative to the synthetic value.
  const raw = (t: Table, rows: Int32Array) => e.names.map((n, j) => (e.kinds[j] === 'c' ? Float64Array.from(rows, (i) => numbers(t, n, meta.columns[n])[i]) : null));
  const realCont = raw(real, all), synCont = raw(synthetic, sRows);
  const ref = encode(e, real, meta, all), syn = encode(e, synthetic, meta, sRows);
  // Index real rows by their categorical values, so each synthetic row scans only candidates.
  const byKey = new Map<string, number[]>();
  const keyOf = (d: Int32Array[], i: number) => d.map((c) => c[i]).join(',');
  for (let k = 0; k < ref.n; k++) { const key = keyOf(ref.disc, k); const l = byKey.get(key); if (l) l.push(k); else byKey.set(key, [k]); }
  let matched = 0;
  for (let i = 0; i < syn.n; i++) {
    const cand = byKey.get(keyOf(syn.disc, i)) ?? [];
    const hit = cand.some((k) => realCont.every((rc, j) => {
      if (!rc) return true;
      const s = synCont[j]![i], r = rc[k];
      if (Number.isNaN(s) || Number.isNaN(r)) return Number.isNaN(s) && Number.isNaN(r);
      return Math.abs(r - s) <= Math.abs(tol * s);
    }));
    if (hit) matched++;
  }
  return { score: syn.n ? (syn.n - matched) / syn.n : NaN, newRows: syn.n - matched, matchedRows: matched, definition: DEFINITIONS.NewRowSynthesis };
}
