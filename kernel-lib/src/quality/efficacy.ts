/**
 * ML efficacy: train on synthetic rows, test on real ones. Classification targets use logistic
 * regression (IRLS, one-vs-rest for several classes) and a small MLP on tfjs, scored by F1
 * (binary) or macro-F1; numerical targets use linear regression (linear/) and the MLP, scored by
 * R². With `realTrain`, the same models trained on real rows give the reference score.
 */
import { Rng, type Seed } from '../random';
import type { Table } from '../tabular';
import type { Metadata } from '../copula/metadata';
import { Matrix } from '../datasets/matrix';
import { LinearRegression, r2Score } from '../linear/models';
import { cholesky, choleskySolve } from '../linear/linalg';
import * as tf from '../tf';
import { categories, kindOf, metadataFor, numbers, subsample } from './columns';
import { DEFINITIONS } from './definitions';
import { encodeFeatures, fitFeatures } from './features';

type Key = string | number | boolean | null;

export interface EfficacyOptions {
  /** Real rows to train the reference models on (e.g. the synthesizer's training data). */
  realTrain?: Table;
  metadata?: Metadata;
  /** Rows used per table (deterministic subsample; default 5000). */
  maxRows?: number;
  /** MLP hidden units (default 32) and epochs (default 60); 0 epochs skips the MLP. */
  hidden?: number;
  epochs?: number;
  seed?: Seed;
}

export interface EfficacyScore { model: 'logistic' | 'linear' | 'mlp'; trainedOnSynthetic: number; trainedOnReal?: number }

export interface EfficacyResult {
  target: string;
  task: 'binary' | 'multiclass' | 'regression';
  metric: 'F1' | 'macro-F1' | 'R²';
  scores: EfficacyScore[];
  definition: string;
}

/** Logistic regression by IRLS with a small ridge penalty; returns weights (p + 1, bias last). */
function logisticFit(X: Matrix, y: Uint8Array, lambda = 1e-3, iters = 30): Float64Array {
  const n = X.rows, p = X.cols + 1;
  const w = new Float64Array(p);
  const row = new Float64Array(p);
  for (let it = 0; it < iters; it++) {
    const H = new Float64Array(p * p), g = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p - 1; j++) row[j] = X.data[i * X.cols + j];
      row[p - 1] = 1;
      let s = 0;
      for (let j = 0; j < p; j++) s += w[j] * row[j];
      const pr = 1 / (1 + Math.exp(-s));
      const r = pr - y[i], wt = Math.max(pr * (1 - pr), 1e-9);
      for (let a = 0; a < p; a++) { g[a] += r * row[a]; const ra = wt * row[a]; for (let b = a; b < p; b++) H[a * p + b] += ra * row[b]; }
    }
    for (let a = 0; a < p; a++) { for (let b = 0; b < a; b++) H[a * p + b] = H[b * p + a]; H[a * p + a] += lambda * n; g[a] += lambda * n * w[a]; }
    const step = choleskySolve(cholesky(H, p), p, g);
    let change = 0;
    for (let j = 0; j < p; j++) { w[j] -= step[j]; change = Math.max(change, Math.abs(step[j])); }
    if (change < 1e-8) break;
  }
  return w;
}

function logisticScores(X: Matrix, w: Float64Array): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let s = w[X.cols];
    for (let j = 0; j < X.cols; j++) s += w[j] * X.data[i * X.cols + j];
    out[i] = s;
  }
  return out;
}

/** A one-hidden-layer MLP (ReLU, Adam, full batch) on tfjs; returns predictions on Xtest (n × outputs). */
function mlp(Xtr: Matrix, Ytr: Float64Array, outputs: number, Xte: Matrix, loss: 'softmax' | 'mse', hidden: number, epochs: number, seed: number): Float64Array {
  // tf.variable copies its initial value: dispose the initialisers right away.
  const variable = (init: tf.Tensor) => { const v = tf.variable(init); init.dispose(); return v; };
  const W1 = variable(tf.randomNormal([Xtr.cols, hidden], 0, Math.sqrt(2 / Math.max(Xtr.cols, 1)), 'float32', seed));
  const b1 = variable(tf.zeros([hidden]));
  const W2 = variable(tf.randomNormal([hidden, outputs], 0, Math.sqrt(1 / hidden), 'float32', seed + 1));
  const b2 = variable(tf.zeros([outputs]));
  const x = tf.tensor2d(Float32Array.from(Xtr.data), [Xtr.rows, Xtr.cols]);
  const y = tf.tensor2d(Float32Array.from(Ytr), [Xtr.rows, outputs]);
  const forward = (inp: tf.Tensor2D) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(inp, W1), b1)), W2), b2) as tf.Tensor2D;
  const opt = tf.train.adam(0.01);
  try {
    for (let e = 0; e < epochs; e++) {
      const cost = opt.minimize(() => (loss === 'softmax' ? tf.losses.softmaxCrossEntropy(y, forward(x)) : tf.losses.meanSquaredError(y, forward(x))) as tf.Scalar);
      cost?.dispose();
    }
    const pred = tf.tidy(() => forward(tf.tensor2d(Float32Array.from(Xte.data), [Xte.rows, Xte.cols])));
    const out = Float64Array.from(pred.dataSync());
    pred.dispose();
    return out;
  } finally {
    opt.dispose();
    for (const t of [W1, b1, W2, b2, x, y]) t.dispose();
  }
}

