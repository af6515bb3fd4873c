import assert from 'node:assert/strict';
import { Rng } from '../../kernel-lib/src/random';
import {
  adjustedRandIndex, agglomerative, bestAccuracyThreshold, binaryReport, classificationReport, clusteringScores, equalErrorRate, gallerySplit,
  identification, kMeans, makeVerificationPairs, nmi, purity, pairwiseScores, rocAuc, tarAtFar, verificationProtocol,
} from '../../kernel-lib/src/metrics';

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf), for closed-form expectations. */
function phi(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

describe('metrics/roc', () => {
  it('AUC equals the share of (same, different) pairs ranked correctly', () => {
    // same scores {0.9, 0.8, 0.6}, different {0.7, 0.55, 0.5}: 8 of 9 pairs ordered correctly.
    assert.ok(Math.abs(rocAuc([0.9, 0.8, 0.7, 0.6, 0.55, 0.5], [true, true, false, true, false, false]) - 8 / 9) < 1e-12);
    assert.equal(rocAuc([1, 1], [true, false]), 0.5); // a tie counts one half
    assert.throws(() => rocAuc([1, 2], [true, true]), /both same and different/);
  });

  it('EER and TAR@FAR on separable and known-overlap scores', () => {
    assert.equal(equalErrorRate([3, 2, 1, 0], [true, true, false, false]), 0);
    const r = tarAtFar([0.9, 0.8, 0.7, 0.6, 0.55, 0.5], [true, true, false, true, false, false], 0);
    assert.deepEqual([r.tar, r.far], [2 / 3, 0]);
  });
});

describe('metrics/verification (LFW protocol)', () => {
  it('recovers the closed-form accuracy, AUC and EER of two unit-variance Gaussians', () => {
    // same ~ N(1, 1), different ~ N(0, 1): best threshold 0.5, accuracy Φ(0.5), AUC Φ(1/√2), EER 1 − Φ(0.5).
    const rng = new Rng(11);
    const labels: number[] = [];
    for (let id = 0; id < 200; id++) for (let k = 0; k < 3; k++) labels.push(id);
    const pairs = makeVerificationPairs(labels, { folds: 10, pairsPerFold: 1200, seed: rng.derive('pairs') });
    assert.equal(pairs.same.length, 12000);
    const noise = rng.derive('scores');
    const scores = pairs.same.map((s) => noise.normal(s ? 1 : 0, 1));
    const res = verificationProtocol(scores, pairs);
    assert.ok(Math.abs(res.accuracy.mean - phi(0.5)) < 0.015, `accuracy ${res.accuracy.mean} vs ${phi(0.5)}`);
    assert.ok(Math.abs(res.auc - phi(Math.SQRT1_2)) < 0.015, `auc ${res.auc}`);
    assert.ok(Math.abs(res.eer - (1 - phi(0.5))) < 0.015, `eer ${res.eer}`);
    for (const t of res.thresholds) assert.ok(Math.abs(t - 0.5) < 0.15, `fold threshold ${t}`);
    assert.equal(res.accuracy.perFold.length, 10);
  });

  it('best-accuracy threshold: plain counts pairs, balanced weighs same and different pairs equally', () => {
    // Same pairs at 0.9 and 0.4; different pairs at 0.6 and 0.5 above the lower same one, six below.
    const scores = [0.9, 0.4, 0.6, 0.5, 0.3, 0.2, 0.2, 0.1, 0.1, 0.0];
    const same = scores.map((_, i) => i < 2);
    const plain = bestAccuracyThreshold(scores, same);
    assert.equal(plain.threshold, 0.75, 'one same pair lost, every different pair right');
    assert.ok(Math.abs(plain.accuracy - 0.9) < 1e-12);
    const balanced = bestAccuracyThreshold(scores, same, { balanced: true });
    assert.equal(balanced.threshold, 0.35, 'both same pairs in, two different pairs in with them');
    assert.ok(Math.abs(balanced.accuracy - (1 + 6 / 8) / 2) < 1e-12, `mean of TPR and TNR, got ${balanced.accuracy}`);
  });

  it('makes identity-disjoint folds, and refuses too few identities', () => {
    const labels = Array.from({ length: 120 }, (_, i) => Math.floor(i / 4));
    const p = makeVerificationPairs(labels, { folds: 10, pairsPerFold: 20, seed: 1 });
    const foldOf = new Map<number, number>();
    for (let i = 0; i < p.a.length; i++) for (const img of [p.a[i], p.b[i]]) {
      const id = labels[img];
      if (foldOf.has(id)) assert.equal(foldOf.get(id), p.fold[i], `identity ${id} appears in two folds`);
      foldOf.set(id, p.fold[i]);
      if (p.same[i]) { assert.equal(labels[p.a[i]], labels[p.b[i]]); assert.notEqual(p.a[i], p.b[i]); } else assert.notEqual(labels[p.a[i]], labels[p.b[i]]);
    }
    assert.throws(() => makeVerificationPairs([0, 0, 1, 1], { folds: 10 }), /2 identities for 10 folds/);
  });
});

describe('metrics/identification', () => {
  it('computes the CMC curve on a hand-made gallery', () => {
    // 1-D embeddings: gallery identities at 0, 10, 20; probes near them, one ambiguous.
    const gallery = { embeddings: Float32Array.from([0, 10, 20]), labels: [0, 1, 2] };
    const probe = { embeddings: Float32Array.from([1, 11, 14, 19]), labels: [0, 1, 2, 0] };
    const r = identification(gallery, probe, 1, 3);
    // ranks: probe0 → 1; probe1 → 1; probe2 (14, true 20): 10 is closer → 2; probe3 (19, true 0): 20, 10 closer → 3.
    assert.deepEqual(r.cmc, [0.5, 0.75, 1]);
    assert.equal(r.rank1, 0.5);
    assert.throws(() => identification(gallery, { embeddings: Float32Array.from([0]), labels: [7] }, 1), /identity 7, which is not in the gallery/);
  });

  it('splits gallery and probes per identity', () => {
    const labels = [0, 0, 0, 1, 1, 2, 2, 2, 2];
    const { gallery, probe } = gallerySplit(labels, { seed: 3 });
    assert.deepEqual(Array.from(gallery, (i) => labels[i]), [0, 1, 2]);
    assert.equal(probe.length, 6);
    assert.throws(() => gallerySplit([0, 1, 1]), /identity 0 has 1 image/);
  });
});

describe('metrics/clustering', () => {
  const truth = [0, 0, 0, 1, 1, 1, 2, 2];
  const pred = [0, 0, 1, 1, 2, 2, 2, 0];

  it('matches hand-computed ARI, purity and pairwise scores', () => {
    // Σ C(n_ij,2) = 2; Σ C(a_i,2) = 7; Σ C(b_j,2) = 7; C(8,2) = 28 → ARI = (2 − 1.75)/(7 − 1.75).
    assert.ok(Math.abs(adjustedRandIndex(truth, pred) - 0.25 / 5.25) < 1e-12);
    assert.equal(purity(truth, pred), 5 / 8);
    const pw = pairwiseScores(truth, pred);
    assert.ok(Math.abs(pw.precision - 2 / 7) < 1e-12 && Math.abs(pw.recall - 2 / 7) < 1e-12);
    // NMI: mutual information over the mean of the two entropies (value cross-checked with scikit-learn).
    assert.ok(Math.abs(nmi(truth, pred) - 0.3987478202411473) < 1e-9);
    const perfect = clusteringScores(truth, [5, 5, 5, 9, 9, 9, 1, 1]);
    assert.deepEqual([perfect.nmi, perfect.ari, perfect.purity, perfect.pairwise.f1].map((v) => Number(v.toFixed(12))), [1, 1, 1, 1]);
  });

  it('k-means and agglomerative recover well separated blobs', () => {
    const rng = new Rng(5);
    const n = 90, dim = 4, data = new Float64Array(n * dim), labels: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      labels.push(c);
      for (let d = 0; d < dim; d++) data[i * dim + d] = (d === c ? 10 : 0) + rng.normal(0, 0.5);
    }
    assert.equal(clusteringScores(labels, kMeans(data, n, dim, 3, { seed: 1 }).labels).ari, 1);
    assert.equal(clusteringScores(labels, agglomerative(data, n, dim, 3)).ari, 1);
    const a = kMeans(data, n, dim, 3, { seed: 9 }), b = kMeans(data, n, dim, 3, { seed: 9 });
    assert.deepEqual(a.labels, b.labels);
    assert.throws(() => kMeans(data, n, dim, 0), /k must be in 1\.\.90/);
  });
});

