/**
 * `makeClassification`: sklearn's Madelon-style generator (Guyon 2003), same parameters and
 * refusals, plus what sklearn leaves out: which columns are which, label flips that always
 * change the class, and exact class counts.
 */
import { Rng } from '../random';
import { Matrix } from './matrix';
import { apportion, distinctInts, labelsFromCounts } from './sampling';
import type { LabelledSet, RandomState } from './types';
import { checkInt, checkReal, checkReals, refuse } from './validate';

export interface MakeClassificationOptions {
  /** Rows. Default 100. */
  nSamples?: number;
  /** Columns: informative + redundant + repeated + useless (noise). Default 20. */
  nFeatures?: number;
  /** Columns drawn from the class clusters. Default 2. */
  nInformative?: number;
  /** Random linear combinations of the informative columns. Default 2. */
  nRedundant?: number;
  /** Copies of informative or redundant columns. Default 0. */
  nRepeated?: number;
  /** Default 2. */
  nClasses?: number;
  /** Gaussian clusters per class, on hypercube vertices. Default 2. */
  nClustersPerClass?: number;
  /** Class proportions, nClasses or nClasses − 1 values (the last is then 1 − Σ). Default balanced. */
  weights?: readonly number[] | null;
  /** Fraction of labels redrawn at random. Default 0.01. */
  flipY?: number;
  /** Half the hypercube's side: larger is easier. Default 1. */
  classSep?: number;
  /** Centroids on hypercube vertices (true) or a random polytope's (false). Default true. */
  hypercube?: boolean;
  /** Added to every column (a number or one per column); null: uniform in [−classSep, classSep]. Default 0. */
  shift?: number | readonly number[] | null;
  /** Multiplies every column after the shift; null: uniform in [1, 101]. Default 1. */
  scale?: number | readonly number[] | null;
  /** Shuffle rows and columns. Default true. */
  shuffle?: boolean;
  randomState?: RandomState;
  /**
   * Beyond sklearn: a flipped label always moves to another class (sklearn redraws among all
   * classes, so 1/nClasses of its "flips" keep their class). Default false (sklearn's way).
   */
  flipAlwaysChanges?: boolean;
  /**
   * Beyond sklearn: class sizes are n·wᵢ/Σw rounded to integers that sum to nSamples (largest
   * remainders) before flipping; sklearn truncates per cluster and hands out the remainder
   * round-robin over clusters. Default false.
   */
  exactCounts?: boolean;
}

export interface ClassificationSet extends LabelledSet {
  /** Output column of each informative feature. */
  informative: number[];
  /** Output column of each redundant feature (linear combinations of the informative ones). */
  redundant: number[];
  /** Output column of each repeated feature, and the output column it copies. */
  repeated: number[];
  repeatedFrom: number[];
  /** Output columns of pure noise. */
  useless: number[];
  /** The combination weights: redundant = informative · redundantWeights (before shift and scale), nInformative × nRedundant. */
  redundantWeights: Matrix;
  /** Cluster centres in the informative space, nClusters × nInformative; cluster k has class k mod nClasses. */
  centroids: Matrix;
  /** 1 where the label was redrawn by flipY. */
  flipped: Uint8Array;
  /** Rows per class before flipping. */
  classCounts: number[];
  /** Per output column, the shift and scale applied. */
  shift: Float64Array;
  scale: Float64Array;
}

const FN = 'makeClassification';

/**
 * A random n-class classification problem (sklearn.datasets.make_classification).
 *
 * Differences from sklearn, none in distribution: random numbers come from our Rng, so a
 * seed does not reproduce numpy's values; rows are shuffled by shuffling the cluster
 * assignment before the rows are drawn (one pass, no copy).
 * @example const { X, y, informative } = makeClassification({ nSamples: 1000, nFeatures: 20, nInformative: 5, randomState: 0 });
 */
