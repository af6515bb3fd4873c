/**
 * Linear models fitted on generated data: ordinary least squares and ridge regression, both
 * with an intercept, as sklearn.linear_model's LinearRegression and Ridge (fit / predict /
 * score = R², coef, intercept).
 */
import { Matrix } from '../datasets/matrix';
import { cholesky, choleskySolve, columnMeans, crossProducts, pseudoSolve } from './linalg';

/** Targets: one per row (Float64Array) or several (a Matrix, nSamples × nTargets). */
export type Targets = Float64Array | readonly number[] | Matrix;

export interface LinearModelOptions {
  /** Fit an intercept (centre X and y first). Default true. */
  fitIntercept?: boolean;
}

function asMatrix(y: Targets, rows: number, who: string): Matrix {
  const m = y instanceof Matrix ? y : new Matrix(Float64Array.from(y), y.length, 1);
  if (m.rows !== rows) throw new RangeError(`${who}: X has ${rows} rows but y has ${m.rows}`);
  return m;
}

abstract class LinearModel {
  /** Coefficients, nFeatures values (nTargets × nFeatures row-major for several targets, as sklearn's coef_). */
  coef: Float64Array = new Float64Array(0);
  /** One intercept per target. */
  intercepts: Float64Array = new Float64Array(0);
  nFeatures = 0;
  nTargets = 0;
  protected readonly fitIntercept: boolean;

  constructor(options: LinearModelOptions) {
    this.fitIntercept = options.fitIntercept ?? true;
  }

  /** The intercept of the (first) target. */
  get intercept(): number {
    this.mustBeFitted('intercept');
    return this.intercepts[0];
  }

  /** Fits on X (nSamples × nFeatures) and y; returns this. */
  fit(X: Matrix, y: Targets): this {
    const name = this.constructor.name;
    const Y = asMatrix(y, X.rows, `${name}.fit`);
    if (X.rows === 0) throw new RangeError(`${name}.fit: X has no rows`);
    const p = X.cols, t = Y.cols;
    const mu = this.fitIntercept ? columnMeans(X) : new Float64Array(p);
    const nu = this.fitIntercept ? columnMeans(Y) : new Float64Array(t);
    const { xtx, xty } = crossProducts(X, mu, Y, nu);
    const w = this.solve(xtx, p, xty, t); // p × t
    this.coef = new Float64Array(t * p);
    this.intercepts = new Float64Array(t);
    for (let c = 0; c < t; c++) {
      let b = nu[c];
      for (let j = 0; j < p; j++) {
        this.coef[c * p + j] = w[j * t + c];
        b -= mu[j] * w[j * t + c];
      }
      this.intercepts[c] = b;
    }
    this.nFeatures = p;
    this.nTargets = t;
    return this;
  }

  /** Predictions, one per row (nSamples × nTargets row-major for several targets). */
  predict(X: Matrix): Float64Array {
    this.mustBeFitted('predict');
    if (X.cols !== this.nFeatures) {
      throw new RangeError(`${this.constructor.name}.predict: X has ${X.cols} columns; the model was fitted on ${this.nFeatures}`);
    }
    const p = this.nFeatures, t = this.nTargets;
    const out = new Float64Array(X.rows * t);
    const x = X.data;
    for (let i = 0; i < X.rows; i++) {
      for (let c = 0; c < t; c++) {
        let s = this.intercepts[c];
        for (let j = 0; j < p; j++) s += x[i * p + j] * this.coef[c * p + j];
        out[i * t + c] = s;
      }
    }
    return out;
  }

  /** R² of the predictions on X against y (averaged over targets, as sklearn). */
  score(X: Matrix, y: Targets): number {
    const Y = asMatrix(y, X.rows, `${this.constructor.name}.score`);
    return r2Score(Y, new Matrix(this.predict(X), X.rows, this.nTargets));
  }

  protected abstract solve(xtx: Float64Array, p: number, xty: Float64Array, t: number): Float64Array;

  private mustBeFitted(what: string): void {
    if (this.nTargets === 0) throw new Error(`${this.constructor.name}.${what}: call fit(X, y) first`);
  }
}

/**
 * Ordinary least squares (sklearn.linear_model.LinearRegression). Solved through the
 * pseudo-inverse of the centred Gram matrix, so collinear columns get the minimum-norm
 * solution (as numpy's lstsq) instead of an error.
 * @example const model = new LinearRegression().fit(X, y); model.score(X, y);
 */
export class LinearRegression extends LinearModel {
  constructor(options: LinearModelOptions = {}) {
    super(options);
  }

  protected solve(xtx: Float64Array, p: number, xty: Float64Array, t: number): Float64Array {
    return pseudoSolve(xtx, p, xty, t);
  }
}

/**
 * Ridge regression (sklearn.linear_model.Ridge): least squares + alpha·‖coef‖², the intercept
 * not penalised. Solved by Cholesky on XᵀX + alpha·I.
 * @example const model = new Ridge({ alpha: 1 }).fit(X, y);
 */
export class Ridge extends LinearModel {
  readonly alpha: number;

  constructor(options: LinearModelOptions & { alpha?: number } = {}) {
    super(options);
    const alpha = options.alpha ?? 1;
    if (!(typeof alpha === 'number' && alpha >= 0 && Number.isFinite(alpha))) {
      throw new RangeError(`Ridge: 'alpha' must be a real number in the range [0, inf); got ${alpha}.`);
    }
    this.alpha = alpha;
  }

  protected solve(xtx: Float64Array, p: number, xty: Float64Array, t: number): Float64Array {
    if (this.alpha === 0) return pseudoSolve(xtx, p, xty, t);
    const a = Float64Array.from(xtx);
    for (let j = 0; j < p; j++) a[j * p + j] += this.alpha;
    return choleskySolve(cholesky(a, p), p, xty, t);
  }
}

/**
 * Coefficient of determination R² = 1 − SS_res / SS_tot (sklearn.metrics.r2_score), averaged
 * over targets. A constant target scores 1 when predicted exactly, else 0 (sklearn's force_finite).
 */
export function r2Score(yTrue: Targets, yPred: Targets): number {
  const T = asMatrix(yTrue, yTrue instanceof Matrix ? yTrue.rows : yTrue.length, 'r2Score');
  const P = asMatrix(yPred, T.rows, 'r2Score');
  if (T.cols !== P.cols) throw new RangeError(`r2Score: yTrue has ${T.cols} targets but yPred has ${P.cols}`);
  if (T.rows === 0) throw new RangeError('r2Score: no samples');
  const means = columnMeans(T);
  let total = 0;
  for (let c = 0; c < T.cols; c++) {
    let res = 0, tot = 0;
    for (let i = 0; i < T.rows; i++) {
      const v = T.data[i * T.cols + c];
      res += (v - P.data[i * T.cols + c]) ** 2;
      tot += (v - means[c]) ** 2;
    }
    total += tot === 0 ? (res === 0 ? 1 : 0) : 1 - res / tot;
  }
  return total / T.cols;
}
