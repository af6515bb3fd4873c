import assert from 'node:assert/strict';
import { apportion, distinctInts, equalMultinomial, labelsFromCounts, poisson } from '../../kernel-lib/src/datasets/sampling';
import { Rng } from '../../kernel-lib/src/random';
import { counts, mean } from './helpers';

describe('datasets/sampling', () => {
  it('labelsFromCounts keeps the counts and, shuffled, puts each label at each position with probability count/n', () => {
    const rng = new Rng(1);
    const c = [2, 3, 5];
    const freq = [new Float64Array(10), new Float64Array(10), new Float64Array(10)];
    const trials = 20000;
    for (let t = 0; t < trials; t++) {
      const y = labelsFromCounts(rng, c, 10, true);
      assert.deepEqual(counts(y, 3), c);
      y.forEach((label, pos) => freq[label][pos]++);
    }
    c.forEach((count, label) => {
      const p = count / 10, sigma = Math.sqrt(trials * p * (1 - p));
      for (let pos = 0; pos < 10; pos++) assert.ok(Math.abs(freq[label][pos] - trials * p) < 5 * sigma, `label ${label} at ${pos}: ${freq[label][pos]}`);
    });
    assert.deepEqual(Array.from(labelsFromCounts(rng, [2, 0, 1], 3, false)), [0, 0, 2]);
    // Many labels take the Fisher–Yates path; counts still hold.
    const many = Array.from({ length: 40 }, (_, i) => i % 3);
    assert.deepEqual(counts(labelsFromCounts(rng, many, 39, true), 40), many);
  });

  it('poisson has mean and variance λ on both branches (product method and PTRS)', () => {
    const rng = new Rng(2);
    for (const lambda of [0.5, 4, 50, 400]) {
      const draws = Array.from({ length: 20000 }, () => poisson(rng, lambda));
      const m = mean(draws);
      const v = mean(draws.map((d) => (d - m) ** 2));
      assert.ok(draws.every((d) => Number.isInteger(d) && d >= 0));
      assert.ok(Math.abs(m - lambda) < 5 * Math.sqrt(lambda / 20000), `λ=${lambda}: mean ${m}`);
      assert.ok(Math.abs(v / lambda - 1) < 0.06, `λ=${lambda}: variance ${v}`);
    }
    assert.equal(poisson(rng, 0), 0);
  });

  it('distinctInts draws k distinct values in range; equalMultinomial sums to n; apportion rounds by largest remainder', () => {
    const rng = new Rng(3);
    const d = distinctInts(rng, 10, 10);
    assert.deepEqual([...d].sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => i));
    assert.equal(new Set(distinctInts(rng, 1000, 50)).size, 50);
    assert.throws(() => distinctInts(rng, 3, 4), /cannot draw 4 distinct values from 3/);
    assert.equal(equalMultinomial(rng, 1000, 7).reduce((a, b) => a + b, 0), 1000);
    assert.deepEqual(Array.from(apportion(10, [1, 1, 1])), [4, 3, 3]);
    // 3.5, 1.75, 1.75: the two .75 remainders win the two spare units.
    assert.deepEqual(Array.from(apportion(7, [0.5, 0.25, 0.25])), [3, 2, 2]);
    assert.deepEqual(Array.from(apportion(100, [0, 1])), [0, 100]);
  });
});
