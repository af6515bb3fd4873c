/** Feature matrices for the ML-efficacy models: standardised numbers, one-hot categories. */
import type { Table } from '../tabular';
import type { Metadata } from '../copula/metadata';
import { Matrix } from '../datasets/matrix';
import { categories, kindOf, numbers } from './columns';

type Key = string | number | boolean | null;

export interface FeatureEncoder {
  columns: { name: string; kind: 'continuous'; mean: number; sd: number }[];
  onehot: { name: string; levels: Key[] }[];
  width: number;
}

/** Learns the encoding from the training table (at most `maxLevels` levels per categorical, the most frequent). */
export function fitFeatures(train: Table, meta: Metadata, target: string, maxLevels = 30): FeatureEncoder {
  const columns: FeatureEncoder['columns'] = [];
  const onehot: FeatureEncoder['onehot'] = [];
  for (const name of train.names) {
    const m = meta.columns[name];
    if (name === target || !m) continue;
    const kind = kindOf(m);
    if (kind === 'continuous') {
      const v = numbers(train, name, m);
      let s = 0, c = 0;
      for (const x of v) if (!Number.isNaN(x)) { s += x; c++; }
      const mean = c ? s / c : 0;
      let ss = 0;
      for (const x of v) if (!Number.isNaN(x)) ss += (x - mean) ** 2;
      columns.push({ name, kind, mean, sd: c > 1 && ss > 0 ? Math.sqrt(ss / c) : 1 });
    } else if (kind === 'discrete') {
      const counts = new Map<Key, number>();
      for (const k of categories(train, name)) counts.set(k, (counts.get(k) ?? 0) + 1);
      const levels = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, maxLevels).map(([k]) => k);
      onehot.push({ name, levels });
    }
  }
  return { columns, onehot, width: columns.length + onehot.reduce((s, o) => s + o.levels.length, 0) };
}

/** X for a table (missing numbers → the training mean, unseen categories → all zeros). */
export function encodeFeatures(e: FeatureEncoder, t: Table, meta: Metadata): Matrix {
  const n = t.numRows, p = e.width;
  const X = new Float64Array(n * p);
  let j = 0;
  for (const c of e.columns) {
    const v = numbers(t, c.name, meta.columns[c.name]);
    for (let i = 0; i < n; i++) X[i * p + j] = Number.isNaN(v[i]) ? 0 : (v[i] - c.mean) / c.sd;
    j++;
  }
  for (const o of e.onehot) {
    const index = new Map(o.levels.map((l, k) => [l, k] as const));
    const v = categories(t, o.name);
    for (let i = 0; i < n; i++) { const k = index.get(v[i]); if (k !== undefined) X[i * p + j + k] = 1; }
    j += o.levels.length;
  }
  return new Matrix(X, n, p);
}
