/// <reference lib="dom" />
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { MIME } from '../../kernel-lib/src/display/mime';
import { pageErrors, render, screenshot, startHarness, type Harness } from './support/browser';
import { curvesPayload, distributionsPayload, gridPayload, scatterPayload, tablePayload } from './support/fixtures';

const ATTACKS = [
  '<img src=x onerror="window.__xss++">',
  '</script><script>window.__xss++</script>',
  '<a href="javascript:window.__xss++">click me</a>',
  '<svg onload="window.__xss++"></svg>',
  'javascript:window.__xss++',
  '"><iframe srcdoc="<script>parent.__xss++</script>">',
];

/** Nothing from a payload may become markup: no handlers, scripts, frames or links anywhere. */
async function assertInert(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const bad: string[] = [];
    for (const e of Array.from(document.querySelectorAll('body *'))) {
      for (const a of Array.from(e.attributes)) {
        if (/^on/i.test(a.name)) bad.push(`${e.tagName} ${a.name}`);
        if (/^(href|src|xlink:href|action|formaction|srcdoc)$/i.test(a.name) && /javascript:/i.test(a.value)) bad.push(`${e.tagName} ${a.name}=${a.value}`);
      }
      if (['IFRAME', 'OBJECT', 'EMBED'].includes(e.tagName)) bad.push(e.tagName);
      if (e.tagName === 'SCRIPT' && e.parentElement !== document.body) bad.push('SCRIPT');
      if (e.tagName === 'IMG' && !/^(blob:|data:image\/png)/.test((e as HTMLImageElement).src)) bad.push(`IMG ${(e as HTMLImageElement).src}`);
    }
    return bad;
  });
  assert.deepEqual(found, []);
  await page.waitForTimeout(300); // let any injected handler (image error, load) fire first
  assert.equal(await page.evaluate('window.__xss'), 0, 'injected code ran');
}

