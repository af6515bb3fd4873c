import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as tf from '../../kernel-lib/src/tf';
import { Matrix } from '../../kernel-lib/src/datasets/matrix';
import { Rng } from '../../kernel-lib/src/random';
import {
  fidScore, frechetDistance, gaussianStats, kidScore, precisionRecall, diversity, memorisation, topHessianEigenvalue,
  generativeReport, extractFeatures, pixelFeatures, type GaussianStats,
} from '../../kernel-lib/src/metrics/generative';
import { useCpu } from '../models/helpers';

/** n samples of N(mean, diag(std²)) rotated by the fixed orthogonal matrix `rot` (d × d) when given. */
function gaussian(n: number, mean: number[], std: number[], seed: number, rot?: number[][]): Matrix {
  const rng = new Rng(seed), d = mean.length, data = new Float64Array(n * d);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) z[j] = rng.normal() * std[j];
    for (let j = 0; j < d; j++) {
      let v = 0;
      for (let k = 0; k < d; k++) v += (rot ? rot[j][k] : j === k ? 1 : 0) * z[k];
      data[i * d + j] = mean[j] + v;
    }
  }
  return new Matrix(data, n, d);
}

function stats(mean: number[], cov: number[][]): GaussianStats {
  return { mean: Float64Array.from(mean), cov: Float64Array.from(cov.flat()), dim: mean.length, count: 1000 };
}

const ROT = (() => { // a 3-d rotation
  const c = Math.cos(0.7), s = Math.sin(0.7);
  return [[c, -s, 0], [s * 0.6, c * 0.6, -0.8], [s * 0.8, c * 0.8, 0.6]];
})();

