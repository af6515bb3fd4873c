import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { Adam } from '../../kernel-lib/src/training/adam';
import { useCpu } from '../models/helpers';

/** Adam by the book, in float64, for one scalar parameter. */
function reference(x0: number, grads: (x: number) => number, steps: number, lr: number, b1: number, b2: number, eps: number): number {
  let x = x0, m = 0, v = 0;
  for (let t = 1; t <= steps; t++) {
    const g = grads(x);
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    x -= (lr / (1 - b1 ** t)) * m / (Math.sqrt(v) / Math.sqrt(1 - b2 ** t) + eps);
  }
  return x;
}

describe('training: Adam', () => {
  before(useCpu);

  for (const [b1, b2] of [[0.9, 0.999], [0, 0.9], [0.5, 0.999]]) {
    it(`matches the textbook update (β1 ${b1}, β2 ${b2}) on a quadratic`, () => {
      const w = tf.variable(tf.tensor1d([3, -2]), true, `adam_${b1}_${b2}_${Date.now()}`);
      const opt = new Adam([w], { learningRate: 0.05, beta1: b1, beta2: b2 });
      for (let i = 0; i < 20; i++) opt.minimize(() => tf.sum(tf.mul(tf.tensor1d([1, 4]), tf.square(w))) as tf.Scalar);
      const [a, b] = w.dataSync();
      assert.ok(Math.abs(a - reference(3, (x) => 2 * x, 20, 0.05, b1, b2, 1e-8)) < 1e-4);
      assert.ok(Math.abs(b - reference(-2, (x) => 8 * x, 20, 0.05, b1, b2, 1e-8)) < 1e-4);
      assert.equal(opt.step, 20);
      opt.dispose();
      w.dispose();
    });
  }
});
