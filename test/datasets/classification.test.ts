import assert from 'node:assert/strict';
import { makeClassification } from '../../kernel-lib/src/datasets/classification';
import { anovaF, counts, maxAbsDiff } from './helpers';

describe('datasets/makeClassification', () => {
  it('has the requested shape and a partition of the columns into informative/redundant/repeated/useless', () => {
    const s = makeClassification({ nSamples: 300, nFeatures: 15, nInformative: 4, nRedundant: 3, nRepeated: 2, randomState: 1 });
    assert.deepEqual(s.X.shape, [300, 15]);
    assert.equal(s.y.length, 300);
    const all = [...s.informative, ...s.redundant, ...s.repeated, ...s.useless].sort((a, b) => a - b);
    assert.deepEqual(all, Array.from({ length: 15 }, (_, j) => j));
    assert.deepEqual([s.informative.length, s.redundant.length, s.repeated.length, s.useless.length], [4, 3, 2, 6]);
    assert.deepEqual(s.centroids.shape, [4, 4]);
  });

  it('without shuffle keeps sklearn’s column order and cluster-ordered rows', () => {
    const s = makeClassification({ nSamples: 40, nFeatures: 8, nInformative: 3, nRedundant: 2, nRepeated: 1, nClustersPerClass: 1, flipY: 0, shuffle: false, randomState: 2 });
    assert.deepEqual(s.informative, [0, 1, 2]);
    assert.deepEqual(s.redundant, [3, 4]);
    assert.deepEqual(s.repeated, [5]);
    assert.deepEqual(s.useless, [6, 7]);
    assert.deepEqual(Array.from(s.y), [...new Array<number>(20).fill(0), ...new Array<number>(20).fill(1)]);
  });

  it('is reproducible from its seed, and differs between seeds', () => {
    const a = makeClassification({ nSamples: 200, randomState: 'seed' });
    const b = makeClassification({ nSamples: 200, randomState: 'seed' });
    const c = makeClassification({ nSamples: 200, randomState: 'other' });
    assert.deepEqual(a.X.data, b.X.data);
    assert.deepEqual(a.y, b.y);
    assert.ok(maxAbsDiff(a.X.data, c.X.data) > 0.1);
  });

  it('places clusters on distinct hypercube vertices ±classSep', () => {
    const s = makeClassification({ nSamples: 100, nInformative: 5, nClasses: 4, nClustersPerClass: 3, classSep: 2.5, randomState: 3 });
    const rows = s.centroids.toArray();
    for (const r of rows) for (const v of r) assert.ok(v === 2.5 || v === -2.5);
    assert.equal(new Set(rows.map((r) => r.join())).size, 12);
  });

  it('class proportions follow weights (sklearn’s rounding within nClusters rows of n·w)', () => {
    const n = 20000;
    const s = makeClassification({ nSamples: n, nClasses: 3, nInformative: 3, weights: [0.7, 0.2], flipY: 0, randomState: 4 });
    const c = counts(s.y, 3);
    [0.7, 0.2, 0.1].forEach((w, k) => assert.ok(Math.abs(c[k] - n * w) <= 6, `class ${k}: ${c[k]} vs ${n * w}`));
    assert.deepEqual(s.classCounts, c);
  });

  it('exactCounts gives n·w rounded to integers summing to n, however the clusters split', () => {
    const s = makeClassification({ nSamples: 1001, nClasses: 3, nInformative: 3, nClustersPerClass: 2, weights: [0.5, 0.3, 0.2], flipY: 0, exactCounts: true, randomState: 5 });
    assert.deepEqual(counts(s.y, 3), [501, 300, 200]);
  });

  it('flips a flipY fraction of labels; sklearn’s way keeps 1/nClasses of them, flipAlwaysChanges none', () => {
    const n = 40000, flipY = 0.2, k = 4;
    const base = { nSamples: n, nClasses: k, nInformative: 3, nClustersPerClass: 1, flipY, randomState: 6 };
    const plain = makeClassification({ ...base, flipY: 0 });
    const sk = makeClassification(base);
    const always = makeClassification({ ...base, flipAlwaysChanges: true });
    const sigma = Math.sqrt(n * flipY * (1 - flipY));
    for (const s of [sk, always]) {
      const flipped = s.flipped.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(flipped - n * flipY) < 5 * sigma, `flipped ${flipped}`);
    }
    // Same seed, same draws before flipping: the pre-flip labels are the unflipped set's.
    const changed = (s: typeof sk) => s.y.reduce((a, v, i) => a + (v !== plain.y[i] ? 1 : 0), 0);
    const expected = n * flipY * (1 - 1 / k);
    assert.ok(Math.abs(changed(sk) - expected) < 5 * Math.sqrt(expected), `sklearn-style changed ${changed(sk)}`);
    assert.equal(changed(always), always.flipped.reduce((a, b) => a + b, 0));
    for (let i = 0; i < n; i++) if (!always.flipped[i]) assert.equal(always.y[i], plain.y[i]);
  });

  it('informative columns carry class signal and useless columns do not (per-column ANOVA F)', () => {
    const k = 3;
    const s = makeClassification({ nSamples: 6000, nFeatures: 20, nInformative: 4, nRedundant: 2, nClasses: k, nClustersPerClass: 1, flipY: 0, randomState: 7 });
    const F = (cols: number[]) => cols.map((c) => anovaF(s.X, c, s.y, k));
    // F(2, ∞) exceeds 10 with probability 4.5e-5.
    for (const f of F(s.useless)) assert.ok(f < 10, `useless column F = ${f}`);
    assert.ok(Math.max(...F(s.informative)) > 500);
    const meanF = (fs: number[]) => fs.reduce((a, b) => a + b, 0) / fs.length;
    assert.ok(meanF(F(s.informative)) > 50 * meanF(F(s.useless)));
  });

  it('redundant columns are exact linear combinations of the informative ones; repeated columns exact copies', () => {
    const s = makeClassification({ nSamples: 500, nFeatures: 12, nInformative: 4, nRedundant: 3, nRepeated: 3, randomState: 8 });
    const W = s.redundantWeights;
    for (let r = 0; r < s.redundant.length; r++) {
      const built = Array.from({ length: s.X.rows }, (_, i) => s.informative.reduce((acc, c, a) => acc + s.X.get(i, c) * W.get(a, r), 0));
      assert.ok(maxAbsDiff(built, s.X.column(s.redundant[r])) < 1e-10);
    }
    s.repeated.forEach((col, j) => assert.deepEqual(s.X.column(col), s.X.column(s.repeatedFrom[j])));
    assert.ok(s.repeatedFrom.every((c) => s.informative.includes(c) || s.redundant.includes(c)));
  });

  it('shift and scale: null draws per-column values (shift in ±classSep, scale in [1, 101]); arrays apply as given', () => {
    const s = makeClassification({ nSamples: 50, nFeatures: 6, shift: null, scale: null, classSep: 2, randomState: 9 });
    assert.ok(s.shift.every((v) => v >= -2 && v <= 2) && s.scale.every((v) => v >= 1 && v <= 101));
    const base = makeClassification({ nSamples: 50, nFeatures: 3, nInformative: 2, nRedundant: 0, shuffle: false, randomState: 10 });
    const moved = makeClassification({ nSamples: 50, nFeatures: 3, nInformative: 2, nRedundant: 0, shuffle: false, shift: [1, 2, 3], scale: [2, 2, 2], randomState: 10 });
    for (let i = 0; i < 50; i++) for (let j = 0; j < 3; j++) assert.ok(Math.abs(moved.X.get(i, j) - (base.X.get(i, j) + j + 1) * 2) < 1e-12);
  });

  it('refuses what sklearn refuses, naming the parameter', () => {
    const bad: [object, RegExp][] = [
      [{ nFeatures: 5, nInformative: 3, nRedundant: 2, nRepeated: 1 }, /nInformative \(3\) \+ nRedundant \(2\) \+ nRepeated \(1\) must not exceed nFeatures \(5\)/],
      [{ nInformative: 2, nClasses: 3, nClustersPerClass: 2 }, /nClasses \(3\) · nClustersPerClass \(2\) must be ≤ 2\^nInformative \(2\^2 = 4\)/],
      [{ weights: [0.2, 0.3, 0.5] }, /weights has 3 values but nClasses is 2/],
      [{ weights: [1.2] }, /weights must be ≥ 0; class 1 gets -0\.19/],
      [{ flipY: 1.5 }, /'flipY' must be a real number in the range \[0, 1\]; got 1\.5/],
      [{ classSep: 0 }, /'classSep' must be a real number in the range \(0, inf\); got 0/],
      [{ nSamples: 0 }, /'nSamples' must be an integer in the range \[1, inf\); got 0/],
      [{ nFeatures: 2.5 }, /'nFeatures' must be an integer/],
      [{ nRedundant: -1 }, /'nRedundant' must be an integer in the range \[0, inf\)/],
      [{ scale: 0 }, /'scale' must be a real number in the range \(0, inf\)/],
      [{ shift: [1, 2] }, /'shift' must have 20 values; got 2/],
      [{ weights: [0, 0], exactCounts: true }, /exactCounts needs weights with a positive sum; got \[0, 0\]/],
    ];
    for (const [options, message] of bad) assert.throws(() => makeClassification(options), message, JSON.stringify(options));
    assert.throws(() => makeClassification({ nInformative: 0 }), /^RangeError: makeClassification: 'nInformative'/);
  });
});
