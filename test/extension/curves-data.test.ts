import assert from 'node:assert/strict';
import { decimate, ema } from '../../extension/src/renderer/views/curvesData';
import { Rng } from '../../kernel-lib/src/random';

describe('extension/renderer: curve smoothing and decimation', () => {
  it('EMA is debiased (a constant stays constant), keeps gaps, and 0 is the identity', () => {
    assert.deepEqual(ema([2, 2, 2, 2], 0.9).map((v) => Number(v?.toFixed(12))), [2, 2, 2, 2]);
    assert.deepEqual(ema([1, null, 3], 0.5), [1, null, (0.5 * 0.5 * 1 + 0.5 * 3) / 0.75]);
    const y = [3, 1, 4, 1, 5];
    assert.deepEqual(ema(y, 0), y);
    // A step from 0 to 1 is approached monotonically, never overshot.
    const s = ema([0, ...Array(50).fill(1)], 0.8) as number[];
    for (let i = 1; i < s.length; i++) assert.ok(s[i] >= s[i - 1] && s[i] <= 1);
  });

  it('decimates to about maxPoints, keeping every bucket\'s extremes and the gaps', () => {
    const rng = new Rng(5);
    const n = 100_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y: (number | null)[] = x.map(() => rng.normal());
    y[50_000] = 40; // a spike
    y[70_000] = null; // a gap
    const idx = decimate(x, y, 2000);
    assert.ok(idx.length <= 2000 + 8 && idx.length >= 1000, `${idx.length} points`);
    assert.ok(idx.every((v, i) => i === 0 || v > idx[i - 1]), 'ascending, no repeats');
    assert.ok(idx.includes(50_000) && idx.includes(70_000));
    assert.equal(idx[0], 0);
    assert.equal(idx[idx.length - 1], n - 1);
    const picked = idx.map((i) => y[i]).filter((v): v is number => v !== null);
    const all = y.filter((v): v is number => v !== null);
    assert.equal(Math.min(...picked), Math.min(...all));
  });

  it('decimates only the visible range, with one point beyond each edge', () => {
    const x = Array.from({ length: 10_000 }, (_, i) => i * 2);
    const y = x.map((v) => Math.sin(v));
    assert.deepEqual(decimate(x, y, 2000, [1000, 1100]), Array.from({ length: 53 }, (_, i) => 499 + i));
    assert.equal(decimate(x, y, 20_000).length, 10_000, 'short series are drawn whole');
  });
});
