import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { Rng } from '../../kernel-lib/src/random';
import { Table, type Cell } from '../../kernel-lib/src/tabular';
import { GaussianCopulaSynthesizer } from '../../kernel-lib/src/copula';
import { mlEfficacy } from '../../kernel-lib/src/quality';

function make(n: number, seed: number): Table {
  const rng = new Rng(seed);
  const a = new Float64Array(n), b = new Float64Array(n), y = new Float64Array(n);
  const label: Cell[] = [], group: Cell[] = [];
  for (let i = 0; i < n; i++) {
    a[i] = rng.normal(); b[i] = rng.normal();
    y[i] = 2 * a[i] - b[i] + 0.3 * rng.normal();
    label.push(a[i] + 0.5 * b[i] + 0.3 * rng.normal() > 0.8 ? 'yes' : 'no');
    group.push(a[i] < -0.5 ? 'g1' : a[i] < 0.5 ? 'g2' : 'g3');
  }
  return new Table({ a, b, y, label, group });
}

describe('quality: ML efficacy (train on synthetic, test on real)', () => {
  const train = make(3000, 1), test = make(2000, 2);
  const synth = new GaussianCopulaSynthesizer(null, { seed: 1 }).fit(train).sample(3000, { seed: 2 });

  it('regression: R² of linear regression and the MLP near the real-trained reference; no tensor leaks', () => {
    const before = tf.memory().numTensors;
    const r = mlEfficacy(synth, test, 'y', { realTrain: train, epochs: 40, seed: 1 });
    assert.equal(tf.memory().numTensors, before);
    assert.equal(r.metric, 'R²');
    const lin = r.scores.find((s) => s.model === 'linear')!;
    assert.ok(lin.trainedOnReal! > 0.95, `real ${lin.trainedOnReal}`);
    assert.ok(lin.trainedOnSynthetic > 0.85, `synthetic ${lin.trainedOnSynthetic}`);
    assert.ok(r.scores.find((s) => s.model === 'mlp')!.trainedOnSynthetic > 0.7);
  });

  it('binary and multiclass F1, and a useless synthetic table scores low', () => {
    const bin = mlEfficacy(synth, test, 'label', { realTrain: train, epochs: 30 });
    assert.equal(bin.task, 'binary');
    const lr = bin.scores.find((s) => s.model === 'logistic')!;
    assert.ok(lr.trainedOnReal! > 0.7 && lr.trainedOnSynthetic > 0.5, JSON.stringify(lr));
    const multi = mlEfficacy(synth, test, 'group', { epochs: 0 });
    assert.equal(multi.metric, 'macro-F1');
    assert.ok(multi.scores[0].trainedOnSynthetic > 0.7, JSON.stringify(multi.scores));
    // Labels shuffled against the features: nothing left to learn.
    const rng = new Rng(3);
    const shuffled = synth.withColumn('label', rng.shuffle([...(synth.column('label') as Cell[])]));
    const bad = mlEfficacy(shuffled, test, 'label', { epochs: 0 });
    assert.ok(bad.scores[0].trainedOnSynthetic < lr.trainedOnSynthetic - 0.2, JSON.stringify(bad.scores));
  });
});
