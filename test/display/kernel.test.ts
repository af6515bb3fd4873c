/**
 * The display path through a real kernel: Debian's Jupyter executes a tslab notebook that
 * imports the built `synthlab` package; the executed notebook must hold whole bundles (vendor
 * JSON as an object + fallbacks) and in-place updates must replace, not append.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MIME } from '../../kernel-lib/src/display/mime';
import { assertJupyterReady, dataOutputs, executeNotebook, joinText, repoRoot, tslabNotebook } from '../support/jupyter';

describe('display through a real tslab kernel', function () {
  this.timeout(180_000);
  let cells: ReturnType<typeof tslabNotebook>['cells'];

  before(() => {
    assertJupyterReady();
    const nb = tslabNotebook([
      `import * as synthlab from 'synthlab';\nconsole.log('in notebook:', synthlab.inNotebook());`,
      // A chart displayed, then updated twice in place: one output must remain, with 4 points.
      `const h = synthlab.liveDisplay(synthlab.lineChart([{ name: 'loss', y: [3, 2] }], { title: 'curves' }));\n` +
      `h.update(synthlab.lineChart([{ name: 'loss', y: [3, 2, 1] }], { title: 'curves' }));\n` +
      `h.update(synthlab.lineChart([{ name: 'loss', y: [3, 2, 1, 0.5] }], { title: 'curves' }));`,
      `const px = new Uint8Array(8 * 8 * 3).map((_, i) => (i * 7) % 256);\n` +
      `synthlab.display(synthlab.imageGrid([{ data: px, width: 8, height: 8, channels: 3 }, { data: px, width: 8, height: 8, channels: 3 }], { captions: ['a', 'b'] }));`,
      `const p = synthlab.progress({ total: 5, label: 'work', intervalMs: 0 });\nfor (let i = 0; i < 5; i++) p.tick(1, { loss: 1 / (i + 1) });\np.finish();`,
      // Back-to-back updates of a big output (~100 KB each): none may throw or be lost; the
      // transport's EBUSY retry itself is unit-tested in transport.test.ts.
      `const noise = new Uint8Array(32 * 32 * 3 * 64).map((_, i) => (i * 2654435761) % 251);\n` +
      `const imgs = Array.from({ length: 64 }, (_, k) => ({ data: noise.subarray(k * 3072, (k + 1) * 3072), width: 32, height: 32, channels: 3 as const }));\n` +
      `const hb = synthlab.liveDisplay(synthlab.imageGrid(imgs, { label: 'frame 0' }));\n` +
      `for (let i = 1; i < 30; i++) hb.update(synthlab.imageGrid(imgs, { label: 'frame ' + i }));\n` +
      `await new Promise((r) => setTimeout(r, 2000));\nconsole.log('stress pending', synthlab.pendingDisplays());`,
    ]);
    cells = executeNotebook(nb, { dir: join(repoRoot, 'test-artifacts', 'kernel-display'), name: 'display.ipynb' }).cells;
  });

  it('loads synthlab in the kernel and detects the notebook', () => {
    const text = (cells[0].outputs ?? []).map((o) => joinText(o.text)).join('');
    assert.match(text, /in notebook: true/);
  });

  it('sends a whole bundle: vendor JSON object, SVG fallback, text/plain; updates replace in place', () => {
    const outs = dataOutputs(cells[1]);
    assert.equal(outs.length, 1, `expected one output after two in-place updates, got ${outs.length}`);
    const payload = outs[0][MIME.trainingCurves] as { series: { name: string; y: number[] }[]; title: string };
    assert.equal(typeof payload, 'object', 'vendor payload must be stored as a JSON object');
    assert.deepEqual(payload.series[0].y, [3, 2, 1, 0.5]);
    assert.match(joinText(outs[0]['image/svg+xml'] as string), /^<svg/);
    assert.match(joinText(outs[0]['text/plain'] as string), /loss=0\.5/);
  });

  it('sends image grids with a PNG fallback', () => {
    const outs = dataOutputs(cells[2]);
    assert.equal(outs.length, 1);
    const payload = outs[0][MIME.imageGrid] as { frames: { count: number; captions: string[]; png: string }[] };
    assert.equal(payload.frames[0].count, 2);
    assert.deepEqual(payload.frames[0].captions, ['a', 'b']);
    const png = Buffer.from(joinText(outs[0]['image/png'] as string), 'base64');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  });

  it('survives back-to-back big updates (busy socket) and shows the last one', () => {
    const outs = dataOutputs(cells[4]);
    assert.equal((cells[4].outputs ?? []).filter((o) => o.output_type === 'error').length, 0);
    assert.equal(outs.length, 1);
    const payload = outs[0][MIME.imageGrid] as { frames: { label: string }[] };
    assert.equal(payload.frames[0].label, 'frame 29');
    assert.match((cells[4].outputs ?? []).map((o) => joinText(o.text)).join(''), /stress pending 0/);
  });

  it('updates the progress display in place to its final state', () => {
    const outs = dataOutputs(cells[3]);
    assert.equal(outs.length, 1, 'progress must update one display, not append');
    assert.match(joinText(outs[0]['text/plain'] as string), /100% .* 5\/5 .*loss=0\.2/);
    assert.match(joinText(outs[0]['text/html'] as string), /<progress value="5" max="5"/);
  });
});
