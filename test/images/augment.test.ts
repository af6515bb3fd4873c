import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { proceduralFaces } from '../../kernel-lib/src/faces';
import {
  affineWarp, augment, colorJitter, compose, cutout, defaultAugmentation, flipHorizontal, gaussianBlur, gaussianNoise, randomResizedCrop, rotate,
  type Augmentation, type ImageRange,
} from '../../kernel-lib/src/images';
import { Rng } from '../../kernel-lib/src/random';

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('images/augment', () => {
  let faces: tf.Tensor4D;
  before(async () => {
    await tf.setBackend('cpu');
    faces = proceduralFaces({ identities: 3, imagesPerIdentity: 2, size: 24, seed: 1 }).batchSync([0, 1, 2, 3, 4, 5]).images;
  });
  after(() => faces.dispose());

  const all: [string, Augmentation][] = [
    ['flip', flipHorizontal()], ['crop', randomResizedCrop()], ['rotate', rotate()], ['jitter', colorJitter()],
    ['blur', gaussianBlur()], ['noise', gaussianNoise({ p: 1 })], ['cutout', cutout()], ['default', defaultAugmentation()],
  ];

  it('keeps shape and range, repeats with the same seed, varies with another, leaks no tensors', () => {
    for (const range of ['[-1,1]', '[0,1]'] as ImageRange[]) {
      const x = range === '[0,1]' ? tf.tidy(() => tf.div(tf.add(faces, 1), 2) as tf.Tensor4D) : faces;
      for (const [name, aug] of all) {
        const before = tf.memory().numTensors;
        const a = augment(x, aug, 5, range), b = augment(x, aug, 5, range), c = augment(x, aug, 6, range);
        assert.deepEqual(a.shape, x.shape, name);
        const [lo, hi] = range === '[0,1]' ? [0, 1] : [-1, 1];
        const v = a.dataSync();
        assert.ok(v.every((t) => t >= lo - 1e-5 && t <= hi + 1e-5), `${name} ${range} stays in range`);
        assert.equal(maxAbsDiff(a, b), 0, `${name}: same seed, same output`);
        assert.ok(maxAbsDiff(a, c) > 0.01, `${name}: another seed, another output`);
        tf.dispose([a, b, c]);
        assert.equal(tf.memory().numTensors, before, `${name} leaks no tensors`);
      }
      if (x !== faces) x.dispose();
    }
  });

  it('a shared rng advances, so successive batches get different augmentations', () => {
    const rng = new Rng(3);
    const a = augment(faces, defaultAugmentation(), rng), b = augment(faces, defaultAugmentation(), rng);
    assert.ok(maxAbsDiff(a, b) > 0.01);
    tf.dispose([a, b]);
  });

  it('each step does what it says at its extremes', () => {
    const id = (aug: Augmentation) => { const y = augment(faces, aug, 1); const d = maxAbsDiff(y, faces); y.dispose(); return d; };
    // Identity settings are exact no-ops.
    assert.equal(id(flipHorizontal({ p: 0 })), 0);
    assert.ok(id(randomResizedCrop({ scale: 1, ratio: 1 })) < 1e-5);
    assert.ok(id(rotate({ maxDegrees: 0 })) < 1e-5);
    assert.ok(id(colorJitter({ brightness: 0, contrast: 0, saturation: 0 })) < 1e-5);
    assert.ok(id(gaussianBlur({ p: 0 })) < 1e-6);
    assert.equal(id(gaussianNoise({ p: 0 })), 0);
    assert.equal(id(cutout({ p: 0 })), 0);
    assert.ok(id(compose()) === 0);
    // Flip with p = 1 mirrors exactly.
    const f = augment(faces, flipHorizontal({ p: 1 }), 1);
    assert.equal(maxAbsDiff(f, tf.reverse(faces, 2)), 0);
    f.dispose();
  });

  it('blur smooths but keeps flat images flat; noise has the asked spread; cutout fills grey', () => {
    const tv = (t: tf.Tensor4D) => tf.tidy(() => tf.mean(tf.abs(tf.sub(tf.slice(t, [0, 0, 1, 0], [-1, -1, -1, -1]), tf.slice(t, [0, 0, 0, 0], [-1, -1, t.shape[2] - 1, -1])))).dataSync()[0]);
    const blurred = augment(faces, gaussianBlur({ sigma: 1.5, p: 1 }), 2);
    assert.ok(tv(blurred) < 0.6 * tv(faces), `total variation ${tv(blurred)} vs ${tv(faces)}`);
    const flat = tf.fill([2, 10, 10, 3], 0.3) as tf.Tensor4D;
    const fb = augment(flat, gaussianBlur({ sigma: 2, p: 1 }), 2);
    assert.ok(maxAbsDiff(fb, flat) < 1e-5);
    const noisy = augment(flat, gaussianNoise({ std: 0.1, p: 1 }), 3, '[0,1]');
    const sd = tf.tidy(() => tf.sqrt(tf.moments(tf.sub(noisy, flat)).variance).dataSync()[0]);
    assert.ok(Math.abs(sd - 0.1) < 0.01, `noise sd ${sd}`);
    const cut = augment(flat, cutout({ size: 0.5, p: 1 }), 4, '[0,1]');
    const v = cut.dataSync();
    const grey = v.filter((t) => t === 0.5).length, kept = v.filter((t) => Math.abs(t - 0.3) < 1e-6).length;
    assert.equal(grey + kept, v.length);
    assert.ok(grey > 0 && grey <= 0.25 * v.length + 2 * 3 * 10 * 2, `cut ${grey} of ${v.length}`);
    tf.dispose([blurred, flat, fb, noisy, cut]);
  });

  it('affineWarp applies each image its own matrix (90° turn exact, identity exact)', () => {
    const src = Float32Array.from({ length: 2 * 5 * 5 }, (_, i) => i % 25);
    const x = tf.tensor4d(src, [2, 5, 5, 1]);
    const mats = Float32Array.from([1, 0, 0, 0, 1, 0, 0, -1, 4, 1, 0, 0]);
    const y = affineWarp(x, mats).dataSync();
    for (let r = 0; r < 5; r++) {
      for (let c = 0; c < 5; c++) {
        assert.equal(y[r * 5 + c], src[r * 5 + c]);
        assert.equal(y[25 + r * 5 + c], src[c * 5 + (4 - r)], `rotated (${r}, ${c})`);
      }
    }
    x.dispose();
  });

  it('rejects bad settings with the parameter named', () => {
    assert.throws(() => flipHorizontal({ p: 2 }), /flipHorizontal: p must be in \[0, 1\]/);
    assert.throws(() => randomResizedCrop({ scale: [0.5, 1.5] }), /randomResizedCrop: scale/);
    assert.throws(() => colorJitter({ contrast: 1.5 }), /colorJitter: contrast/);
    const flat3 = tf.zeros([4, 4, 3]) as unknown as tf.Tensor4D;
    assert.throws(() => augment(flat3, rotate(), 1), /rotate: expected images \[N, H, W, C\]/);
    flat3.dispose();
  });
});
