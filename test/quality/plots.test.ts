import assert from 'node:assert/strict';
import { MIME, validatePayload } from '../../kernel-lib/src/display/mime';
import { GaussianCopulaSynthesizer } from '../../kernel-lib/src/copula';
import { correlationHeatmaps, distributionPlot } from '../../kernel-lib/src/quality';
import { knownTable } from '../copula/helpers';

describe('quality: plots', () => {
  const { table } = knownTable(3000, 4);
  const syn = new GaussianCopulaSynthesizer(null, { seed: 1 }).fit(table).sample(3000, { seed: 2 });

  it('distribution comparison: a valid vendor payload, SVG and text per column', () => {
    const out = distributionPlot(table, syn, undefined, { bins: 10 });
    const payload = out.bundle[MIME.distributionComparison] as { panels: { column: string; kind: string; real: number[]; synthetic: number[] }[] };
    assert.deepEqual(validatePayload(MIME.distributionComparison, payload), []);
    assert.deepEqual(payload.panels.map((p) => [p.column, p.kind]), [['normal', 'histogram'], ['uniform', 'histogram'], ['cat', 'bars']]);
    for (const p of payload.panels) {
      assert.ok(Math.abs(p.real.reduce((a, b) => a + b, 0) - 1) < 1e-9, p.column);
      assert.ok(Math.abs(p.synthetic.reduce((a, b) => a + b, 0) - 1) < 1e-9, p.column);
    }
    const svg = out.bundle['image/svg+xml'] as string;
    assert.match(svg, /^<svg[^>]*xmlns/);
    assert.ok(svg.includes('normal — KSComplement') && svg.includes('cat — TVComplement'));
    assert.match(out.toString(), /KSComplement/);
  });

  it('correlation heatmaps: real and synthetic matrices side by side', () => {
    const out = correlationHeatmaps(table, syn);
    const payload = out.bundle[MIME.correlationHeatmap] as { columns: string[]; real: number[][]; synthetic: number[][] };
    assert.deepEqual(validatePayload(MIME.correlationHeatmap, payload), []);
    assert.deepEqual(payload.columns, ['normal', 'uniform']);
    assert.ok(Math.abs(payload.real[0][1] - payload.synthetic[0][1]) < 0.06);
    assert.match(out.bundle['image/svg+xml'] as string, />real<.*>synthetic</s);
    assert.deepEqual(validatePayload(MIME.correlationHeatmap, { ...payload, real: [[1]] }).length, 1);
  });
});
