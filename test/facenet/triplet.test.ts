import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { PkSampler } from '../../kernel-lib/src/facenet/sampler';
import { tripletLoss, type Mining } from '../../kernel-lib/src/facenet/triplet';

// Points a0 (0,0), a1 (1,0) of identity 0 and b0 (0,1), b1 (3,0) of identity 1. Squared distances:
// a0a1 1, a0b0 1, a0b1 9, a1b0 2, a1b1 4, b0b1 10. Expected losses worked by hand (margin 0.2):
// batch-hard: anchors a0 .2, a1 0, b0 10−1+.2, b1 10−4+.2 → mean 3.9.
// batch-all: active triplets .2, 9.2, 8.2, 1.2, 6.2 (5 of 8) → mean 5.0.
// semi-hard: (a0,a1)→b1: 0; (a1,a0)→b0: 0; (b0,b1)→ none farther, farthest a1: 8.2; (b1,b0)→ a0: 1.2 → 2.35.
const points = [[0, 0], [1, 0], [0, 1], [3, 0]];
const labels = [0, 0, 1, 1];

describe('facenet/tripletLoss', () => {
  before(async () => { await tf.setBackend('cpu'); });

  for (const [mining, expected] of [['batch-hard', 3.9], ['batch-all', 5.0], ['semi-hard', 2.35]] as [Mining, number][]) {
    it(`${mining} matches the hand-computed value`, () => {
      const before = tf.memory().numTensors;
      const x = tf.tensor2d(points);
      const { loss, stats } = tripletLoss(x, labels, { mining });
      assert.ok(Math.abs(loss.dataSync()[0] - expected) < 1e-5, `${mining}: ${loss.dataSync()[0]}`);
      assert.equal(stats.triplets, 8);
      assert.equal(stats.activeFraction, 5 / 8);
      assert.equal(stats.tripletAccuracy, 3 / 8);
      tf.dispose([x, loss]);
      assert.equal(tf.memory().numTensors, before, 'no tensor may leak');
    });
  }

  it('has the gradient of its formula (finite differences), for every mining', () => {
    // A generic point: no ties between distances, no triplet loss exactly at its hinge.
    const x0 = [[0.13, 0.31], [0.52, -0.17], [0.24, 0.83], [1.05, 0.41], [0.71, 1.12], [-0.36, 0.55]];
    const lab = [0, 0, 1, 1, 2, 2];
    for (const mining of ['batch-hard', 'batch-all', 'semi-hard'] as Mining[]) {
      const f = (x: tf.Tensor2D) => tripletLoss(x, lab, { mining }).loss;
      const g = tf.grad((x: tf.Tensor) => f(x as tf.Tensor2D))(tf.tensor2d(x0)).arraySync() as number[][];
      const eps = 1e-3;
      for (let i = 0; i < x0.length; i++) for (let d = 0; d < 2; d++) {
        const plus = x0.map((r) => [...r]); plus[i][d] += eps;
        const minus = x0.map((r) => [...r]); minus[i][d] -= eps;
        const num = (f(tf.tensor2d(plus)).dataSync()[0] - f(tf.tensor2d(minus)).dataSync()[0]) / (2 * eps);
        assert.ok(Math.abs(num - g[i][d]) < 2e-2, `${mining} d/dx[${i}][${d}]: numeric ${num} vs autodiff ${g[i][d]}`);
      }
    }
  });

  it('refuses a batch without a positive pair or with one identity', () => {
    assert.throws(() => tripletLoss(tf.tensor2d([[0, 0], [1, 1]]), [0, 1]), /two images of one identity/);
    assert.throws(() => tripletLoss(tf.tensor2d([[0, 0], [1, 1]]), [3, 3]), /at least two identities/);
    assert.throws(() => tripletLoss(tf.tensor2d([[0, 0], [1, 1]]), [0]), /1 labels for a batch of 2/);
  });
});

describe('facenet/PkSampler', () => {
  it('draws P identities × K images as a pure function of (seed, epoch, index), each identity once per epoch', () => {
    const labels = Array.from({ length: 50 }, (_, i) => i % 10); // 10 identities × 5 images
    labels.push(10, 11); // identities with a single image: sampled with replacement
    const a = new PkSampler(labels, { P: 4, K: 3, seed: 7 });
    const b = new PkSampler(labels, { P: 4, K: 3, seed: 7 });
    assert.equal(a.batchesPerEpoch, 3);
    const seen = new Set<number>();
    for (let index = 0; index < a.batchesPerEpoch; index++) {
      const batch = a.batch(0, index);
      assert.deepEqual(batch, b.batch(0, index));
      assert.equal(batch.length, 12);
      for (let p = 0; p < 4; p++) {
        const ids = new Set(Array.from(batch.slice(p * 3, p * 3 + 3), (i) => labels[i]));
        assert.equal(ids.size, 1, 'each group of K holds one identity');
        seen.add([...ids][0]);
      }
    }
    assert.equal(seen.size, 12, 'one epoch visits every identity once');
    assert.notDeepEqual(a.batch(1, 0), a.batch(0, 0), 'epochs differ');
    assert.deepEqual(a.batch(1, 2), b.batch(1, 2), 'any batch can be drawn alone (exact resume)');
    assert.throws(() => new PkSampler(labels, { P: 20, K: 2 }), /only 12/);
    assert.throws(() => new PkSampler([0, 1, 2], { P: 2, K: 2 }), /no identity has 2 or more images/);
  });
});
