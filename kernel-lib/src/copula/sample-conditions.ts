/**
 * Conditional sampling: known values become normal-score points (numbers) or intervals
 * (categories), rows are drawn from the exact Gaussian conditional, and anything the copula
 * cannot condition on exactly (a second category, columns rewritten by constraints) is met by
 * rejection: failing rows are redrawn, and an impossible condition is reported by name.
 */
import type { Rng } from '../random';
import type { Cell, Column, Row } from '../tabular';
import { conditionalScores, type RowKnowledge } from './conditional';
import type { Decoder } from './decode';
import { decodeScores } from './decode';
import { concatColumns, filterColumns } from './frame';
import { columnNumbers } from './models';
import { normPpf } from './special';
import { U_CLIP } from './marginal';

type Finish = (cols: Map<string, Column>, n: number) => { columns: Map<string, Column>; ok: Uint8Array };

const MAX_ROUNDS = 100;

function sameCell(a: Cell, b: Cell): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) return String(a instanceof Date ? a.toISOString() : a) === String(b instanceof Date ? b.toISOString() : b);
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a), y = Number(b);
    return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  }
  return String(a) === String(b);
}

/** Builds the score knowledge of one known row; columns it cannot express go to `check`. */
function knowledgeOf(dec: Decoder, row: Row, rewritten: Set<string>): RowKnowledge {
  const points = new Map<number, number>(), intervals = new Map<number, [number, number]>();
  dec.json.models.forEach((m, j) => {
    if (!(m.column in row) || rewritten.has(m.column)) return;
    const v = row[m.column];
    if (m.kind === 'numerical') {
      const meta = dec.json.metadata?.columns[m.column] ?? { sdtype: m.datetimeFormat ? 'datetime' as const : 'numerical' as const, datetimeFormat: m.datetimeFormat };
      const x = columnNumbers(m.column, [v], meta)[0];
      points.set(j, dec.marginals[j]!.toNormal(x));
    } else if (m.kind === 'categorical') {
      const k = m.categories.findIndex((c) => sameCell(c, v));
      if (k < 0) {
        throw new Error(`condition ${m.column} = ${JSON.stringify(v)}: not a category of "${m.column}" ` +
          `(it has ${m.categories.length}: ${m.categories.slice(0, 10).map((c) => JSON.stringify(c)).join(', ')}${m.categories.length > 10 ? ', …' : ''})`);
      }
      let lo = 0;
      for (let i = 0; i < k; i++) lo += m.frequencies[i];
      const hi = lo + m.frequencies[k];
      intervals.set(j, [k === 0 ? -Infinity : normPpf(Math.max(U_CLIP, lo)), k === m.categories.length - 1 ? Infinity : normPpf(Math.min(1 - U_CLIP, hi))]);
    }
  });
  return { points, intervals };
}

/** Rows (in request order) whose known values all hold. */
export function sampleWithKnowledge(dec: Decoder, known: readonly Row[], rewritten: Set<string>, rng: Rng, finish: Finish): Map<string, Column> {
  const n = known.length;
  const knowledge = known.map((r) => knowledgeOf(dec, r, rewritten));
  // Accepted rows arrive group by group; `origin` remembers each one's request index.
  const parts: Map<string, Column>[] = [];
  const origin: number[] = [];
  let pending = Array.from({ length: n }, (_, i) => i);
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) {
      const r = known[pending[0]];
      throw new Error(`could not satisfy the condition ${JSON.stringify(r)} (with the constraints) in ${MAX_ROUNDS} rounds of rejection sampling; ` +
        'it may be impossible or extremely rare under the model');
    }
    // Group rows by which dimensions they know.
    const groups = new Map<string, number[]>();
    for (const i of pending) {
      const k = knowledge[i];
      const sig = `${[...k.points.keys()].sort((a, b) => a - b).join(',')}|${[...k.intervals.keys()].sort((a, b) => a - b).join(',')}`;
      const g = groups.get(sig);
      if (g) g.push(i); else groups.set(sig, [i]);
    }
    const failed: number[] = [];
    for (const idx of groups.values()) {
      const ks = idx.map((i) => knowledge[i]);
      const z = ks[0].points.size === 0 && ks[0].intervals.size === 0 ? dec.sampleScores(idx.length, rng) : columnMajor(conditionalScores(dec.corr, dec.d, ks, rng), idx.length, dec.d);
      const cols = decodeScores(dec, z, idx.length, rng);
      // Known values are written back exactly (the score map is only accurate to the grid).
      for (const [name, col] of cols) {
        const override = !rewritten.has(name) && idx.some((i) => name in known[i]);
        if (!override) continue;
        const cells: Cell[] = Array.from({ length: idx.length }, (_, r) => (name in known[idx[r]] ? known[idx[r]][name] : (col[r] as Cell)));
        cols.set(name, cells);
      }
      const { columns, ok } = finish(cols, idx.length);
      idx.forEach((i, r) => {
        if (ok[r] === 1) for (const [name, v] of Object.entries(known[i])) if (!sameCell((columns.get(name)?.[r] as Cell) ?? null, v)) { ok[r] = 0; break; }
        if (ok[r] === 1) origin.push(i); else failed.push(i);
      });
      parts.push(filterColumns(columns, ok));
    }
    pending = failed;
  }
  if (n === 0) return new Map();
  const merged = concatColumns(parts, [...parts[0].keys()]);
  // Back to request order.
  const at = new Int32Array(n);
  origin.forEach((req, pos) => { at[req] = pos; });
  const out = new Map<string, Column>();
  for (const [name, col] of merged) {
    out.set(name, col instanceof Float64Array ? Float64Array.from(at, (p) => col[p]) : Array.from(at, (p) => (col[p] as Cell) ?? null));
  }
  return out;
}

/** Row-major n × d → column-major. */
function columnMajor(z: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) out[j * n + r] = z[r * d + j];
  return out;
}
