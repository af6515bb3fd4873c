import assert from 'node:assert/strict';
import { Table } from '../../kernel-lib/src/tabular';
import {
  boundaryAdherence, categoryAdherence, contingencySimilarity, correlationSimilarity, dcrMetrics, diagnosticReport,
  discretize, keyUniqueness, ksComplement, newRowSynthesis, qualityReport, spearman, tableStructure, tvComplement,
} from '../../kernel-lib/src/quality';
import { detectMetadata } from '../../kernel-lib/src/copula';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

describe('quality: metrics against hand-computed values', () => {
  it('KSComplement', () => {
    // F_real and F_syn differ most at x = 2: 2/4 vs 0/3 → D = 1/2.
    close(ksComplement([1, 2, 3, 4], [3, 4, 5]), 1 - 0.5);
    close(ksComplement([1, 2, NaN], [1, 2]), 1);
  });

  it('TVComplement (missing is a category)', () => {
    // real a .5 b .25 null .25; synthetic a .25 b .75 → ½(.25 + .5 + .25) = .5.
    close(tvComplement(['a', 'a', 'b', null], ['a', 'b', 'b', 'b']), 0.5);
  });

  it('CorrelationSimilarity, Pearson and Spearman', () => {
    const r = correlationSimilarity([1, 2, 3], [1, 2, 3], [1, 2, 3], [3, 2, 1]);
    close(r.real, 1); close(r.synthetic, -1); close(r.score, 0);
    close(spearman([1, 2, 3, 4], [1, 4, 9, 100]), 1);
    close(correlationSimilarity([1, 2, 3, 4], [1, 3, 2, 4], [1, 2, 3, 4], [1, 2, 3, 4]).score, 1 - (1 - 0.8) / 2);
  });

  it('ContingencySimilarity and the binning of continuous columns', () => {
    // Joint real: (x,0) .5 (y,1) .5; synthetic (x,0) .5 (x,1) .5 → ½(0 + .5 + .5) = .5.
    close(contingencySimilarity(['x', 'y'], [0, 1], ['x', 'x'], [0, 1]), 0.5);
    const b = discretize([0, 10], [-5, 0.99, 1, 9.99, 10, 50], 10);
    assert.deepEqual(b.synthetic, [0, 0, 1, 9, 9, 9]);
  });

  it('BoundaryAdherence, CategoryAdherence, KeyUniqueness, TableStructure', () => {
    close(boundaryAdherence([0, 10], [-1, 0, 5, 10, 11, NaN]), 3 / 5);
    close(categoryAdherence(['a', 'b'], ['a', 'c', 'b', 'b']), 3 / 4);
    close(keyUniqueness([1, 2, 2, null]), 2 / 4);
    close(tableStructure(['a', 'b', 'c'], ['b', 'c', 'd']), 2 / 4);
  });

  it('DCR and its protection scores', () => {
    const real = new Table({ x: Float64Array.from([0, 10]), c: ['a', 'b'] });
    const meta = detectMetadata(real, { x: { sdtype: 'numerical' }, c: { sdtype: 'categorical' } });
    // (5, a): distances to (0,a) = (0.5 + 0)/2 = .25, to (10,b) = (.5 + 1)/2 = .75 → DCR .25.
    // (0, b): to (0,a) = .5, to (10,b) = .5 → .5.
    const syn = new Table({ x: Float64Array.from([5, 0]), c: ['a', 'b'] });
    const r = dcrMetrics(real, syn, { metadata: meta, holdout: new Table({ x: Float64Array.from([5]), c: ['a'] }) });
    close(r.dcr[0], 0.25); close(r.dcr[1], 0.5); close(r.medianDcr, 0.375);
    // Row 0 is closer to the holdout (distance 0), row 1: to holdout (.5+1)/2 = .75 > .5 → closer to training.
    close(r.overfitting!.closerToTraining, 0.5); close(r.overfitting!.score, 1);
  });

  it('NewRowSynthesis with the 1% relative tolerance', () => {
    const real = new Table({ x: Float64Array.from([100, 200]), c: ['a', 'b'] });
    const syn = new Table({ x: Float64Array.from([100.5, 200, 150]), c: ['a', 'a', 'b'] });
    const r = newRowSynthesis(real, syn, { metadata: detectMetadata(real, { c: { sdtype: 'categorical' } }) });
    assert.equal(r.matchedRows, 1); close(r.score, 2 / 3);
  });
});

describe('quality: reports', () => {
  const real = new Table({ x: Float64Array.from([1, 2, 3, 4]), y: Float64Array.from([2, 4, 6, 8]), c: ['a', 'a', 'b', 'b'] });
  it('a copy scores 100% and the report states its definitions', () => {
    const r = qualityReport(real, real);
    close(r.score, 1);
    assert.equal(r.columnShapes.length, 3);
    assert.equal(r.columnPairTrends.length, 3);
    assert.ok(r.toString().includes('KSComplement = 1 − D'));
    const figures = r.figures();
    assert.equal(figures.length, 3);
    assert.ok(figures.every((f) => typeof f.bundle['text/plain'] === 'string'));
    // Every bundle carries a picture or HTML fallback next to its vendor JSON.
    assert.ok(figures.every((f) => typeof f.bundle['text/html'] === 'string' || typeof f.bundle['image/svg+xml'] === 'string'));
    const d = diagnosticReport(real, real);
    close(d.score, 1);
  });

  it('property scores are the means of hand-computable metric scores', () => {
    const syn = new Table({ x: Float64Array.from([1, 2, 3, 4]), y: Float64Array.from([8, 6, 4, 2]), c: ['a', 'b', 'b', 'b'] });
    const r = qualityReport(real, syn);
    const shapes = (1 + 1 + (1 - 0.25)) / 3;
    close(r.properties[0].score, shapes);
    const xy = r.columnPairTrends.find((p) => p.columnA === 'x' && p.columnB === 'y')!;
    close(xy.score, 0);
    assert.equal(r.columnPairTrends.filter((p) => p.metric === 'ContingencySimilarity').length, 2);
  });

  it('skips pairs with no real trend when asked and names the reason', () => {
    const flat = new Table({ x: Float64Array.from([1, 2, 3, 4]), k: Float64Array.from([5, 5, 5, 5]) });
    const r = qualityReport(flat, flat);
    assert.match(r.columnPairTrends[0].skipped ?? '', /no variance/);
  });

  it('names a column missing from the synthetic table', () => {
    assert.throws(() => qualityReport(real, new Table({ x: Float64Array.from([1]) })), /"y", "c"/);
  });
});