export function makeClassification(options: MakeClassificationOptions = {}): ClassificationSet {
  const nSamples = checkInt(FN, 'nSamples', options.nSamples ?? 100, 1);
  const nFeatures = checkInt(FN, 'nFeatures', options.nFeatures ?? 20, 1);
  const nInformative = checkInt(FN, 'nInformative', options.nInformative ?? 2, 1);
  const nRedundant = checkInt(FN, 'nRedundant', options.nRedundant ?? 2, 0);
  const nRepeated = checkInt(FN, 'nRepeated', options.nRepeated ?? 0, 0);
  const nClasses = checkInt(FN, 'nClasses', options.nClasses ?? 2, 1);
  const nClustersPerClass = checkInt(FN, 'nClustersPerClass', options.nClustersPerClass ?? 2, 1);
  const flipY = checkReal(FN, 'flipY', options.flipY ?? 0.01, 0, 1, 'both');
  const classSep = checkReal(FN, 'classSep', options.classSep ?? 1, 0, null, 'neither');
  const hypercube = options.hypercube ?? true;
  const shuffle = options.shuffle ?? true;
  if (nInformative + nRedundant + nRepeated > nFeatures) {
    refuse(FN, `nInformative (${nInformative}) + nRedundant (${nRedundant}) + nRepeated (${nRepeated}) must not exceed nFeatures (${nFeatures}).`);
  }
  if (nInformative < Math.log2(nClasses * nClustersPerClass)) {
    refuse(FN, `nClasses (${nClasses}) · nClustersPerClass (${nClustersPerClass}) must be ≤ 2^nInformative (2^${nInformative} = ${2 ** nInformative}): each cluster needs its own hypercube vertex.`);
  }
  const weights = classWeights(options.weights ?? null, nClasses);
  const rng = Rng.from(options.randomState);
  const nClusters = nClasses * nClustersPerClass;
  const nUseless = nFeatures - nInformative - nRedundant - nRepeated;

  // Rows per cluster; cluster k belongs to class k mod nClasses (sklearn's layout).
  const perCluster = new Array<number>(nClusters).fill(0);
  if (options.exactCounts) {
    if (!(weights.reduce((a, b) => a + b, 0) > 0)) refuse(FN, `exactCounts needs weights with a positive sum; got [${weights.join(', ')}].`);
    const perClass = apportion(nSamples, weights);
    for (let c = 0; c < nClasses; c++) {
      for (let m = 0; m < nClustersPerClass; m++) {
        perCluster[c + m * nClasses] = Math.floor(perClass[c] / nClustersPerClass) + (m < perClass[c] % nClustersPerClass ? 1 : 0);
      }
    }
  } else {
    for (let k = 0; k < nClusters; k++) perCluster[k] = Math.trunc((nSamples * weights[k % nClasses]) / nClustersPerClass);
    const missing = nSamples - perCluster.reduce((a, b) => a + b, 0);
    for (let i = 0; i < missing; i++) perCluster[i % nClusters]++;
  }
  const cluster = labelsFromCounts(rng, perCluster, nSamples, shuffle);

  const centroids = hypercubeVertices(rng, nClusters, nInformative);
  for (let i = 0; i < centroids.length; i++) centroids[i] = centroids[i] * 2 * classSep - classSep;
  if (!hypercube) {
    const perRow = rng.fillUniform(new Float64Array(nClusters));
    const perCol = rng.fillUniform(new Float64Array(nInformative));
    for (let k = 0; k < nClusters; k++) for (let j = 0; j < nInformative; j++) centroids[k * nInformative + j] *= perRow[k] * perCol[j];
  }
  // A random covariance per cluster, then the redundant combinations and repeated sources.
  const mixing = rng.fillUniform(new Float64Array(nClusters * nInformative * nInformative), -1, 1);
  const B = rng.fillUniform(new Float64Array(nInformative * nRedundant), -1, 1);
  const nUseful = nInformative + nRedundant;
  const repeatSource = Array.from({ length: nRepeated }, () => Math.trunc((nUseful - 1) * rng.float() + 0.5));

  const shift = perColumn(options.shift === undefined ? 0 : options.shift, 'shift', nFeatures, () => (2 * rng.float() - 1) * classSep);
  const scale = perColumn(options.scale === undefined ? 1 : options.scale, 'scale', nFeatures, () => 1 + 100 * rng.float());
  // dest[f] = output column of generated feature f (sklearn's column shuffle).
  const dest = shuffle ? inversePermutation(rng.permutation(nFeatures)) : Int32Array.from({ length: nFeatures }, (_, f) => f);

  const X = fillRows({ nSamples, nFeatures, nInformative, nRedundant, nUseless, cluster, centroids, mixing, B, repeatSource, shift, scale, dest, rng });

  const y = new Int32Array(nSamples);
  const classCounts = new Array<number>(nClasses).fill(0);
  for (let i = 0; i < nSamples; i++) { y[i] = cluster[i] % nClasses; classCounts[y[i]]++; }
  const flipped = new Uint8Array(nSamples);
  const change = options.flipAlwaysChanges === true && nClasses > 1;
  for (let i = 0; i < nSamples && flipY > 0; i++) {
    if (rng.float() < flipY) {
      flipped[i] = 1;
      y[i] = change ? (y[i] + 1 + rng.int(nClasses - 1)) % nClasses : rng.int(nClasses);
    }
  }
  const cols = (from: number, count: number) => Array.from({ length: count }, (_, f) => dest[from + f]);
  const outShift = new Float64Array(nFeatures), outScale = new Float64Array(nFeatures);
  for (let f = 0; f < nFeatures; f++) { outShift[dest[f]] = shift[f]; outScale[dest[f]] = scale[f]; }
  return {
    X, y,
    informative: cols(0, nInformative),
    redundant: cols(nInformative, nRedundant),
    repeated: cols(nUseful, nRepeated),
    repeatedFrom: repeatSource.map((f) => dest[f]),
    useless: cols(nUseful + nRepeated, nUseless),
    redundantWeights: new Matrix(B, nInformative, nRedundant),
    centroids: new Matrix(centroids, nClusters, nInformative),
    flipped, classCounts, shift: outShift, scale: outScale,
  };
}

