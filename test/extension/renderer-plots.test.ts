/// <reference lib="dom" />
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { MIME } from '../../kernel-lib/src/display/mime';
import { MAX_POINTS } from '../../extension/src/renderer/views/curves';
import { ema } from '../../extension/src/renderer/views/curvesData';
import { pageErrors, render, screenshot, startHarness, type Harness } from './support/browser';
import { curvesPayload, scatterPayload, tablePayload } from './support/fixtures';

interface Trace { name?: string; type?: string; x: number[]; y: (number | null)[]; visible?: boolean | string; opacity?: number }
interface Gd { data: Trace[]; layout: { xaxis: { range: number[]; type: string }; yaxis: { type: string } }; _fullLayout: { font: { color: string } } }

/** The plotly graph div's data and layout, read in the page. */
function plot(page: Page, host: string): Promise<Gd> {
  return page.locator(`${host} .js-plotly-plot`).evaluate((e) => {
    const gd = e as unknown as Gd;
    return JSON.parse(JSON.stringify({ data: gd.data, layout: gd.layout, _fullLayout: { font: gd._fullLayout.font } })) as Gd;
  });
}

describe('extension/renderer: training curves, scatter, table', function () {
  let harness: Harness;
  let page: Page;
  before(async () => { harness = await startHarness(); });
  after(async () => { await harness?.close(); });
  beforeEach(async () => { page = await harness.newPage(); });
  afterEach(async () => { assert.deepEqual(await pageErrors(page), []); await page.close(); });

  it('plots every series with hover values, a right axis and legend toggles', async () => {
    const payload = curvesPayload(300, { accuracy: true });
    await render(page, { id: 'c', mime: MIME.trainingCurves, json: payload });
    const gd = await plot(page, '#out-c');
    assert.deepEqual(gd.data.map((t) => t.name), ['D loss', 'G loss', 'D accuracy']);
    assert.deepEqual(gd.data[0].y, payload.series[0].y);
    assert.equal((gd.data[2] as unknown as { yaxis: string }).yaxis, 'y2');
    assert.equal(await page.locator('#out-c .legendtext').count(), 3);
    // Hover shows the values under the mouse.
    const box = await page.locator('#out-c .nsewdrag').first().boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('#out-c .hoverlayer .legend, #out-c .hoverlayer .hovertext', { timeout: 20_000 });
    assert.match(await page.locator('#out-c .hoverlayer').textContent() ?? '', /D loss[\s\S]*\d\.\d/);
    await screenshot(page, '#out-c', 'training-curves-light');
    // Clicking a legend entry hides that series.
    await page.locator('#out-c .legendtoggle').nth(1).click();
    await page.waitForFunction(() => (document.querySelector('#out-c .js-plotly-plot') as unknown as Gd).data[1].visible === 'legendonly');
  });

  it('smooths with an EMA slider and switches the y axis to log', async () => {
    const payload = curvesPayload(200);
    await render(page, { id: 'c', mime: MIME.trainingCurves, json: payload });
    await page.locator('#out-c input.synthlab-smoothing').fill('0.9');
    await page.waitForFunction(() => (document.querySelector('#out-c .js-plotly-plot') as unknown as Gd).data.length === 4);
    const gd = await plot(page, '#out-c');
    const raw = gd.data.find((t) => t.opacity === 0.25 && t.x.length === 200);
    const smooth = gd.data.find((t) => t.name === 'D loss');
    assert.ok(raw && smooth);
    assert.deepEqual(raw.y, payload.series[0].y);
    const expected = ema(payload.series[0].y, 0.9) as number[];
    smooth.y.forEach((v, i) => assert.ok(Math.abs((v as number) - expected[i]) < 1e-12));
    // Smoothing lowers the spread: the smoothed series varies less step to step than the raw one.
    const roughness = (y: (number | null)[]) => y.slice(1).reduce<number>((sum, v, i) => sum + Math.abs((v as number) - (y[i] as number)), 0);
    assert.ok(roughness(smooth.y) < roughness(raw.y) / 3);
    assert.equal(await page.locator('#out-c .synthlab-muted').first().textContent(), '0.90');
    await page.locator('#out-c input.synthlab-log-y').check();
    await page.waitForFunction(() => (document.querySelector('#out-c .js-plotly-plot') as unknown as Gd).layout.yaxis.type === 'log');
  });

  it('updates in place from update_display_data and keeps the user\'s zoom', async () => {
    await render(page, { id: 'live', mime: MIME.trainingCurves, json: curvesPayload(100) });
    await page.evaluate(() => { (document.querySelector('#out-live .js-plotly-plot') as HTMLElement).dataset.marker = 'first'; });
    // Zoom as a user does: drag across the plot.
    const box = await page.locator('#out-live .nsewdrag').first().boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => (document.querySelector('#out-live .js-plotly-plot') as unknown as Gd).layout.xaxis.range[0] > 100);
    const zoomed = (await plot(page, '#out-live')).layout.xaxis.range;
    await render(page, { id: 'live', mime: MIME.trainingCurves, json: curvesPayload(150) });
    const after = await plot(page, '#out-live');
    assert.equal(after.data[0].x.length, 150, 'new points drawn');
    assert.deepEqual(after.layout.xaxis.range, zoomed, 'zoom kept');
    assert.equal(await page.locator('#out-live .js-plotly-plot').getAttribute('data-marker'), 'first', 'same plot, updated in place');
    assert.equal(await page.locator('.synthlab-curves').count(), 1);
  });

  it('coalesces updates that arrive while plotly is still loading into one view with the newest data', async () => {
    const specs = [40, 80, 120].map((n) => ({ id: 'burst', mime: MIME.trainingCurves, json: curvesPayload(n) }));
    await page.evaluate((all) => Promise.all(all.map((s) => (window as unknown as { render(s: unknown): Promise<void> }).render(s))), specs);
    assert.equal(await page.locator('.synthlab-curves').count(), 1);
    assert.equal((await plot(page, '#out-burst')).data[0].x.length, 120);
    const rendered = (await page.evaluate('window.__messages.filter((m) => m.type === "synthlab.rendered").length')) as number;
    assert.equal(rendered, 1);
  });

  it('keeps 10^5-point series responsive by decimating, with detail restored on zoom', async () => {
    const payload = curvesPayload(100_000);
    await render(page, { id: 'big', mime: MIME.trainingCurves, json: payload });
    const gd = await plot(page, '#out-big');
    for (const t of gd.data) assert.ok(t.x.length <= MAX_POINTS + 8, `${t.name}: ${t.x.length} points drawn`);
    // Decimation keeps each series' extremes.
    const y0 = payload.series[0].y as number[];
    assert.equal(Math.max(...(gd.data[0].y as number[])), Math.max(...y0));
    assert.equal(Math.min(...(gd.data[0].y as number[])), Math.min(...y0));
    assert.match(await page.locator('#out-big .synthlab-muted').last().textContent() ?? '', /200,000 points \(decimated for display\)/);
    // Zoom into 3% of the x range: the drawn points there become the raw points.
    const box = await page.locator('#out-big .nsewdrag').first().boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.53, box.y + box.height * 0.5, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => {
      const g = document.querySelector('#out-big .js-plotly-plot') as unknown as Gd;
      const [lo, hi] = g.layout.xaxis.range;
      return g.data[0].x.filter((v) => v >= lo && v <= hi).length > 0 && hi - lo < 60000;
    });
    const zoomed = await plot(page, '#out-big');
    const [lo, hi] = zoomed.layout.xaxis.range;
    const inRange = zoomed.data[0].x.filter((v) => v >= lo && v <= hi).length;
    const rawInRange = payload.series[0].x.filter((v) => v >= lo && v <= hi).length;
    assert.equal(inRange, Math.min(rawInRange, inRange));
    assert.ok(rawInRange <= MAX_POINTS ? inRange === rawInRange : inRange > MAX_POINTS / 2, `${inRange} of ${rawInRange} points in the zoomed range`);
  });

  it('follows VS Code\'s theme colours, and re-colours when the theme changes', async () => {
    const dark = await harness.newPage('dark');
    try {
      await render(dark, { id: 'c', mime: MIME.trainingCurves, json: curvesPayload(300, { accuracy: true }) });
      assert.equal((await plot(dark, '#out-c'))._fullLayout.font.color, '#cccccc');
      await screenshot(dark, '#out-c', 'training-curves-dark');
      await dark.evaluate(() => (window as unknown as { setTheme(n: string): void }).setTheme('light'));
      await dark.waitForFunction(() => (document.querySelector('#out-c .js-plotly-plot') as unknown as Gd)._fullLayout.font.color === '#3b3b3b');
      assert.deepEqual(await pageErrors(dark), []);
    } finally {
      await dark.close();
    }
  });

  it('plots a scatter with one trace per group and saves it as PNG', async () => {
    await render(page, { id: 's', mime: MIME.scatter, json: scatterPayload(400, 4) });
    const gd = await plot(page, '#out-s');
    assert.deepEqual(gd.data.map((t) => t.name), ['class 0', 'class 1', 'class 2', 'class 3']);
    assert.deepEqual(gd.data.map((t) => t.x.length), [100, 100, 100, 100]);
    // Numeric groups in numeric order (10 after 9), as the library's SVG fallback colours them.
    const numeric = scatterPayload(60, 3);
    numeric.groups = numeric.x.map((_, i) => [10, 9, 2][i % 3]);
    await render(page, { id: 'n', mime: MIME.scatter, json: numeric });
    assert.deepEqual((await plot(page, '#out-n')).data.map((t) => t.name), ['2', '9', '10']);
    await screenshot(page, '#out-s', 'scatter-light');
    await page.locator('#out-s').getByRole('button', { name: 'Save the plot as PNG' }).click();
    await page.waitForFunction(() => (window as unknown as { __messages: { type: string }[] }).__messages.some((m) => m.type === 'synthlab.savePng'));
    const msg = (await page.evaluate('window.__messages.find((m) => m.type === "synthlab.savePng")')) as { fileName: string; dataUrl: string };
    assert.equal(msg.fileName, 'embedding-pca.png');
    assert.ok(msg.dataUrl.startsWith('data:image/png;base64,iVBORw0KGgo'));
  });

  it('draws large scatters (above the SVG limit) with WebGL or a stride sample', async () => {
    await render(page, { id: 's', mime: MIME.scatter, json: scatterPayload(30_000, 5) });
    const gd = await plot(page, '#out-s');
    const drawn = gd.data.reduce((n, t) => n + t.x.length, 0);
    const info = await page.locator('#out-s .synthlab-muted').textContent() ?? '';
    if (gd.data[0].type === 'scattergl') assert.equal(drawn, 30_000);
    else assert.ok(drawn <= 20_000 && /showing every/.test(info));
    assert.match(info, /^30,000 points · 5 groups/);
  });

  it('shows a table preview that sorts by a clicked column', async () => {
    await render(page, { id: 't', mime: MIME.table, json: tablePayload() });
    assert.equal(await page.locator('#out-t tbody tr').count(), 5);
    assert.equal(await page.locator('#out-t .synthlab-title').textContent(), 'people');
    assert.equal(await page.locator('#out-t .synthlab-muted').first().textContent(), '5 of 1,000 rows · 4 columns');
    const firstCol = () => page.locator('#out-t tbody tr td:first-child').allTextContents();
    await page.locator('#out-t th').nth(1).click();
    assert.deepEqual(await firstCol(), ['Ada Lovelace', 'Alan Turing', 'Claude Shannon', 'Grace Hopper', 'Katherine Johnson']);
    await page.locator('#out-t th').nth(1).click();
    assert.deepEqual(await firstCol(), ['Katherine Johnson', 'Grace Hopper', 'Claude Shannon', 'Alan Turing', 'Ada Lovelace']);
    assert.equal(await page.locator('#out-t td.null').count(), 2);
    await screenshot(page, '#out-t', 'table-light');
    // The host's Export command asks the renderer for the view by output id.
    await page.evaluate(() => (window as unknown as { sendToRenderer(m: unknown): void }).sendToRenderer({ type: 'synthlab.exportRequest', requestId: 'r1', outputId: 't' }));
    await page.waitForFunction(() => (window as unknown as { __messages: { type: string }[] }).__messages.some((m) => m.type === 'synthlab.exportResult'));
    const res = (await page.evaluate('window.__messages.find((m) => m.type === "synthlab.exportResult")')) as { requestId: string; dataUrl?: string };
    assert.equal(res.requestId, 'r1');
    assert.ok(res.dataUrl?.startsWith('data:image/png;base64,'));
    const rendered = (await page.evaluate('window.__messages.filter((m) => m.type === "synthlab.rendered")')) as { outputId: string; mime: string }[];
    assert.deepEqual(rendered, [{ type: 'synthlab.rendered', outputId: 't', mime: MIME.table }]);
  });
});
