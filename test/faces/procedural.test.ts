import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { DEFAULT_TRAITS, faceRecipe, proceduralFaces, renderFace } from '../../kernel-lib/src/faces';
import { MIME, validatePayload } from '../../kernel-lib/src/display';
import { identityGrid, type ImageDataset } from '../../kernel-lib/src/images';
import { Rng } from '../../kernel-lib/src/random';

function allBytes(ds: ImageDataset): Uint8Array {
  const out = new Uint8Array(ds.size * ds.source.imageBytes);
  ds.source.readSync?.(Int32Array.from({ length: ds.size }, (_, i) => i), out);
  return out;
}

function dist(a: Uint8Array, i: number, j: number, len: number): number {
  let s = 0;
  for (let k = 0; k < len; k++) { const d = a[i * len + k] - a[j * len + k]; s += d * d; }
  return Math.sqrt(s / len);
}

/** Leave-one-out nearest-centroid accuracy on per-image feature vectors. */
function centroidAccuracy(features: number[][], labels: Int32Array, classes: number, per: number): number {
  let correct = 0;
  for (let i = 0; i < features.length; i++) {
    let best = -1, bestD = Infinity;
    for (let c = 0; c < classes; c++) {
      const mean = features[0].map(() => 0);
      for (let j = c * per; j < (c + 1) * per; j++) if (j !== i) features[j].forEach((v, k) => { mean[k] += v / (per - (labels[i] === c ? 1 : 0)); });
      const d = features[i].reduce((s, v, k) => s + (v - mean[k]) ** 2, 0);
      if (d < bestD) { bestD = d; best = c; }
    }
    if (best === labels[i]) correct++;
  }
  return correct / features.length;
}

