import assert from 'node:assert/strict';
import { GaussianCopulaSynthesizer } from '../../kernel-lib/src/copula';
import { dcrMetrics, newRowSynthesis } from '../../kernel-lib/src/quality';
import { knownTable } from '../copula/helpers';

describe('quality: privacy metrics on copies and on copula samples', () => {
  const { table: train } = knownTable(1500, 7);
  const { table: holdout } = knownTable(1500, 8);
  const synthetic = new GaussianCopulaSynthesizer(null, { seed: 1 }).fit(train).sample(1500, { seed: 2 });

  it('a copy of the training rows: DCR 0, no baseline protection, every row matched, overfitting detected', () => {
    const r = dcrMetrics(train, train, { holdout, syntheticRows: 300 });
    assert.equal(r.medianDcr, 0);
    assert.equal(r.baseline.score, 0);
    assert.ok(r.overfitting!.closerToTraining > 0.95 && r.overfitting!.score < 0.1, JSON.stringify(r.overfitting));
    assert.equal(newRowSynthesis(train, train.slice(0, 200)).score, 0);
  });

  it('copula samples: new rows, protected like fresh real data, not closer to training than to holdout', () => {
    const r = dcrMetrics(train, synthetic, { holdout, syntheticRows: 300 });
    assert.ok(r.medianDcr > 0);
    assert.ok(r.overfitting!.score > 0.8, JSON.stringify(r.overfitting));
    const fresh = dcrMetrics(train, holdout, { syntheticRows: 300 });
    assert.ok(Math.abs(r.baseline.score - fresh.baseline.score) < 0.15, `${r.baseline.score} vs fresh real ${fresh.baseline.score}`);
    // With 3 columns and a 1% tolerance, chance matches happen: compare with fresh real rows.
    const nrs = newRowSynthesis(train, synthetic.slice(0, 300)).score, freshNrs = newRowSynthesis(train, holdout.slice(0, 300)).score;
    assert.ok(nrs > 0.7 && Math.abs(nrs - freshNrs) < 0.1, `${nrs} vs fresh real ${freshNrs}`);
  });
});
