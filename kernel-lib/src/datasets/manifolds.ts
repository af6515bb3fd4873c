/** 3-D manifolds for embedding demos: sklearn's make_s_curve and make_swiss_roll. */
import { Rng } from '../random';
import { Matrix } from './matrix';
import type { RandomState } from './types';
import { checkInt, checkReal } from './validate';

export interface ManifoldOptions {
  /** Points on the manifold. Default 100. */
  nSamples?: number;
  /** Standard deviation of Gaussian noise on the coordinates. Default 0. */
  noise?: number;
  randomState?: RandomState;
}

/** Points and their position `t` along the manifold's main dimension. */
export interface ManifoldSet {
  /** nSamples × 3. */
  X: Matrix;
  t: Float64Array;
}

/**
 * An S-shaped surface (sklearn.datasets.make_s_curve): t ~ U(−3π/2, 3π/2),
 * (sin t, 2·U(0,1), sign(t)(cos t − 1)) + noise.
 * @example const { X, t } = makeSCurve({ nSamples: 500, noise: 0.05, randomState: 0 });
 */
export function makeSCurve(options: ManifoldOptions = {}): ManifoldSet {
  const FN = 'makeSCurve';
  const n = checkInt(FN, 'nSamples', options.nSamples ?? 100, 1);
  const noise = checkReal(FN, 'noise', options.noise ?? 0, 0, null, 'left');
  const rng = Rng.from(options.randomState);
  const t = rng.fillUniform(new Float64Array(n), -1.5 * Math.PI, 1.5 * Math.PI);
  const x = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    x[3 * i] = Math.sin(t[i]);
    x[3 * i + 1] = 2 * rng.float();
    x[3 * i + 2] = Math.sign(t[i]) * (Math.cos(t[i]) - 1);
  }
  addNoise(rng, x, noise);
  return { X: new Matrix(x, n, 3), t };
}

/**
 * A swiss roll (sklearn.datasets.make_swiss_roll, after Marsland): t ~ U(3π/2, 9π/2),
 * (t cos t, 21·U(0,1), t sin t) + noise. With `hole`, the centre patch of the 3 × 3 grid of
 * (t, height) cells is left empty.
 * @example const { X, t } = makeSwissRoll({ nSamples: 1000, hole: true, randomState: 0 });
 */
export function makeSwissRoll(options: ManifoldOptions & { hole?: boolean } = {}): ManifoldSet {
  const FN = 'makeSwissRoll';
  const n = checkInt(FN, 'nSamples', options.nSamples ?? 100, 1);
  const noise = checkReal(FN, 'noise', options.noise ?? 0, 0, null, 'left');
  const rng = Rng.from(options.randomState);
  const t = new Float64Array(n);
  const h = new Float64Array(n);
  if (!options.hole) {
    for (let i = 0; i < n; i++) t[i] = 1.5 * Math.PI * (1 + 2 * rng.float());
    for (let i = 0; i < n; i++) h[i] = 21 * rng.float();
  } else {
    // The 8 cells of a 3 × 3 grid over (t, height) other than the centre one.
    const corners: [number, number][] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (i !== 1 || j !== 1) corners.push([Math.PI * (1.5 + i), 7 * j]);
    for (let i = 0; i < n; i++) {
      const [ct, ch] = corners[rng.int(8)];
      t[i] = ct + Math.PI * rng.float();
      h[i] = ch + 7 * rng.float();
    }
  }
  const x = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    x[3 * i] = t[i] * Math.cos(t[i]);
    x[3 * i + 1] = h[i];
    x[3 * i + 2] = t[i] * Math.sin(t[i]);
  }
  addNoise(rng, x, noise);
  return { X: new Matrix(x, n, 3), t };
}

function addNoise(rng: Rng, x: Float64Array, noise: number): void {
  if (noise === 0) return;
  const e = rng.fillNormal(new Float64Array(x.length), 0, noise);
  for (let i = 0; i < x.length; i++) x[i] += e[i];
}
