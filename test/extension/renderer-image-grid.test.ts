/// <reference lib="dom" />
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { imageGridFrames } from '../../kernel-lib/src/display/image-grid';
import { MIME } from '../../kernel-lib/src/display/mime';
import { Rng } from '../../kernel-lib/src/random';
import { pageErrors, render, screenshot, startHarness, type Harness } from './support/browser';
import { gridPayload } from './support/fixtures';

const cellBox = (page: Page, i: number) => page.locator('.synthlab-cell').nth(i).evaluate((e) => { const r = e.getBoundingClientRect(); return { w: r.width, h: r.height }; });

describe('extension/renderer: image grid', function () {
  let harness: Harness;
  let page: Page;
  before(async () => { harness = await startHarness(); });
  after(async () => { await harness?.close(); });
  beforeEach(async () => { page = await harness.newPage(); });
  afterEach(async () => { assert.deepEqual(await pageErrors(page), []); await page.close(); });

  it('draws every image of the frame, crisp, with captions on hover', async () => {
    const payload = gridPayload({ count: 21, cols: 8, cell: 16, captions: (i) => `digit ${i % 10} · #${i}`, title: 'Samples' });
    await render(page, { id: 'g', mime: MIME.imageGrid, json: payload });
    assert.equal(await page.locator('.synthlab-cell').count(), 21);
    assert.equal(await page.locator('.synthlab-title').textContent(), 'Samples');
    assert.equal(await page.locator('.synthlab-cell').first().evaluate((e) => getComputedStyle(e).imageRendering), 'pixelated');
    assert.equal(await page.locator('.synthlab-cell').nth(4).getAttribute('aria-label'), 'digit 4 · #4');
    // A single frame has no frame stepper.
    assert.equal(await page.locator('.synthlab-frames').isVisible(), false);
    await page.locator('.synthlab-cell').nth(12).hover();
    const tip = page.locator('.synthlab-tooltip');
    assert.equal(await tip.isVisible(), true);
    assert.match(await tip.textContent() ?? '', /^digit 2 · #12\n#13$/);
    await screenshot(page, '#out-g', 'image-grid-light');
  });

  it('draws what the library\'s imageGridFrames emits (gray, RGBA, several epochs)', async () => {
    const rng = new Rng(21);
    const images = (n: number, channels: 1 | 4) => Array.from({ length: n }, () => ({
      width: 12, height: 10, channels, data: Float32Array.from({ length: 12 * 10 * channels }, () => rng.float()),
    }));
    const bundle = imageGridFrames([
      { images: images(7, 1), label: 'epoch 1', captions: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] },
      { images: images(7, 4), label: 'epoch 2' },
    ], { title: 'from the library', range: '[0,1]' }).bundle;
    await render(page, { id: 'lib', mime: MIME.imageGrid, json: bundle[MIME.imageGrid] });
    assert.equal(await page.locator('.synthlab-error').count(), 0);
    assert.equal(await page.locator('.synthlab-cell').count(), 7);
    assert.equal(await page.locator('.synthlab-frame-label').textContent(), 'epoch 2 (2/2)');
    assert.equal(await page.locator('.synthlab-muted').first().textContent(), '7 images · 12×10 px');
    await page.getByRole('button', { name: 'Previous frame' }).click();
    await page.waitForFunction(() => document.querySelector('.synthlab-frame-label')?.textContent === 'epoch 1 (1/2)');
    assert.equal(await page.locator('.synthlab-cell').nth(2).getAttribute('aria-label'), 'c');
  });

  it('zooms by whole pixel factors', async () => {
    await render(page, { id: 'g', mime: MIME.imageGrid, json: gridPayload({ count: 8, cols: 4, cell: 16 }) });
    const zoomOf = async () => Number((await page.locator('.synthlab-zoom-label').textContent())?.replace('×', ''));
    const z = await zoomOf();
    assert.ok(z >= 1);
    assert.deepEqual(await cellBox(page, 0), { w: 16 * z, h: 16 * z });
    await page.getByRole('button', { name: 'Zoom in' }).click();
    assert.equal(await zoomOf(), z + 1);
    assert.deepEqual(await cellBox(page, 0), { w: 16 * (z + 1), h: 16 * (z + 1) });
    for (let i = 0; i < 20; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
    assert.equal(await zoomOf(), 1);
    assert.deepEqual(await cellBox(page, 0), { w: 16, h: 16 });
  });

  it('steps through the frames of successive epochs', async () => {
    await render(page, { id: 'g', mime: MIME.imageGrid, json: gridPayload({ epochs: 5, count: 16, cols: 8 }) });
    const label = page.locator('.synthlab-frame-label');
    const sprite = () => page.locator('.synthlab-grid').evaluate((e) => (e as HTMLElement).style.getPropertyValue('--synthlab-sprite'));
    assert.equal(await label.textContent(), 'epoch 5 (5/5)');
    assert.equal(await page.locator('.synthlab-frames input[type=range]').getAttribute('max'), '4');
    const last = await sprite();
    assert.match(last, /^url\("blob:http/);
    await page.getByRole('button', { name: 'Previous frame' }).click();
    await page.waitForFunction(() => document.querySelector('.synthlab-frame-label')?.textContent === 'epoch 4 (4/5)');
    assert.notEqual(await sprite(), last);
    await page.locator('.synthlab-frames input[type=range]').fill('0');
    await page.waitForFunction(() => document.querySelector('.synthlab-frame-label')?.textContent === 'epoch 1 (1/5)');
    assert.equal(await page.locator('.synthlab-cell').count(), 16);
    // Play steps forward on its own until paused.
    await page.getByRole('button', { name: 'Play through the frames' }).click();
    await page.waitForFunction(() => document.querySelector('.synthlab-frame-label')?.textContent === 'epoch 3 (3/5)');
    await page.getByRole('button', { name: 'Play through the frames' }).click();
    const paused = await label.textContent();
    await page.waitForTimeout(1000);
    assert.equal(await label.textContent(), paused);
  });

  it('enlarges a clicked image, cropped from the sprite pixel for pixel', async () => {
    const payload = gridPayload({ count: 12, cols: 4, cell: 16, captions: (i) => `sample ${i}` });
    await render(page, { id: 'g', mime: MIME.imageGrid, json: payload });
    await page.locator('.synthlab-cell').nth(6).click();
    const canvas = page.locator('.synthlab-lightbox canvas');
    assert.equal(await page.locator('.synthlab-caption').textContent(), 'sample 6');
    const points = [[0, 0], [7, 9], [15, 15], [3, 12]];
    const { width, pixels } = await canvas.evaluate((c, pts) => {
      const cv = c as HTMLCanvasElement, s = cv.width / 16;
      const ctx = cv.getContext('2d') as CanvasRenderingContext2D;
      return { width: cv.width, pixels: pts.map(([x, y]) => Array.from(ctx.getImageData(x * s, y * s, 1, 1).data.slice(0, 3))) };
    }, points);
    const scale = width / 16;
    assert.ok(Number.isInteger(scale) && scale >= 1);
    const sprite = await sharp(Buffer.from(payload.frames[0].png, 'base64')).raw().toBuffer({ resolveWithObject: true });
    const spriteW = sprite.info.width, ch = sprite.info.channels;
    const [col, row] = [6 % 4, Math.floor(6 / 4)];
    points.forEach(([x, y], k) => {
      const s = ((row * 16 + y) * spriteW + col * 16 + x) * ch;
      assert.deepEqual(pixels[k], [...sprite.data.subarray(s, s + 3)], `pixel (${x}, ${y})`);
    });
    await page.getByRole('button', { name: 'Next image' }).click();
    assert.equal(await page.locator('.synthlab-caption').textContent(), 'sample 7');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.synthlab-lightbox').count(), 0);
  });

  it('saves the grid as a PNG through the host messaging channel', async () => {
    await render(page, { id: 'g', mime: MIME.imageGrid, json: gridPayload({ count: 10, cols: 4, cell: 16, title: 'My grid!' }) });
    const z = Number((await page.locator('.synthlab-zoom-label').textContent())?.replace('×', ''));
    await page.getByRole('button', { name: 'Save the grid as PNG' }).click();
    await page.waitForFunction(() => (window as unknown as { __messages: { type: string }[] }).__messages.some((m) => m.type === 'synthlab.savePng'));
    const msg = (await page.evaluate('window.__messages.find((m) => m.type === "synthlab.savePng")')) as { fileName: string; dataUrl: string };
    assert.equal(msg.fileName, 'my-grid.png');
    assert.ok(msg.dataUrl.startsWith('data:image/png;base64,'));
    const meta = await sharp(Buffer.from(msg.dataUrl.split(',')[1], 'base64')).metadata();
    // 4 columns × 3 rows (10 images) at zoom z with 2 px gaps.
    assert.deepEqual([meta.width, meta.height], [4 * (16 * z + 2) - 2, 3 * (16 * z + 2) - 2]);
  });

  it('updates in place for the same output id and follows the newest epoch', async () => {
    await render(page, { id: 'run', mime: MIME.imageGrid, json: gridPayload({ epochs: 2, count: 8, cols: 4 }) });
    assert.equal(await page.locator('.synthlab-frame-label').textContent(), 'epoch 2 (2/2)');
    await page.evaluate(() => { (document.querySelector('.synthlab-image-grid') as HTMLElement).dataset.marker = 'first'; });
    await render(page, { id: 'run', mime: MIME.imageGrid, json: gridPayload({ epochs: 3, count: 8, cols: 4 }) });
    assert.equal(await page.locator('.synthlab-image-grid').count(), 1);
    assert.equal(await page.locator('.synthlab-image-grid').getAttribute('data-marker'), 'first', 'the same view was updated');
    assert.equal(await page.locator('.synthlab-frame-label').textContent(), 'epoch 3 (3/3)');
    // A user who stepped back stays on the frame they chose when a new epoch arrives.
    await page.getByRole('button', { name: 'Previous frame' }).click();
    await page.waitForFunction(() => document.querySelector('.synthlab-frame-label')?.textContent === 'epoch 2 (2/3)');
    await render(page, { id: 'run', mime: MIME.imageGrid, json: gridPayload({ epochs: 4, count: 8, cols: 4 }) });
    assert.equal(await page.locator('.synthlab-frame-label').textContent(), 'epoch 2 (2/4)');
    // VS Code may hand a new element for the same output: the one view moves there.
    await render(page, { id: 'run', mime: MIME.imageGrid, json: gridPayload({ epochs: 4, count: 8, cols: 4 }), host: 'elsewhere' });
    assert.equal(await page.locator('.synthlab-image-grid').count(), 1);
    assert.equal(await page.locator('#elsewhere .synthlab-image-grid').getAttribute('data-marker'), 'first');
    // Disposing releases the view.
    await page.evaluate(() => (window as unknown as { api: { disposeOutputItem(id: string): void } }).api.disposeOutputItem('run'));
    assert.equal(await page.locator('.synthlab-image-grid').count(), 0);
  });

  it('draws hundreds of images from one sprite', async () => {
    await render(page, { id: 'big', mime: MIME.imageGrid, json: gridPayload({ count: 600, cols: 30, cell: 8 }) });
    assert.equal(await page.locator('.synthlab-cell').count(), 600);
    assert.equal(await page.locator('.synthlab-muted').first().textContent(), '600 images · 8×8 px');
  });

  it('follows the dark theme through VS Code\'s CSS variables', async () => {
    const dark = await harness.newPage('dark');
    try {
      await render(dark, { id: 'g', mime: MIME.imageGrid, json: gridPayload({ epochs: 3, count: 16, cols: 8, title: 'Generated faces, epoch by epoch' }) });
      const color = await dark.locator('.synthlab-view').evaluate((e) => getComputedStyle(e).color);
      assert.equal(color, 'rgb(204, 204, 204)'); // --vscode-editor-foreground: #cccccc
      const buttonBg = await dark.getByRole('button', { name: 'Zoom in' }).evaluate((e) => getComputedStyle(e).backgroundColor);
      assert.equal(buttonBg, 'rgb(49, 49, 49)'); // --vscode-button-secondaryBackground: #313131
      await screenshot(dark, '#out-g', 'image-grid-dark');
    } finally {
      await dark.close();
    }
  });
});
