/**
 * Regenerates the extension's icon and README screenshots in media/ from the real renderer:
 *   npx tsx test/extension/support/media.ts
 * (not a test: run it by hand when the look of a view changes, and check the pictures).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GaussianCopulaSynthesizer } from '../../../kernel-lib/src/copula';
import { MIME } from '../../../kernel-lib/src/display/mime';
import { correlationHeatmaps, distributionPlot } from '../../../kernel-lib/src/quality';
import { knownTable } from '../../copula/helpers';
import { REPO, render, startHarness } from './browser';
import { curvesPayload, gridPayload, scatterPayload, tablePayload } from './fixtures';

async function main(): Promise<void> {
  const media = join(REPO, 'media');
  const harness = await startHarness();
  try {
    const icon = await harness.newPage();
    await icon.setViewportSize({ width: 128, height: 128 });
    await icon.setContent(`<body style="margin:0;background:transparent">${readFileSync(join(media, 'icon.svg'), 'utf8')}</body>`);
    await icon.locator('svg').screenshot({ path: join(media, 'icon.png'), omitBackground: true });
    for (const theme of ['light', 'dark'] as const) {
      const page = await harness.newPage(theme);
      await render(page, { id: 'grid', mime: MIME.imageGrid, json: gridPayload({ epochs: 6, count: 32, cols: 8, cell: 16, title: 'Generator samples by epoch', captions: (i) => `sample ${i}` }) });
      await page.locator('#out-grid').screenshot({ path: join(media, `image-grid-${theme}.png`) });
      await render(page, { id: 'curves', mime: MIME.trainingCurves, json: curvesPayload(400, { title: 'GAN training', accuracy: true }) });
      await page.locator('#out-curves input.synthlab-smoothing').fill('0.8');
      await page.waitForTimeout(500);
      await page.locator('#out-curves').screenshot({ path: join(media, `training-curves-${theme}.png`) });
      await page.close();
    }
    const page = await harness.newPage();
    await render(page, { id: 'scatter', mime: MIME.scatter, json: scatterPayload(600, 5) });
    await page.locator('#out-scatter').screenshot({ path: join(media, 'scatter-light.png') });
    await render(page, { id: 'table', mime: MIME.table, json: tablePayload() });
    await page.locator('#out-table').screenshot({ path: join(media, 'table-light.png') });
    const { table } = knownTable(2000, 1);
    const synthetic = new GaussianCopulaSynthesizer(null, { seed: 1 }).fit(table).sample(2000, { seed: 2 });
    await render(page, { id: 'dist', mime: MIME.distributionComparison, json: distributionPlot(table, synthetic, undefined, { bins: 16 }).bundle[MIME.distributionComparison] });
    await page.locator('#out-dist').screenshot({ path: join(media, 'distributions-light.png') });
    await render(page, { id: 'heat', mime: MIME.correlationHeatmap, json: correlationHeatmaps(table, synthetic).bundle[MIME.correlationHeatmap] });
    await page.locator('#out-heat input.synthlab-show-diff').check();
    await page.waitForTimeout(500);
    await page.locator('#out-heat').screenshot({ path: join(media, 'heatmap-light.png') });
    await render(page, { id: 'bigrid', mime: MIME.imageGrid, json: gridPayload({ count: 12, cols: 6, cell: 16, captions: (i) => `sample ${i}` }) });
    await page.locator('#out-bigrid .synthlab-cell').nth(3).click();
    await page.locator('#out-bigrid').screenshot({ path: join(media, 'image-grid-enlarged.png') });
    await page.close();
  } finally {
    await harness.close();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
