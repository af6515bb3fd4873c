import assert from 'node:assert/strict';
import { useNotebookDisplay } from '../../kernel-lib/src/display/transport';
import { ImageDataset } from '../../kernel-lib/src/images/dataset';
import { sagan } from '../../kernel-lib/src/models/sagan';
import { train } from '../../kernel-lib/src/training';
import { useCpu } from '../models/helpers';

describe('training: live notebook view', function () {
  this.timeout(60000);
  before(useCpu);
  after(() => useNotebookDisplay(null));

  it('draws one chart per metric group and a sample grid, updated in place (same display each time)', async () => {
    const shown: { display: number; mime: string; data: string }[] = [];
    let displays = 0;
    useNotebookDisplay({
      newDisplay() {
        const display = displays++;
        return { raw: (mime: string, data: string | Uint8Array) => { shown.push({ display, mime, data: String(data) }); } };
      },
    });
    const gan = sagan({ imageSize: 8, width: 8, latentDim: 8, attentionRes: 4, seed: 1 });
    const data = ImageDataset.fromBytes(new Uint8Array(4 * 8 * 8 * 3).fill(50), { height: 8, width: 8, channels: 3, range: '[-1,1]' });
    await train(gan, data, { steps: 4, batchSize: 2, sampleEvery: 2, sampleCount: 4, view: 'notebook', label: 'tiny SAGAN' });
    gan.dispose();
    // 3 chart groups (losses, D outputs, attention γ) + 1 sample grid.
    assert.equal(displays, 4);
    const byDisplay = new Map<number, typeof shown>();
    for (const s of shown) byDisplay.set(s.display, [...(byDisplay.get(s.display) ?? []), s]);
    const charts = [...byDisplay.values()].filter((v) => v[0].mime === 'image/svg+xml');
    const grids = [...byDisplay.values()].filter((v) => v[0].mime === 'image/png');
    assert.equal(charts.length, 3);
    assert.equal(grids.length, 1);
    assert.equal(grids[0].length, 3, 'a grid redraw per sample point (steps 0, 2, 4), same display');
    for (const c of charts) assert.ok(c.length >= 2, 'each chart drawn at the first step and again at the last');
    assert.ok(charts.some((c) => /dLoss/.test(c.at(-1)!.data) && /gLoss/.test(c.at(-1)!.data)));
  });
});