describe('metrics: generative', () => {
  before(useCpu);

  it('FID of a set with itself is 0; closed-form Gaussian answers', () => {
    const x = gaussian(300, [1, -2, 0.5], [1, 2, 0.3], 1, ROT);
    assert.ok(fidScore(x, x).fid < 1e-8);
    const g = gaussianStats([[0, 1], [2, 1], [4, 4]]);
    assert.deepEqual(Array.from(g.mean), [2, 2]);
    assert.deepEqual(Array.from(g.cov), [4, 3, 3, 3]); // unbiased (N − 1), as numpy.cov
    // Commuting covariances: FID = ‖Δμ‖² + Σ(√a − √b)².
    const a = stats([0, 0, 0], [[4, 0, 0], [0, 1, 0], [0, 0, 9]]);
    const b = stats([1, 2, 0], [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    assert.ok(Math.abs(frechetDistance(a, b) - (5 + 1 + 0 + 4)) < 1e-9);
    // Non-commuting 2-d case: Tr√(Σ1Σ2) = √(Tr M + 2√det M) for 2×2 M = Σ1Σ2 with real positive eigenvalues.
    const s1 = [[2, 1], [1, 2]], s2 = [[1, 0], [0, 3]];
    const m = [[2, 3], [1, 6]]; // Σ1Σ2
    const trSqrt = Math.sqrt(m[0][0] + m[1][1] + 2 * Math.sqrt(m[0][0] * m[1][1] - m[0][1] * m[1][0]));
    const expected = 4 + 4 - 2 * trSqrt;
    assert.ok(Math.abs(frechetDistance(stats([0, 0], s1), stats([0, 0], s2)) - expected) < 1e-9);
  });

  it('FID from samples approaches the population value', () => {
    const x = gaussian(6000, [0, 0, 0], [1, 1, 1], 2), y = gaussian(6000, [0.5, 0, 0], [2, 1, 1], 3);
    const { fid } = fidScore(x, y);
    assert.ok(Math.abs(fid - (0.25 + 1)) < 0.1, `FID ${fid} vs 1.25`);
  });

  it('FID matches the pytorch-fid formula (scipy sqrtm) of the peer', function () {
    if (!existsSync('/usr/bin/python3')) this.skip();
    try { execFileSync('/usr/bin/python3', ['-c', 'import scipy, numpy']); } catch { this.skip(); }
    const rng = new Rng(5);
    const rows = (n: number, shift: number) => Array.from({ length: n }, () => Array.from({ length: 12 }, (_, j) => Math.max(0, rng.normal() + shift + 0.1 * j)));
    const a = rows(150, 0.3), b = rows(120, 0.35);
    const py = `
import sys, json, numpy as np
from scipy import linalg
d = json.load(sys.stdin); A = np.array(d['a']); B = np.array(d['b'])
mu1, s1, mu2, s2 = A.mean(0), np.cov(A, rowvar=False), B.mean(0), np.cov(B, rowvar=False)
covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
covmean = covmean.real
diff = mu1 - mu2
print(json.dumps(float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))))`;
    const peer = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py], { input: JSON.stringify({ a, b }) }).toString()) as number;
    const ours = fidScore(a, b).fid;
    assert.ok(Math.abs(ours - peer) < 1e-8 * Math.max(1, peer), `ours ${ours}, scipy ${peer}`);
  });

  it('warns when there are no more samples than feature dimensions', () => {
    const warnings: string[] = [];
    const x = gaussian(5, [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1], 1), y = gaussian(50, [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1], 2);
    const r = fidScore(x, y, { onWarning: (w) => warnings.push(w) });
    assert.equal(r.warnings.length, 1);
    assert.match(warnings[0], /5 real samples for 6-dimensional features/);
  });

  it('KID: ≈ 0 on equal distributions (unbiased), clearly positive on shifted ones', () => {
    const d = [0, 0, 0, 0], s = [1, 1, 1, 1];
    const x = gaussian(3000, d, s, 10), y = gaussian(3000, d, s, 11);
    const same = kidScore(x, y, { subsets: 60, subsetSize: 100, seed: 1 });
    const shifted = kidScore(x, gaussian(3000, [0.5, 0, 0, 0], s, 12), { subsets: 60, subsetSize: 100, seed: 1 });
    // The biased estimator (diagonal included) sits near 2·E[k(x,x)]/m, far outside this bound.
    const bound = 3 * same.std / Math.sqrt(60);
    assert.ok(Math.abs(same.mean) < bound, `KID same: ${same.mean} ± ${same.std}`);
    assert.ok(shifted.mean > 5 * bound, `KID shifted ${shifted.mean}, bound ${bound}`);
    assert.equal(same.values.length, 60);
  });

  it('precision/recall (k = 3): same distribution high; a collapsed generator keeps precision, loses recall', () => {
    const real = gaussian(400, [0, 0], [1, 1], 20);
    const same = precisionRecall(real, gaussian(400, [0, 0], [1, 1], 21));
    assert.ok(same.precision > 0.85 && same.recall > 0.85, JSON.stringify(same));
    const collapsed = precisionRecall(real, gaussian(400, [0.5, 0.5], [0.05, 0.05], 22));
    assert.ok(collapsed.precision > 0.95 && collapsed.recall < 0.2, JSON.stringify(collapsed));
    const far = precisionRecall(real, gaussian(400, [8, 8], [1, 1], 23));
    assert.ok(far.precision < 0.02 && far.recall < 0.02, JSON.stringify(far));
  });

  it('diversity and memorisation flag collapse and copies', () => {
    const real = gaussian(200, [0, 0, 0], [1, 1, 1], 30);
    assert.ok(diversity(real, gaussian(200, [0, 0, 0], [0.1, 0.1, 0.1], 31)).ratio < 0.2);
    assert.ok(Math.abs(diversity(real, gaussian(200, [0, 0, 0], [1, 1, 1], 32)).ratio - 1) < 0.1);
    const rng = new Rng(3);
    const copies = new Matrix(real.data.map((v) => v + 0.001 * rng.normal()), real.rows, real.cols);
    const m = memorisation(real, copies);
    assert.equal(m.closeFraction, 1);
    assert.deepEqual(Array.from(m.nearestIndex.slice(0, 5)), [0, 1, 2, 3, 4]);
    assert.ok(memorisation(real, gaussian(200, [0, 0, 0], [1, 1, 1], 33)).closeFraction < 0.4);
  });

  it('the Hessian power iteration finds the top eigenvalue of a quadratic and restores the variables', () => {
    const w = tf.variable(tf.tensor1d([0.3, -1, 2]), true, `hess_${Date.now()}`);
    const diag = tf.tensor1d([1, 5, 2]);
    const lambda = topHessianEigenvalue(() => tf.mul(0.5, tf.sum(tf.mul(diag, tf.square(w)))) as tf.Scalar, [w], { iterations: 30, seed: 1 });
    assert.ok(Math.abs(lambda - 5) < 0.05, `λ = ${lambda}`);
    assert.deepEqual(Array.from(w.dataSync()), Array.from(new Float32Array([0.3, -1, 2])));
    tf.dispose([w, diag]);
  });

  it('features from images in batches; a report with every metric', async () => {
    const imgs = tf.randomUniform([10, 8, 8, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
    const n0 = tf.memory().numTensors;
    const f = await extractFeatures(imgs, pixelFeatures(4), 3);
    assert.equal(tf.memory().numTensors, n0);
    assert.deepEqual(f.shape, [10, 48]);
    imgs.dispose();
    const r = generativeReport(gaussian(60, [0, 0], [1, 1], 1), gaussian(50, [0.2, 0], [1, 1], 2), { kidSubsets: 10 });
    assert.ok(r.fid > 0 && Number.isFinite(r.kid.mean) && r.precision > 0 && r.recall > 0 && r.warnings.length === 0);
  });
});
