/** Clustering toys: sklearn's make_blobs, make_moons and make_circles. */
import { Rng } from '../random';
import { Matrix } from './matrix';
import { labelsFromCounts } from './sampling';
import type { LabelledSet, RandomState } from './types';
import { checkInt, checkReal, checkReals, refuse } from './validate';

export interface MakeBlobsOptions {
  /** Total rows split evenly over the centres, or rows per centre. Default 100. */
  nSamples?: number | readonly number[];
  /** Ignored when `centers` gives coordinates. Default 2. */
  nFeatures?: number;
  /** How many centres to draw in `centerBox`, or their coordinates. Default 3 (or one per entry of an nSamples list). */
  centers?: number | readonly (readonly number[])[] | Matrix | null;
  /** Standard deviation of every cluster, or one per centre. Default 1. */
  clusterStd?: number | readonly number[];
  /** Box the random centres are drawn in. Default [−10, 10]. */
  centerBox?: readonly [number, number];
  /** Shuffle the rows (otherwise cluster after cluster). Default true. */
  shuffle?: boolean;
  randomState?: RandomState;
  /** Accepted for sklearn parity: the centres are always returned. */
  returnCenters?: boolean;
}

export interface BlobsSet extends LabelledSet {
  /** nCenters × nFeatures. */
  centers: Matrix;
}

/**
 * Isotropic Gaussian blobs (sklearn.datasets.make_blobs). Rows are shuffled by shuffling the
 * labels first and drawing each row around its centre: one pass over X, no row copies.
 * @example const { X, y, centers } = makeBlobs({ nSamples: 300, centers: 3, nFeatures: 2, randomState: 0 });
 */
export function makeBlobs(options: MakeBlobsOptions = {}): BlobsSet {
  const FN = 'makeBlobs';
  const rng = Rng.from(options.randomState);
  const box = options.centerBox ?? [-10, 10];
  if (box.length !== 2) refuse(FN, `'centerBox' must be [min, max]; got ${box.length} values.`);
  const [lo, hi] = [checkReal(FN, 'centerBox[0]', box[0], null, null, 'neither'), checkReal(FN, 'centerBox[1]', box[1], null, null, 'neither')];
  let nFeatures = checkInt(FN, 'nFeatures', options.nFeatures ?? 2, 1);
  const given = options.centers ?? null;
  let counts: number[] | null = null;
  let nCenters: number;
  if (typeof options.nSamples === 'object') {
    counts = options.nSamples.map((c, i) => checkInt(FN, `nSamples[${i}]`, c, 0));
    if (counts.length === 0) refuse(FN, `'nSamples' as a list needs at least one entry.`);
    nCenters = counts.length;
    if (given !== null && typeof given === 'number') {
      refuse(FN, `'centers' must be coordinates (or null) when nSamples is a list; got the number ${given}.`);
    }
  } else {
    checkInt(FN, 'nSamples', options.nSamples ?? 100, 1);
    nCenters = typeof given === 'number' ? checkInt(FN, 'centers', given, 1) : given === null ? 3 : given instanceof Matrix ? given.rows : given.length;
  }
  let centers: Matrix;
  if (given === null || typeof given === 'number') {
    centers = new Matrix(rng.fillUniform(new Float64Array(nCenters * nFeatures), lo, hi), nCenters, nFeatures);
  } else {
    centers = given instanceof Matrix ? given : Matrix.fromArray(given);
    if (centers.rows === 0 || centers.cols === 0) refuse(FN, `'centers' must hold at least one centre with at least one coordinate.`);
    checkReals(FN, 'centers', centers.data);
    if (counts !== null && centers.rows !== counts.length) {
      refuse(FN, `nSamples lists ${counts.length} clusters but centers has ${centers.rows} rows: they must match.`);
    }
    nCenters = centers.rows;
    nFeatures = centers.cols;
  }
  const stdOpt = options.clusterStd ?? 1;
  const std = typeof stdOpt === 'number'
    ? new Float64Array(nCenters).fill(checkReal(FN, 'clusterStd', stdOpt, 0, null, 'left'))
    : checkReals(FN, 'clusterStd', stdOpt);
  if (std.length !== nCenters) refuse(FN, `clusterStd has ${std.length} values for ${nCenters} centers: give one per centre or a single number.`);
  const negative = std.findIndex((s) => s < 0);
  if (negative >= 0) refuse(FN, `clusterStd[${negative}] must be ≥ 0; got ${std[negative]}.`);
  if (counts === null) {
    const n = options.nSamples as number | undefined ?? 100;
    counts = Array.from({ length: nCenters }, (_, i) => Math.floor(n / nCenters) + (i < n % nCenters ? 1 : 0));
  }
  const n = counts.reduce((a, b) => a + b, 0);
  const y = labelsFromCounts(rng, counts, n, options.shuffle ?? true);
  const x = new Float64Array(n * nFeatures);
  const c = centers.data;
  // Draw and place a cache-sized block of rows at a time: one pass over X in memory.
  const block = Math.max(1, Math.floor(32768 / nFeatures));
  for (let start = 0; start < n; start += block) {
    const stop = Math.min(n, start + block);
    rng.fillNormal(x.subarray(start * nFeatures, stop * nFeatures));
    for (let i = start, o = start * nFeatures; i < stop; i++, o += nFeatures) {
      const k = y[i], s = std[k], ck = k * nFeatures;
      for (let j = 0; j < nFeatures; j++) x[o + j] = c[ck + j] + s * x[o + j];
    }
  }
  return { X: new Matrix(x, n, nFeatures), y, centers };
}