/** F1 of one class; macro-F1 averages it over the classes present in the true labels. */
function f1(yTrue: Int32Array, yPred: Int32Array, cls: number): number {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yPred[i] === cls && yTrue[i] === cls) tp++;
    else if (yPred[i] === cls) fp++;
    else if (yTrue[i] === cls) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** ML efficacy of `synthetic` for predicting `target`, tested on the real rows `realTest`. */
export function mlEfficacy(synthetic: Table, realTest: Table, target: string, options: EfficacyOptions = {}): EfficacyResult {
  const meta = metadataFor(options.realTrain ?? realTest, options.metadata);
  const tm = meta.columns[target];
  if (!tm) throw new Error(`mlEfficacy: no column "${target}" in the metadata; columns are ${Object.keys(meta.columns).join(', ')}`);
  const kind = kindOf(tm);
  if (kind !== 'continuous' && kind !== 'discrete') throw new Error(`mlEfficacy: target "${target}" is ${tm.sdtype}; use a numerical, datetime, categorical or boolean column`);
  const maxRows = options.maxRows ?? 5000;
  const rng = Rng.from(options.seed ?? 0);
  const take = (t: Table, label: string) => t.take(subsample(t.numRows, maxRows, label));
  const test = take(realTest, 'efficacy-test');
  const trains: [string, Table][] = [['synthetic', take(synthetic, 'efficacy-synthetic')]];
  if (options.realTrain) trains.push(['real', take(options.realTrain, 'efficacy-real')]);
  const hidden = options.hidden ?? 32, epochs = options.epochs ?? 60;
  const results = new Map<string, Record<string, number>>();
  let task: EfficacyResult['task'] = 'regression';
  for (const [label, train] of trains) {
    const enc = fitFeatures(train, meta, target);
    const Xtr = encodeFeatures(enc, train, meta), Xte = encodeFeatures(enc, test, meta);
    const scores: Record<string, number> = {};
    if (kind === 'continuous') {
      const ytr = numbers(train, target, tm), yte = numbers(test, target, tm);
      const keepTr = rowsWhere(ytr), keepTe = rowsWhere(yte);
      const Xa = rowsOf(Xtr, keepTr), Xb = rowsOf(Xte, keepTe);
      const ya = Float64Array.from(keepTr, (i) => ytr[i]), yb = Float64Array.from(keepTe, (i) => yte[i]);
      scores.linear = r2Score(yb, new LinearRegression().fit(Xa, ya).predict(Xb));
      if (epochs > 0) {
        let m = 0, s = 0;
        for (const v of ya) m += v / ya.length;
        for (const v of ya) s += (v - m) ** 2 / ya.length;
        const sd = Math.sqrt(s) || 1;
        const pred = mlp(Xa, ya.map((v) => (v - m) / sd), 1, Xb, 'mse', hidden, epochs, rng.seedInt());
        scores.mlp = r2Score(yb, pred.map((v) => v * sd + m));
      }
    } else {
      const ctr = categories(train, target), cte = categories(test, target);
      const classes: Key[] = [...new Set(cte)];
      const index = new Map(classes.map((c, k) => [c, k] as const));
      const ytr = Int32Array.from(ctr, (c) => index.get(c) ?? -1), yte = Int32Array.from(cte, (c) => index.get(c)!);
      const K = classes.length;
      task = K <= 2 ? 'binary' : 'multiclass';
      // Binary: the positive class is the less frequent real class (F1 of the rare class, as usual).
      const counts = new Array<number>(K).fill(0);
      for (const v of yte) counts[v]++;
      const positive = K === 2 ? (counts[0] <= counts[1] ? 0 : 1) : -1;
      const score = (pred: Int32Array): number => {
        if (K <= 2) return f1(yte, pred, positive === -1 ? 0 : positive);
        let sum = 0;
        for (let c = 0; c < K; c++) sum += f1(yte, pred, c);
        return sum / K;
      };
      const logits = classes.map((_, c) => logisticScores(Xte, logisticFit(Xtr, Uint8Array.from(ytr, (v) => (v === c ? 1 : 0)))));
      scores.logistic = score(argmax(logits, Xte.rows));
      if (epochs > 0) {
        const onehot = new Float64Array(Xtr.rows * K);
        ytr.forEach((v, i) => { if (v >= 0) onehot[i * K + v] = 1; });
        const pred = mlp(Xtr, onehot, K, Xte, 'softmax', hidden, epochs, rng.seedInt());
        scores.mlp = score(argmax(classes.map((_, c) => Float64Array.from({ length: Xte.rows }, (__, i) => pred[i * K + c])), Xte.rows));
      }
    }
    results.set(label, scores);
  }
  const syn = results.get('synthetic')!, real = results.get('real');
  return {
    target, task, metric: task === 'regression' ? 'R²' : task === 'binary' ? 'F1' : 'macro-F1',
    scores: Object.keys(syn).map((model) => ({ model: model as EfficacyScore['model'], trainedOnSynthetic: syn[model], ...(real ? { trainedOnReal: real[model] } : {}) })),
    definition: DEFINITIONS.MLEfficacy,
  };
}

function argmax(scores: Float64Array[], n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) { let best = -Infinity; for (let c = 0; c < scores.length; c++) if (scores[c][i] > best) { best = scores[c][i]; out[i] = c; } }
  return out;
}

function rowsWhere(y: Float64Array): Int32Array {
  const keep: number[] = [];
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i])) keep.push(i);
  return Int32Array.from(keep);
}

function rowsOf(X: Matrix, rows: Int32Array): Matrix {
  const out = new Float64Array(rows.length * X.cols);
  rows.forEach((r, i) => out.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), i * X.cols));
  return new Matrix(out, rows.length, X.cols);
}
