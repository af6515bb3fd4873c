import assert from 'node:assert/strict';
import { makeBlobs, makeCircles, makeMoons } from '../../kernel-lib/src/datasets/clusters';
import { Matrix } from '../../kernel-lib/src/datasets/matrix';
import { counts, mean, std } from './helpers';

describe('datasets/makeBlobs', () => {
  it('clusters have their centre as mean and clusterStd as standard deviation', () => {
    const clusterStd = [0.5, 1, 2.5];
    const { X, y, centers } = makeBlobs({ nSamples: 30000, nFeatures: 4, centers: 3, clusterStd, randomState: 1 });
    assert.deepEqual(X.shape, [30000, 4]);
    assert.deepEqual(centers.shape, [3, 4]);
    assert.ok(centers.data.every((v) => v >= -10 && v < 10));
    assert.deepEqual(counts(y, 3), [10000, 10000, 10000]);
    for (let k = 0; k < 3; k++) {
      const rows = Array.from(y.keys()).filter((i) => y[i] === k);
      for (let j = 0; j < 4; j++) {
        const col = rows.map((i) => X.get(i, j));
        // Standard error of the mean: σ/√10000 = σ/100; of the std: σ/√20000.
        assert.ok(Math.abs(mean(col) - centers.get(k, j)) < 5 * clusterStd[k] / 100, `cluster ${k} column ${j} mean`);
        assert.ok(Math.abs(std(col) / clusterStd[k] - 1) < 5 / Math.sqrt(20000), `cluster ${k} column ${j} std ${std(col)}`);
      }
    }
  });

  it('splits nSamples over centres as sklearn (first ones get the remainder) and shuffles rows', () => {
    const { y } = makeBlobs({ nSamples: 11, centers: 3, randomState: 2 });
    assert.deepEqual(counts(y, 3), [4, 4, 3]);
    const ordered = makeBlobs({ nSamples: 11, centers: 3, shuffle: false, randomState: 2 });
    assert.deepEqual(Array.from(ordered.y), [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
    const big = makeBlobs({ nSamples: 1000, centers: 2, randomState: 2 });
    assert.ok(big.y.slice(0, 500).some((v) => v === 1), 'shuffled rows mix clusters');
  });

  it('takes rows per centre and given centre coordinates', () => {
    const centers = [[0, 0, 0], [100, 100, 100]];
    const { X, y } = makeBlobs({ nSamples: [5, 20], centers, clusterStd: 0, randomState: 3 });
    assert.deepEqual(X.shape, [25, 3]);
    assert.deepEqual(counts(y, 2), [5, 20]);
    for (let i = 0; i < 25; i++) assert.deepEqual(Array.from(X.row(i)), centers[y[i]]);
    const fromMatrix = makeBlobs({ nSamples: 10, centers: Matrix.fromArray(centers), randomState: 3 });
    assert.deepEqual(fromMatrix.centers.toArray(), centers);
    assert.equal(makeBlobs({ nSamples: [1, 2, 3, 4], randomState: 3 }).centers.rows, 4);
    const box = makeBlobs({ centers: 50, centerBox: [5, 6], randomState: 3 });
    assert.ok(box.centers.data.every((v) => v >= 5 && v < 6));
  });

  it('refuses inconsistent parameters as sklearn does', () => {
    assert.throws(() => makeBlobs({ nSamples: [10, 10], centers: [[0, 0]] }), /makeBlobs: nSamples lists 2 clusters but centers has 1 rows/);
    assert.throws(() => makeBlobs({ nSamples: [10, 10], centers: 2 }), /'centers' must be coordinates \(or null\) when nSamples is a list/);
    assert.throws(() => makeBlobs({ centers: 3, clusterStd: [1, 2] }), /clusterStd has 2 values for 3 centers/);
    assert.throws(() => makeBlobs({ clusterStd: -1 }), /'clusterStd' must be a real number in the range \[0, inf\)/);
    assert.throws(() => makeBlobs({ nSamples: 0 }), /'nSamples' must be an integer in the range \[1, inf\)/);
    assert.throws(() => makeBlobs({ centers: 0 }), /'centers' must be an integer in the range \[1, inf\)/);
    assert.throws(() => makeBlobs({ centers: [[0, 0], [1]] }), /row 1 has 1 values; row 0 has 2/);
  });
});

describe('datasets/makeMoons and makeCircles', () => {
  it('makeCircles puts class 0 on the unit circle and class 1 on radius factor', () => {
    const { X, y } = makeCircles({ nSamples: 101, factor: 0.3, randomState: 4 });
    assert.deepEqual(X.shape, [101, 2]);
    assert.deepEqual(counts(y, 2), [50, 51]);
    for (let i = 0; i < 101; i++) assert.ok(Math.abs(Math.hypot(X.get(i, 0), X.get(i, 1)) - (y[i] === 0 ? 1 : 0.3)) < 1e-12);
    const noisy = makeCircles({ nSamples: 20000, noise: 0.1, randomState: 5 });
    const r = Array.from({ length: 20000 }, (_, i) => Math.hypot(noisy.X.get(i, 0), noisy.X.get(i, 1)) - (noisy.y[i] === 0 ? 1 : 0.8));
    assert.ok(Math.abs(std(r) - 0.1) < 0.005);
  });

  it('makeMoons draws two interleaved half circles, sizes as given', () => {
    const { X, y } = makeMoons({ nSamples: [30, 10], shuffle: false, randomState: 6 });
    assert.deepEqual(counts(y, 2), [30, 10]);
    for (let i = 0; i < 40; i++) {
      const [a, b] = [X.get(i, 0), X.get(i, 1)];
      if (y[i] === 0) assert.ok(Math.abs(Math.hypot(a, b) - 1) < 1e-12 && b >= -1e-12);
      else assert.ok(Math.abs(Math.hypot(a - 1, b - 0.5) - 1) < 1e-12 && b <= 0.5 + 1e-12);
    }
    // np.linspace includes both ends: the first outer point is (1, 0), the last (−1, 0).
    assert.ok(Math.abs(X.get(0, 0) - 1) < 1e-12 && Math.abs(X.get(29, 0) + 1) < 1e-12);
  });

  it('refuses bad sizes, noise and factor', () => {
    assert.throws(() => makeCircles({ factor: 1 }), /makeCircles: 'factor' must be a real number in the range \[0, 1\); got 1/);
    assert.throws(() => makeMoons({ noise: -0.1 }), /makeMoons: 'noise' must be a real number in the range \[0, inf\)/);
    assert.throws(() => makeMoons({ nSamples: [1, 2, 3] as unknown as [number, number] }), /two-element \[outer, inner\]; got 3 elements/);
  });
});
