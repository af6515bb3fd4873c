/** Biclustering test arrays: sklearn's make_biclusters and make_checkerboard. */
import { Rng } from '../random';
import { Matrix } from './matrix';
import { equalMultinomial } from './sampling';
import type { RandomState } from './types';
import { checkInt, checkReal, refuse } from './validate';

export interface BiclusterOptions {
  /** Standard deviation of Gaussian noise. Default 0. */
  noise?: number;
  /** Range of each block's constant value. Defaults 10, 100. */
  minval?: number;
  maxval?: number;
  /** Shuffle rows and columns. Default true. */
  shuffle?: boolean;
  randomState?: RandomState;
}

export interface BiclusterSet {
  X: Matrix;
  /** Row cluster and column cluster of each row and column. */
  rowLabels: Int32Array;
  colLabels: Int32Array;
  /** sklearn's indicators: rows[b][i] = 1 when row i is in bicluster b (likewise cols). */
  rows: Uint8Array[];
  cols: Uint8Array[];
}

/**
 * A constant block-diagonal structure (sklearn.datasets.make_biclusters, Dhillon 2001):
 * bicluster k is rows of row-cluster k × columns of column-cluster k, with value U(minval, maxval).
 * @example const { X, rows, cols } = makeBiclusters({ shape: [300, 300], nClusters: 5, noise: 5, randomState: 0 });
 */
export function makeBiclusters(options: BiclusterOptions & { shape: readonly [number, number]; nClusters: number }): BiclusterSet {
  const FN = 'makeBiclusters';
  const [nRows, nCols] = checkShape(FN, options.shape);
  const k = checkInt(FN, 'nClusters', options.nClusters, 1);
  const { noise, minval, maxval } = checkValues(FN, options);
  const rng = Rng.from(options.randomState);
  const consts = Float64Array.from({ length: k }, () => minval + (maxval - minval) * rng.float());
  const rowLabels = blockLabels(equalMultinomial(rng, nRows, k), nRows);
  const colLabels = blockLabels(equalMultinomial(rng, nCols, k), nCols);
  const value = (r: number, c: number) => (r === c ? consts[r] : 0);
  const set = fill(rng, nRows, nCols, rowLabels, colLabels, value, noise, options.shuffle ?? true);
  return { ...set, rows: indicators(set.rowLabels, k, (b) => b), cols: indicators(set.colLabels, k, (b) => b) };
}

/**
 * A checkerboard of blocks (sklearn.datasets.make_checkerboard, Kluger 2003): every pair of
 * row cluster and column cluster gets its own value U(minval, maxval).
 * @example const { X } = makeCheckerboard({ shape: [300, 300], nClusters: [4, 3], noise: 10, randomState: 0 });
 */
export function makeCheckerboard(
  options: BiclusterOptions & { shape: readonly [number, number]; nClusters: number | readonly [number, number] },
): BiclusterSet {
  const FN = 'makeCheckerboard';
  const [nRows, nCols] = checkShape(FN, options.shape);
  const nc = options.nClusters;
  if (typeof nc !== 'number' && nc.length !== 2) refuse(FN, `'nClusters' must be a number or [rowClusters, colClusters]; got ${nc.length} values.`);
  const kr = checkInt(FN, typeof nc === 'number' ? 'nClusters' : 'nClusters[0]', typeof nc === 'number' ? nc : nc[0], 1);
  const kc = checkInt(FN, typeof nc === 'number' ? 'nClusters' : 'nClusters[1]', typeof nc === 'number' ? nc : nc[1], 1);
  const { noise, minval, maxval } = checkValues(FN, options);
  const rng = Rng.from(options.randomState);
  const rowLabels = blockLabels(equalMultinomial(rng, nRows, kr), nRows);
  const colLabels = blockLabels(equalMultinomial(rng, nCols, kc), nCols);
  const consts = Float64Array.from({ length: kr * kc }, () => minval + (maxval - minval) * rng.float());
  const set = fill(rng, nRows, nCols, rowLabels, colLabels, (r, c) => consts[r * kc + c], noise, options.shuffle ?? true);
  // Bicluster b = r·kc + c: its rows are row cluster r, its columns column cluster c.
  return {
    ...set,
    rows: indicators(set.rowLabels, kr * kc, (b) => Math.floor(b / kc)),
    cols: indicators(set.colLabels, kr * kc, (b) => b % kc),
  };
}

function checkShape(fn: string, shape: readonly [number, number]): [number, number] {
  if (!Array.isArray(shape) || shape.length !== 2) refuse(fn, `'shape' must be [nRows, nCols].`);
  return [checkInt(fn, 'shape[0]', shape[0], 1), checkInt(fn, 'shape[1]', shape[1], 1)];
}

function checkValues(fn: string, o: BiclusterOptions): { noise: number; minval: number; maxval: number } {
  const noise = checkReal(fn, 'noise', o.noise ?? 0, 0, null, 'left');
  const minval = checkReal(fn, 'minval', o.minval ?? 10, null, null, 'neither');
  const maxval = checkReal(fn, 'maxval', o.maxval ?? 100, null, null, 'neither');
  return { noise, minval, maxval };
}

function blockLabels(sizes: Int32Array, n: number): Int32Array {
  const labels = new Int32Array(n);
  let at = 0;
  sizes.forEach((size, k) => { labels.fill(k, at, at + size); at += size; });
  return labels;
}

function fill(
  rng: Rng, nRows: number, nCols: number, rowLabels: Int32Array, colLabels: Int32Array,
  value: (r: number, c: number) => number, noise: number, shuffle: boolean,
): { X: Matrix; rowLabels: Int32Array; colLabels: Int32Array } {
  const x = new Float64Array(nRows * nCols);
  if (noise > 0) rng.fillNormal(x, 0, noise);
  const rowOrder = shuffle ? rng.permutation(nRows) : Int32Array.from({ length: nRows }, (_, i) => i);
  const colOrder = shuffle ? rng.permutation(nCols) : Int32Array.from({ length: nCols }, (_, j) => j);
  const rl = Int32Array.from(rowOrder, (i) => rowLabels[i]);
  const cl = Int32Array.from(colOrder, (j) => colLabels[j]);
  for (let i = 0; i < nRows; i++) for (let j = 0; j < nCols; j++) x[i * nCols + j] += value(rl[i], cl[j]);
  return { X: new Matrix(x, nRows, nCols), rowLabels: rl, colLabels: cl };
}

function indicators(labels: Int32Array, count: number, clusterOf: (b: number) => number): Uint8Array[] {
  return Array.from({ length: count }, (_, b) => {
    const c = clusterOf(b);
    return Uint8Array.from(labels, (l) => (l === c ? 1 : 0));
  });
}