/** sklearn's weights rules: nClasses or nClasses − 1 values, the missing one 1 − Σ. */
function classWeights(weights: readonly number[] | null, nClasses: number): number[] {
  if (weights === null) return new Array<number>(nClasses).fill(1 / nClasses);
  if (weights.length !== nClasses && weights.length !== nClasses - 1) {
    refuse(FN, `weights has ${weights.length} values but nClasses is ${nClasses}: give ${nClasses} (or ${nClasses - 1}, the last inferred).`);
  }
  checkReals(FN, 'weights', weights);
  const w = [...weights];
  if (w.length === nClasses - 1) w.push(1 - w.reduce((a, b) => a + b, 0));
  const bad = w.findIndex((v) => v < 0);
  if (bad >= 0) refuse(FN, `weights must be ≥ 0; class ${bad} gets ${w[bad]}${bad === nClasses - 1 && weights.length < nClasses ? ' (1 − the sum of the others)' : ''}.`);
  return w;
}

function perColumn(value: number | readonly number[] | null, name: string, n: number, draw: () => number): Float64Array {
  if (value === null) return Float64Array.from({ length: n }, draw);
  if (typeof value === 'number') {
    if (name === 'scale') checkReal(FN, name, value, 0, null, 'neither');
    else checkReal(FN, name, value, null, null, 'neither');
    return new Float64Array(n).fill(value);
  }
  return checkReals(FN, name, value, n);
}

function inversePermutation(perm: Int32Array): Int32Array {
  const inv = new Int32Array(perm.length);
  for (let j = 0; j < perm.length; j++) inv[perm[j]] = j;
  return inv;
}

/**
 * nClusters distinct vertices of the unit hypercube in `dims` dimensions, as 0/1 values
 * (sklearn's _generate_hypercube: distinct in the last 30 dimensions, free above).
 */
function hypercubeVertices(rng: Rng, nClusters: number, dims: number): Float64Array {
  const out = new Float64Array(nClusters * dims);
  const low = Math.min(dims, 30);
  const codes = distinctInts(rng, 2 ** low, nClusters);
  for (let k = 0; k < nClusters; k++) {
    for (let j = 0; j < dims - low; j++) out[k * dims + j] = rng.int(2);
    for (let b = 0; b < low; b++) out[k * dims + dims - low + b] = Math.floor(codes[k] / 2 ** (low - 1 - b)) % 2;
  }
  return out;
}

interface RowPlan {
  nSamples: number; nFeatures: number; nInformative: number; nRedundant: number; nUseless: number;
  cluster: Int32Array; centroids: Float64Array; mixing: Float64Array; B: Float64Array;
  repeatSource: number[]; shift: Float64Array; scale: Float64Array; dest: Int32Array; rng: Rng;
}