export interface TwoShapeOptions {
  /** Total points (split outer/inner, the odd one inner), or [outer, inner]. Default 100. */
  nSamples?: number | readonly [number, number];
  shuffle?: boolean;
  /** Standard deviation of Gaussian noise added to the points; null for none. Default null. */
  noise?: number | null;
  randomState?: RandomState;
}

/**
 * Two interleaving half circles (sklearn.datasets.make_moons).
 * @example const { X, y } = makeMoons({ nSamples: 200, noise: 0.1, randomState: 0 });
 */
export function makeMoons(options: TwoShapeOptions = {}): LabelledSet {
  const FN = 'makeMoons';
  const [nOut, nIn] = splitTwo(FN, options.nSamples ?? 100);
  const noise = options.noise ?? null;
  if (noise !== null) checkReal(FN, 'noise', noise, 0, null, 'left');
  // np.linspace(0, π, m) includes both ends.
  const at = (i: number, m: number) => (m > 1 ? (Math.PI * i) / (m - 1) : 0);
  return twoShapes(options, nOut, nIn,
    (i) => [Math.cos(at(i, nOut)), Math.sin(at(i, nOut))],
    (i) => [1 - Math.cos(at(i, nIn)), 1 - Math.sin(at(i, nIn)) - 0.5]);
}

/**
 * A large circle containing a smaller one (sklearn.datasets.make_circles).
 * @example const { X, y } = makeCircles({ nSamples: 200, factor: 0.5, noise: 0.05, randomState: 0 });
 */
export function makeCircles(options: TwoShapeOptions & { factor?: number } = {}): LabelledSet {
  const FN = 'makeCircles';
  const [nOut, nIn] = splitTwo(FN, options.nSamples ?? 100);
  const noise = options.noise ?? null;
  if (noise !== null) checkReal(FN, 'noise', noise, 0, null, 'left');
  const factor = checkReal(FN, 'factor', options.factor ?? 0.8, 0, 1, 'left');
  // np.linspace(0, 2π, m, endpoint=False): the first point is not repeated at the end.
  const at = (i: number, m: number) => (2 * Math.PI * i) / m;
  return twoShapes(options, nOut, nIn,
    (i) => [Math.cos(at(i, nOut)), Math.sin(at(i, nOut))],
    (i) => [factor * Math.cos(at(i, nIn)), factor * Math.sin(at(i, nIn))]);
}

function splitTwo(fn: string, n: number | readonly [number, number]): [number, number] {
  if (typeof n === 'number') {
    checkInt(fn, 'nSamples', n, 0);
    return [Math.floor(n / 2), n - Math.floor(n / 2)];
  }
  if (n.length !== 2) refuse(fn, `'nSamples' must be a number or a two-element [outer, inner]; got ${n.length} elements.`);
  return [checkInt(fn, 'nSamples[0]', n[0], 0), checkInt(fn, 'nSamples[1]', n[1], 0)];
}

function twoShapes(
  options: TwoShapeOptions, nOut: number, nIn: number,
  outer: (i: number) => [number, number], inner: (i: number) => [number, number],
): LabelledSet {
  const rng = Rng.from(options.randomState);
  const n = nOut + nIn;
  const order = (options.shuffle ?? true) ? rng.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const src = order[r];
    const [a, b] = src < nOut ? outer(src) : inner(src - nOut);
    x[2 * r] = a;
    x[2 * r + 1] = b;
    y[r] = src < nOut ? 0 : 1;
  }
  const noise = options.noise ?? null;
  if (noise !== null && noise > 0) {
    const e = rng.fillNormal(new Float64Array(2 * n), 0, noise);
    for (let i = 0; i < x.length; i++) x[i] += e[i];
  }
  return { X: new Matrix(x, n, 2), y };
}