describe('metrics/classification', () => {
  it('reports macro and micro metrics with their stated identities', () => {
    const yTrue = [0, 0, 0, 1, 1, 2, 2, 2, 2, 1];
    const yPred = [0, 1, 0, 1, 2, 2, 2, 0, 2, 1];
    const r = classificationReport(yTrue, yPred);
    assert.equal(r.accuracy, 7 / 10);
    // Class 0: TP 2, FP 1 (a 2 predicted 0), FN 1 → P = R = 2/3; TN = 10 − 4 = 6 → specificity 6/7.
    assert.ok(Math.abs(r.perClass[0].precision - 2 / 3) < 1e-12 && Math.abs(r.perClass[0].specificity - 6 / 7) < 1e-12);
    assert.ok(Math.abs(r.micro.precision - r.accuracy) < 1e-12 && Math.abs(r.micro.recall - r.accuracy) < 1e-12 && Math.abs(r.micro.f1 - r.accuracy) < 1e-12);
    assert.notEqual(r.micro.specificity, r.accuracy); // 3 classes: micro specificity differs
    const two = classificationReport([0, 1, 1, 0, 1], [0, 1, 0, 0, 1]);
    assert.ok(Math.abs(two.micro.specificity - two.accuracy) < 1e-12); // 2 classes: it equals them
    const b = binaryReport([true, true, false, false], [true, false, true, false]);
    assert.deepEqual([b.precision, b.recall, b.specificity, b.accuracy], [0.5, 0.5, 0.5, 0.5]);
    assert.throws(() => classificationReport([0, 1], [0]), /2 true labels but 1 predictions/);
  });
});
