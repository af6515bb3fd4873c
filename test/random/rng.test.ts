import assert from 'node:assert/strict';
import { Rng } from '../../kernel-lib/src/random';

describe('random/Rng', () => {
  it('reproduces the same stream from the same seed, and differs across seeds', () => {
    const draw = (seed: number | string) => { const r = new Rng(seed); return Array.from({ length: 64 }, () => r.uint32()); };
    assert.deepEqual(draw(42), draw(42));
    assert.deepEqual(draw('run-a'), draw('run-a'));
    assert.notDeepEqual(draw(42), draw(43));
    assert.notDeepEqual(draw(0), draw('0'));
  });

  it('derive(label) depends on the seed and label only, not on what was drawn', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    for (let i = 0; i < 1000; i++) b.float();
    assert.equal(a.derive('shuffle').uint32(), b.derive('shuffle').uint32());
    assert.notEqual(a.derive('shuffle').uint32(), a.derive('augment').uint32());
  });

  it('restores exactly from state()', () => {
    const r = new Rng(5);
    r.normal();
    const saved = JSON.parse(JSON.stringify(r.state()));
    const x = [r.normal(), r.float(), r.int(10)];
    const s = Rng.fromState(saved);
    assert.deepEqual([s.normal(), s.float(), s.int(10)], x);
  });

  it('draws uniform floats and ints with the right moments', () => {
    const r = new Rng(1);
    const n = 200_000;
    let sum = 0, sumSq = 0;
    const counts = new Array(7).fill(0);
    for (let i = 0; i < n; i++) { const u = r.float(); sum += u; sumSq += u * u; counts[r.int(7)]++; }
    assert.ok(Math.abs(sum / n - 0.5) < 0.005);
    assert.ok(Math.abs(sumSq / n - sum * sum / n / n - 1 / 12) < 0.002);
    for (const c of counts) assert.ok(Math.abs(c / n - 1 / 7) < 0.005, `int(7) bucket share ${c / n}`);
  });

  it('draws normals with mean 0 and std 1 (scalar and bulk)', () => {
    const r = new Rng(2);
    const bulk = r.fillNormal(new Float64Array(200_001));
    const mean = bulk.reduce((a, b) => a + b, 0) / bulk.length;
    const variance = bulk.reduce((a, b) => a + (b - mean) ** 2, 0) / bulk.length;
    assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.01, `variance ${variance}`);
  });

  it('shuffles into a permutation and picks by weight', () => {
    const r = new Rng(3);
    const p = Array.from(r.permutation(100)).sort((a, b) => a - b);
    assert.deepEqual(p, Array.from({ length: 100 }, (_, i) => i));
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (r.pick(['a', 'b'], [9, 1]) === 'a') heavy++;
    assert.ok(Math.abs(heavy / 10_000 - 0.9) < 0.02);
    assert.throws(() => r.pick([]), /non-empty/);
    assert.throws(() => new Rng(1.5), /safe integer/);
  });
});