describe('extension/renderer: untrusted payloads', function () {
  let harness: Harness;
  let page: Page;
  before(async () => { harness = await startHarness(); });
  after(async () => { await harness?.close(); });
  beforeEach(async () => { page = await harness.newPage(); });
  afterEach(async () => { assert.deepEqual(await pageErrors(page), []); await page.close(); });

  it('shows script-like captions, titles and labels as text in an image grid', async () => {
    const payload = gridPayload({ epochs: 2, count: ATTACKS.length, cols: 3, captions: (i) => ATTACKS[i], title: ATTACKS[0] });
    payload.frames.forEach((f, i) => { f.label = ATTACKS[1 + i]; });
    await render(page, { id: 'x', mime: MIME.imageGrid, json: payload });
    assert.equal(await page.locator('.synthlab-title').textContent(), ATTACKS[0]);
    assert.equal(await page.locator('.synthlab-frame-label').textContent(), `${ATTACKS[2]} (2/2)`);
    for (let i = 0; i < ATTACKS.length; i++) {
      await page.locator('.synthlab-cell').nth(i).hover();
      assert.equal((await page.locator('.synthlab-tooltip').textContent())?.split('\n')[0], ATTACKS[i]);
    }
    await page.locator('.synthlab-cell').nth(0).click();
    assert.equal(await page.locator('.synthlab-caption').textContent(), ATTACKS[0]);
    await assertInert(page);
  });

  it('shows script-like series names and titles as text in plots', async () => {
    const curves = curvesPayload(50, { title: ATTACKS[1] });
    curves.series[0].name = ATTACKS[0];
    curves.series[1].name = ATTACKS[2];
    curves.xLabel = ATTACKS[3];
    await render(page, { id: 'c', mime: MIME.trainingCurves, json: curves });
    const scatter = scatterPayload(40, 2);
    scatter.groups = scatter.groups?.map((g, i) => (i % 2 ? ATTACKS[0] : ATTACKS[2]));
    scatter.title = ATTACKS[5];
    await render(page, { id: 's', mime: MIME.scatter, json: scatter });
    const legend = await page.locator('#out-c .legendtext').allTextContents();
    assert.deepEqual(legend, [ATTACKS[0], ATTACKS[2]]);
    assert.equal(await page.locator('#out-c .gtitle').textContent(), ATTACKS[1]);
    assert.deepEqual(await page.locator('#out-s .legendtext').allTextContents(), [ATTACKS[2], ATTACKS[0]]);
    assert.equal(await page.locator('#out-c a').count() + await page.locator('#out-s a').count(), 0, 'no links from payload text');
    await assertInert(page);
  });

  it('shows script-like column names and labels as text in quality plots', async () => {
    const d = distributionsPayload(2);
    d.panels[0].column = ATTACKS[0];
    d.panels[1].labels = [ATTACKS[1], ATTACKS[2], ATTACKS[3], ATTACKS[4]];
    d.panels[1].metric = ATTACKS[5];
    await render(page, { id: 'd', mime: MIME.distributionComparison, json: d });
    const titles = await page.locator('#out-d .annotation-text').allTextContents();
    assert.ok(titles.some((t) => t.startsWith(ATTACKS[0])), titles.join(' | '));
    assert.deepEqual(await page.locator('#out-d .xaxislayer-above .x2tick text').allTextContents(), d.panels[1].labels);
    const h = { coefficient: ATTACKS[3], columns: [ATTACKS[0], ATTACKS[2]], real: [[1, 0.5], [0.5, 1]], synthetic: [[1, 0.4], [0.4, 1]] };
    await render(page, { id: 'h', mime: MIME.correlationHeatmap, json: h });
    assert.deepEqual(await page.locator('#out-h .xaxislayer-above .xtick text').allTextContents(), h.columns);
    await assertInert(page);
  });

  it('shows script-like cells and headers as text in a table', async () => {
    const t = tablePayload();
    t.columns[0].name = ATTACKS[0];
    t.rows[0][0] = ATTACKS[1];
    t.rows[1][0] = ATTACKS[2];
    t.title = ATTACKS[3];
    await render(page, { id: 't', mime: MIME.table, json: t });
    assert.equal(await page.locator('tbody tr').first().locator('td').first().textContent(), ATTACKS[1]);
    assert.match(await page.locator('th').first().textContent() ?? '', /^<img src=x onerror=/);
    assert.equal(await page.locator('#out-t .synthlab-title').textContent(), ATTACKS[3]);
    await assertInert(page);
  });

  it('refuses image data that is not PNG, including javascript: and SVG', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss++"><script>window.__xss++</script></svg>').toString('base64');
    const asSvg = gridPayload({ count: 4, cols: 2 });
    asSvg.frames[0].png = svg;
    await render(page, { id: 'svg', mime: MIME.imageGrid, json: asSvg });
    assert.match(await page.locator('#out-svg .synthlab-error').textContent() ?? '', /payload\.frames\[0\]\.png is not PNG data/);
    const asUrl = gridPayload({ count: 4, cols: 2 });
    (asUrl.frames[0] as { png: string }).png = 'javascript:window.__xss++';
    await render(page, { id: 'js', mime: MIME.imageGrid, json: asUrl });
    assert.match(await page.locator('#out-js .synthlab-error').textContent() ?? '', /payload\.frames\[0\]\.png must be base64 PNG data/);
    await assertInert(page);
  });

  it('shows an inline message for malformed payloads, never a blank cell or an exception', async () => {
    const cases: { id: string; mime: string; json?: unknown; text?: string; expect: RegExp }[] = [
      { id: 'notjson', mime: MIME.trainingCurves, text: '{"series": [', expect: /not valid JSON/ },
      { id: 'array', mime: MIME.imageGrid, json: [1, 2], expect: /payload must be an object/ },
      { id: 'shape', mime: MIME.trainingCurves, json: { series: [{ name: 'loss', x: [1, 2, 3], y: [1, 2] }] }, expect: /has 3 x values but 2 y values/ },
      { id: 'types', mime: MIME.scatter, json: { x: [1, 'a'], y: [1, 2] }, expect: /payload\.x\[1\] must be a finite number/ },
      { id: 'count', mime: MIME.imageGrid, json: { frames: [{ ...gridPayload({ count: 4, cols: 2 }).frames[0], count: 9 }] }, expect: /count 9 exceeds rows·cols = 4/ },
      { id: 'empty', mime: MIME.imageGrid, json: { frames: [] }, expect: /needs at least one frame/ },
      { id: 'small', mime: MIME.imageGrid, json: { frames: [{ ...gridPayload({ count: 4, cols: 2 }).frames[0], cellWidth: 64 }] }, expect: /the sprite is 32×32 px but/ },
      { id: 'table', mime: MIME.table, json: { columns: [{ name: 'a', type: 'int' }], rows: [[1, 2]], totalRows: 1 }, expect: /rows\[0\] has 2 cells for 1 columns/ },
      { id: 'unknown', mime: 'application/vnd.synthlab.nope.v1+json', json: {}, expect: /does not draw application\/vnd\.synthlab\.nope/ },
    ];
    for (const c of cases) {
      await render(page, c);
      const box = page.locator(`#out-${c.id} .synthlab-error[role=alert]`);
      assert.equal(await box.count(), 1, `${c.id}: an error box`);
      assert.match(await box.textContent() ?? '', c.expect, c.id);
    }
    await screenshot(page, '#out-shape', 'error-message');
    // A good payload for the same output id replaces the message with the view.
    await render(page, { id: 'shape', mime: MIME.trainingCurves, json: curvesPayload(20) });
    assert.equal(await page.locator('#out-shape .synthlab-error').count(), 0);
    assert.equal(await page.locator('#out-shape .synthlab-curves').count(), 1);
  });
});