describe('faces/proceduralFaces', () => {
  before(async () => { await tf.setBackend('cpu'); });

  it('gives the same pixels for the same seed, in any order, lazily or in memory', () => {
    const a = proceduralFaces({ identities: 4, imagesPerIdentity: 3, size: 32, seed: 7 });
    const b = proceduralFaces({ identities: 4, imagesPerIdentity: 3, size: 32, seed: 7, storage: 'memory' });
    const bytesA = allBytes(a);
    assert.deepEqual(allBytes(b), bytesA);
    // Image 10 rendered alone equals image 10 rendered in a batch; a larger set keeps it too.
    const one = new Uint8Array(32 * 32 * 3);
    a.source.readSync?.(Int32Array.from([10]), one);
    assert.deepEqual(one, bytesA.subarray(10 * one.length, 11 * one.length));
    const bigger = proceduralFaces({ identities: 6, imagesPerIdentity: 3, size: 32, seed: 7 });
    bigger.source.readSync?.(Int32Array.from([10]), one);
    assert.deepEqual(one, bytesA.subarray(10 * one.length, 11 * one.length));
    assert.notDeepEqual(allBytes(proceduralFaces({ identities: 4, imagesPerIdentity: 3, size: 32, seed: 8 })), bytesA);
    assert.deepEqual(a.classNames, ['id0000', 'id0001', 'id0002', 'id0003']);
    assert.deepEqual([...a.labels], [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
  });

  it('renders 32, 64 and 128 px in RGB and grayscale, batches in range', () => {
    for (const size of [32, 64, 128]) {
      const ds = proceduralFaces({ identities: 2, imagesPerIdentity: 2, size, seed: 1, range: '[0,1]' });
      const b = ds.batchSync([0, 3]);
      assert.deepEqual(b.images.shape, [2, size, size, 3]);
      const v = b.images.dataSync();
      assert.ok(v.every((x) => x >= 0 && x <= 1));
      // A face is drawn: far from a flat image.
      let mean = 0; for (const x of v) mean += x / v.length;
      let sd = 0; for (const x of v) sd += (x - mean) ** 2 / v.length;
      assert.ok(Math.sqrt(sd) > 0.08, `size ${size}: sd ${Math.sqrt(sd)}`);
      b.images.dispose();
    }
    const gray = proceduralFaces({ identities: 1, imagesPerIdentity: 1, size: 32, channels: 1, seed: 1 });
    assert.deepEqual(gray.imageShape, [32, 32, 1]);
    const rgb = renderFace(faceRecipe(1).identity(0), faceRecipe(1).variation(0, 0), 32, 3, new Rng(1));
    const g = renderFace(faceRecipe(1).identity(0), faceRecipe(1).variation(0, 0), 32, 1, new Rng(1));
    const luma = 0.2126 * rgb[300] + 0.7152 * rgb[301] + 0.0722 * rgb[302];
    assert.ok(Math.abs(g[100] - luma) <= 6, `gray ${g[100]} vs luma of rgb ${luma}`);
  });

  it('images of one identity are closer than images of different identities', () => {
    const ids = 12, per = 5, size = 32;
    const ds = proceduralFaces({ identities: ids, imagesPerIdentity: per, size, seed: 3 });
    const px = allBytes(ds), len = size * size * 3;
    let within = 0, nw = 0, between = 0, nb = 0;
    for (let i = 0; i < ds.size; i++) {
      for (let j = i + 1; j < ds.size; j++) {
        const d = dist(px, i, j, len);
        if (ds.labels[i] === ds.labels[j]) { within += d; nw++; } else { between += d; nb++; }
      }
    }
    within /= nw; between /= nb;
    assert.ok(within < 0.95 * between, `within ${within.toFixed(1)} vs between ${between.toFixed(1)}`);
    // Nuisance is real: images of one identity still differ a lot.
    assert.ok(within > 0.4 * between, `within ${within.toFixed(1)} too small vs ${between.toFixed(1)}`);
  });

  it('one pixel colour does not give identity away (nuisance overlaps across identities)', () => {
    const ids = 10, per = 8, size = 32;
    const ds = proceduralFaces({ identities: ids, imagesPerIdentity: per, size, seed: 11 });
    const px = allBytes(ds), len = size * size * 3;
    // Best single pixel, by leave-one-out nearest centroid on its RGB, over a grid of positions.
    let bestPixel = 0;
    for (let y = 4; y < size; y += 4) {
      for (let x = 4; x < size; x += 4) {
        const o = (y * size + x) * 3;
        const f = Array.from({ length: ds.size }, (_, i) => [px[i * len + o], px[i * len + o + 1], px[i * len + o + 2]]);
        bestPixel = Math.max(bestPixel, centroidAccuracy(f, ds.labels, ids, per));
      }
    }
    assert.ok(bestPixel < 0.6, `best single pixel accuracy ${bestPixel} (chance ${1 / ids})`);
    // Yet identity is in the picture: the same test on the identity's fixed traits is perfect.
    const r = faceRecipe(11);
    const traitFeatures = Array.from({ length: ds.size }, (_, i) => {
      const id = r.identity(Math.floor(i / per));
      return [...id.skin, ...id.hairColour, id.eyeSpacing * 4, id.mouthWidth * 4];
    });
    assert.equal(centroidAccuracy(traitFeatures, ds.labels, ids, per), 1);
  });

  it("nuisance presets order difficulty: 'easy' images of one identity are closer than 'hard' ones", () => {
    const spread = (nuisance: 'easy' | 'hard') => {
      const ds = proceduralFaces({ identities: 4, imagesPerIdentity: 4, size: 32, seed: 9, nuisance });
      const px = allBytes(ds), len = 32 * 32 * 3;
      // Same identities and backgrounds' seeds; only the pose/light/blur/noise ranges differ.
      let s = 0, n = 0;
      for (let i = 0; i < ds.size; i++) for (let j = i + 1; j < ds.size; j++) if (ds.labels[i] === ds.labels[j]) { s += dist(px, i, j, len); n++; }
      return s / n;
    };
    assert.ok(spread('easy') < spread('hard'), `easy ${spread('easy')} vs hard ${spread('hard')}`);
    assert.throws(() => proceduralFaces({ identities: 1, imagesPerIdentity: 1, nuisance: 'brutal' as 'hard' }), /unknown nuisance preset 'brutal'/);
  });

  it('traits are data: a palette with one skin tone gives that tone to everyone', () => {
    const traits = { ...DEFAULT_TRAITS, skinTones: [{ value: [10, 200, 10] as const, weight: 1 }] };
    const r = faceRecipe(2, traits);
    for (let i = 0; i < 5; i++) {
      const s = r.identity(i).skin;
      assert.ok(s[1] > 0.7 && s[0] < 0.2, `skin ${s}`);
    }
    assert.throws(() => faceRecipe(2, { ...DEFAULT_TRAITS, eyeShapes: [] }).identity(0), /eyeShapes palette is empty/);
    assert.throws(() => proceduralFaces({ identities: 0, imagesPerIdentity: 2 }), /identities must be an integer ≥ 1/);
  });
});

describe('images/identityGrid', () => {
  it('lays out identities × variations as an image-grid bundle with a PNG fallback', async () => {
    const ds = proceduralFaces({ identities: 5, imagesPerIdentity: 3, size: 16, seed: 2 });
    const out = await identityGrid(ds, { identities: 4, perIdentity: 4, seed: 1 });
    const payload = out.bundle[MIME.imageGrid] as { frames: { cols: number; rows: number; count: number; captions: string[] }[] };
    assert.deepEqual(validatePayload(MIME.imageGrid, payload), []);
    const f = payload.frames[0];
    assert.equal(f.cols, 4);
    assert.equal(f.rows, 4);
    assert.equal(f.count, 16);
    // Each row starts with its identity's name; the 4th column is empty (3 images each).
    const names = [0, 4, 8, 12].map((k) => f.captions[k]);
    assert.equal(new Set(names).size, 4);
    assert.ok(names.every((n) => /^id000\d$/.test(n)));
    assert.equal(typeof out.bundle['image/png'], 'string');
    assert.match(String(out.bundle['text/plain']), /4 identities × 4 images/);
  });
});