/**
 * Draws every row straight into its final (shifted, scaled, column-permuted) place. Every
 * useful column (informative, redundant, repeated) is affine in the row's normals z: for
 * cluster k, column f = (z·W_k[:, f] + b_k[f]) with A_k, B, the repeat copies, shift and scale
 * folded into W_k and b_k once per cluster, so a row costs one small matrix-vector product.
 */
function fillRows(p: RowPlan): Matrix {
  const { nSamples, nFeatures, nInformative: nI, nRedundant: nR, nUseless, cluster, centroids, mixing, B, repeatSource, shift, scale, dest, rng } = p;
  const nUseful = nI + nR + repeatSource.length;
  const nClusters = centroids.length / nI;
  // W_k stored transposed (column f's nI weights contiguous), b_k per column.
  const Wt = new Float64Array(nClusters * nUseful * nI);
  const b = new Float64Array(nClusters * nUseful);
  const col = new Float64Array(nI);
  for (let k = 0; k < nClusters; k++) {
    for (let f = 0; f < nUseful; f++) {
      // Source column before repeats: informative j (A_k[:, j], centroid j) or redundant r (A_k·B[:, r], centroid·B[:, r]).
      const src = f < nI + nR ? f : repeatSource[f - nI - nR];
      let bias: number;
      if (src < nI) {
        for (let a = 0; a < nI; a++) col[a] = mixing[k * nI * nI + a * nI + src];
        bias = centroids[k * nI + src];
      } else {
        const r = src - nI;
        bias = 0;
        for (let a = 0; a < nI; a++) {
          let s = 0;
          for (let j = 0; j < nI; j++) s += mixing[k * nI * nI + a * nI + j] * B[j * nR + r];
          col[a] = s;
          bias += centroids[k * nI + a] * B[a * nR + r];
        }
      }
      const o = (k * nUseful + f) * nI;
      for (let a = 0; a < nI; a++) Wt[o + a] = col[a] * scale[f];
      b[k * nUseful + f] = (bias + shift[f]) * scale[f];
    }
  }
  const out = new Float64Array(nSamples * nFeatures);
  const nNormal = nI + nUseless;
  const chunkRows = Math.max(1, Math.floor(65536 / Math.max(1, nNormal)));
  const normals = new Float64Array(chunkRows * nNormal);
  const uselessDest = dest.subarray(nFeatures - nUseless);
  const uselessShift = shift.subarray(nFeatures - nUseless), uselessScale = scale.subarray(nFeatures - nUseless);
  for (let start = 0; start < nSamples; start += chunkRows) {
    const rows = Math.min(chunkRows, nSamples - start);
    rng.fillNormal(rows === chunkRows ? normals : normals.subarray(0, rows * nNormal));
    for (let r = 0; r < rows; r++) {
      const z = r * nNormal;
      const k = cluster[start + r];
      const o = (start + r) * nFeatures;
      let f = 0;
      // Four columns at a time: independent sums keep the FPU busy instead of waiting on one chain.
      for (; f + 3 < nUseful; f += 4) {
        const w = (k * nUseful + f) * nI;
        let s0 = b[k * nUseful + f], s1 = b[k * nUseful + f + 1], s2 = b[k * nUseful + f + 2], s3 = b[k * nUseful + f + 3];
        for (let a = 0; a < nI; a++) {
          const za = normals[z + a];
          s0 += za * Wt[w + a];
          s1 += za * Wt[w + nI + a];
          s2 += za * Wt[w + 2 * nI + a];
          s3 += za * Wt[w + 3 * nI + a];
        }
        out[o + dest[f]] = s0;
        out[o + dest[f + 1]] = s1;
        out[o + dest[f + 2]] = s2;
        out[o + dest[f + 3]] = s3;
      }
      for (; f < nUseful; f++) {
        const w = (k * nUseful + f) * nI;
        let s = b[k * nUseful + f];
        for (let a = 0; a < nI; a++) s += normals[z + a] * Wt[w + a];
        out[o + dest[f]] = s;
      }
      for (let j = 0; j < nUseless; j++) out[o + uselessDest[j]] = (normals[z + nI + j] + uselessShift[j]) * uselessScale[j];
    }
  }
  return new Matrix(out, nSamples, nFeatures);
}
