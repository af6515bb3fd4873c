/// <reference lib="dom" />
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { MIME, type CorrelationHeatmapPayload, type DistributionComparisonPayload } from '../../kernel-lib/src/display/mime';
import { GaussianCopulaSynthesizer } from '../../kernel-lib/src/copula';
import { correlationHeatmaps, distributionPlot } from '../../kernel-lib/src/quality';
import { knownTable } from '../copula/helpers';
import { pageErrors, render, screenshot, startHarness, type Harness } from './support/browser';
import { distributionsPayload } from './support/fixtures';

interface Trace { name?: string; type?: string; x: number[]; y: number[]; z?: (number | null)[][]; visible?: boolean | string; legendgroup?: string }
interface Gd { data: Trace[]; layout: { annotations?: { text: string }[] } }

function plot(page: Page, host: string): Promise<Gd> {
  return page.locator(`${host} .js-plotly-plot`).evaluate((e) => {
    const gd = e as unknown as Gd;
    return JSON.parse(JSON.stringify({ data: gd.data, layout: { annotations: gd.layout.annotations } })) as Gd;
  });
}

describe('extension/renderer: quality report plots', function () {
  let harness: Harness;
  let page: Page;
  // What the library's quality report emits for a real table and a copula sample of it.
  const { table } = knownTable(2000, 1);
  const synthetic = new GaussianCopulaSynthesizer(null, { seed: 1 }).fit(table).sample(2000, { seed: 2 });
  const distributions = distributionPlot(table, synthetic, undefined, { bins: 12, title: 'Column shapes' }).bundle[MIME.distributionComparison] as DistributionComparisonPayload;
  const heatmap = correlationHeatmaps(table, synthetic, undefined, { title: 'Column pair trends' }).bundle[MIME.correlationHeatmap] as CorrelationHeatmapPayload;

  before(async () => { harness = await startHarness(); });
  after(async () => { await harness?.close(); });
  beforeEach(async () => { page = await harness.newPage(); });
  afterEach(async () => { assert.deepEqual(await pageErrors(page), []); await page.close(); });

  it('draws real vs synthetic per column, titled with the column-shape score', async () => {
    await render(page, { id: 'd', mime: MIME.distributionComparison, json: distributions });
    const gd = await plot(page, '#out-d');
    const n = distributions.panels.length;
    assert.equal(gd.data.length, 2 * n);
    assert.deepEqual(gd.data.map((t) => t.name), distributions.panels.flatMap(() => ['real', 'synthetic']));
    distributions.panels.forEach((p, i) => {
      assert.deepEqual(gd.data[2 * i].y, p.real);
      assert.deepEqual(gd.data[2 * i + 1].y, p.synthetic);
      assert.equal(gd.layout.annotations?.[i].text, `${p.column} · ${p.metric} ${(p.score as number).toFixed(3)}`);
    });
    assert.deepEqual(await page.locator('#out-d .legendtext').allTextContents(), ['real', 'synthetic']);
    // Category bars keep their labels as axis text, in the payload's order.
    const bars = distributions.panels.findIndex((p) => p.kind === 'bars');
    assert.ok(bars >= 0);
    const ticks = await page.locator(`#out-d .xaxislayer-above .x${bars === 0 ? "" : bars + 1}tick text`).allTextContents();
    assert.deepEqual(ticks, distributions.panels[bars].labels);
    await screenshot(page, '#out-d', 'distributions-light');
    // "real" in the legend hides the real side of every panel.
    await page.locator('#out-d .legendtoggle').first().click();
    await page.waitForFunction(() => (document.querySelector('#out-d .js-plotly-plot') as unknown as Gd).data.filter((t) => t.name === 'real').every((t) => t.visible === 'legendonly'));
  });

  it('filters many panels by column name', async () => {
    const payload = distributionsPayload(9);
    await render(page, { id: 'd', mime: MIME.distributionComparison, json: payload });
    const filter = page.locator('#out-d input.synthlab-filter');
    assert.equal(await filter.isVisible(), true);
    assert.equal((await plot(page, '#out-d')).data.length, 18);
    await filter.fill('colour');
    await page.waitForFunction(() => (document.querySelector('#out-d .js-plotly-plot') as unknown as Gd).data.length === 8);
    const mean = payload.panels.reduce((a, p) => a + (p.score as number), 0) / 9; // the score is over all columns
    assert.equal(await page.locator('#out-d .synthlab-muted').textContent(), `4 of 9 columns · mean score ${mean.toFixed(3)}`);
    // Few panels: no filter box.
    await render(page, { id: 'small', mime: MIME.distributionComparison, json: distributionsPayload(2) });
    assert.equal(await page.locator('#out-small input.synthlab-filter').isVisible(), false);
  });

  it('shows real and synthetic correlations side by side, and their difference on demand', async () => {
    await render(page, { id: 'h', mime: MIME.correlationHeatmap, json: heatmap });
    let gd = await plot(page, '#out-h');
    assert.deepEqual(gd.data.map((t) => [t.type, t.name]), [['heatmap', 'real'], ['heatmap', 'synthetic']]);
    assert.deepEqual(gd.data[0].z, heatmap.real);
    assert.deepEqual(gd.data[1].z, heatmap.synthetic);
    const k = heatmap.columns.length;
    let sum = 0;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (i !== j) sum += Math.abs((heatmap.real[i][j] as number) - (heatmap.synthetic[i][j] as number));
    assert.equal(await page.locator('#out-h .synthlab-muted').textContent(), `${k} columns · ${heatmap.coefficient} · mean |Δ| ${(sum / (k * k - k)).toFixed(3)}`);
    await screenshot(page, '#out-h', 'heatmap-light');
    await page.locator('#out-h input.synthlab-show-diff').check();
    await page.waitForFunction(() => (document.querySelector('#out-h .js-plotly-plot') as unknown as Gd).data.length === 3);
    gd = await plot(page, '#out-h');
    gd.data[2].z?.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs((v as number) - Math.abs((heatmap.real[i][j] as number) - (heatmap.synthetic[i][j] as number))) < 1e-12)));
  });

  it('leaves undefined correlations (constant columns) as gaps', async () => {
    const withGap: CorrelationHeatmapPayload = { coefficient: 'pearson', columns: ['a', 'const', 'b'], real: [[1, null, 0.5], [null, null, null], [0.5, null, 1]], synthetic: [[1, null, 0.4], [null, null, null], [0.4, null, 1]] };
    await render(page, { id: 'h', mime: MIME.correlationHeatmap, json: withGap });
    const gd = await plot(page, '#out-h');
    assert.deepEqual(gd.data[0].z, withGap.real);
    assert.match(await page.locator('#out-h .synthlab-muted').textContent() ?? '', /mean \|Δ\| 0\.100$/);
  });
});
