import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '../../kernel-lib/src/tf';
import { identityFolder, imageFolder, type ImageDataset } from '../../kernel-lib/src/images';
import { removeTempDirs, tempDir, truncate, writeImage, writeNoise, writeText } from './fixtures';

const RED = [250, 10, 10] as const, GREEN = [10, 250, 10] as const, BLUE = [10, 10, 250] as const;

/** LFW-style tree with the bad inputs a real download has. */
async function identityTree(): Promise<string> {
  const root = tempDir('ids');
  await writeImage(join(root, 'alice/a1.png'), 37, 23, RED, 'png');
  await writeImage(join(root, 'alice/nested/deeper/a2.jpg'), 50, 81, RED, 'jpeg');
  await writeImage(join(root, 'alice/a3.webp'), 64, 64, RED, 'webp');
  await writeImage(join(root, 'bob/b1.png'), 30, 30, [100, 100, 100], 'gray');
  await writeImage(join(root, 'bob/b2.png'), 17, 40, GREEN, 'rgba');
  await writeImage(join(root, 'bob/b3.png'), 20, 20, GREEN, 'png16');
  await writeImage(join(root, 'carol/c1.png'), 40, 40, BLUE, 'png');
  await writeImage(join(root, 'erin/e1.jpg'), 30, 20, [200, 120, 40], 'cmyk');
  await writeImage(join(root, 'erin/e2.png'), 30, 20, [200, 120, 40], 'png');
  await writeImage(join(root, 'loose.png'), 40, 40, BLUE, 'png');
  await writeNoise(join(root, 'big.jpg'), 120, 90);
  truncate(join(root, 'big.jpg'), join(root, 'dave/broken.jpg'));
  rmSync(join(root, 'big.jpg'));
  writeText(join(root, 'dave/zero.png'), '');
  writeText(join(root, 'dave/notes.txt'), 'not an image');
  writeText(join(root, 'alice/vector.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="20" height="20"/></svg>');
  await writeImage(join(root, 'alice/tiny.png'), 3, 3, RED, 'png');
  writeText(join(root, '.DS_Store'), 'finder junk');
  return root;
}

const maxDiff = (x: tf.Tensor, y: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(x, y))).dataSync()[0]);

/** Mean colour of image k of a [-1,1] batch. */
async function meanColour(ds: ImageDataset, k: number): Promise<number[]> {
  const b = await ds.batch([k]);
  const m = tf.tidy(() => tf.mean(b.images, [0, 1, 2]).arraySync() as number[]);
  b.images.dispose();
  return m;
}

describe('images/folder loaders', () => {
  before(async () => { await tf.setBackend('cpu'); });
  after(removeTempDirs);

  it('identityFolder reads PNG/JPEG/WebP, gray, RGBA, 16-bit at odd sizes and reports every bad file', async () => {
    const root = await identityTree();
    const ds = await identityFolder(root, { size: 16 });
    assert.deepEqual(ds.classNames, ['alice', 'bob', 'carol', 'erin']);
    assert.deepEqual(ds.imageShape, [16, 16, 3]);
    assert.deepEqual([...ds.names], ['alice/a1.png', 'alice/a3.webp', 'alice/nested/deeper/a2.jpg', 'bob/b1.png', 'bob/b2.png', 'bob/b3.png', 'carol/c1.png', 'erin/e1.jpg', 'erin/e2.png']);
    assert.deepEqual([...ds.labels], [0, 0, 0, 1, 1, 1, 2, 3, 3]);
    const reasons = Object.fromEntries(ds.report.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]));
    assert.deepEqual(reasons, {
      'alice/tiny.png': 'too-small', 'alice/vector.svg': 'unsupported', 'dave/broken.jpg': 'corrupt',
      'dave/notes.txt': 'not-an-image', 'dave/zero.png': 'empty', 'loose.png': 'outside-identity',
    });
    assert.equal(ds.report.filesSeen, 15);
    assert.equal(ds.report.imagesKept, 9);
    assert.ok(ds.report.warnings.some((w) => /no usable image.*dave/.test(w)), ds.report.warnings.join('\n'));
    assert.ok(ds.report.warnings.some((w) => /single image.*carol/.test(w)), ds.report.warnings.join('\n'));
    // Colours survive decoding in every mode (JPEG within its loss).
    const expect = (rgb: readonly number[]) => rgb.map((v) => v / 127.5 - 1);
    for (const [k, rgb] of [[0, RED], [1, RED], [2, RED], [3, [100, 100, 100]], [4, GREEN], [5, GREEN], [6, BLUE], [7, [200, 120, 40]], [8, [200, 120, 40]]] as const) {
      const m = await meanColour(ds, k);
      // CMYK → sRGB without an embedded profile is approximate.
      const tol = ds.names[k] === 'erin/e1.jpg' ? 0.25 : 0.06;
      m.forEach((v, c) => assert.ok(Math.abs(v - expect(rgb)[c]) < tol, `image ${ds.names[k]} channel ${c}: ${v} vs ${expect(rgb)[c]}`));
    }
  });

  it('drops identities below minImagesPerIdentity and renumbers labels densely', async () => {
    const root = await identityTree();
    const ds = await identityFolder(root, { size: 8, minImagesPerIdentity: 2, channels: 1, range: '[0,1]' });
    assert.deepEqual(ds.classNames, ['alice', 'bob', 'erin']);
    assert.deepEqual([...ds.labels], [0, 0, 0, 1, 1, 1, 2, 2]);
    assert.deepEqual(ds.imageShape, [8, 8, 1]);
    assert.ok(ds.report.warnings.some((w) => /fewer than 2 images.*carol/.test(w)));
    const b = ds.batchSync([3]);
    const v = b.images.dataSync();
    assert.ok(v.every((x) => Math.abs(x - 100 / 255) < 0.01), 'gray 100 maps to 100/255 in [0,1]');
    b.images.dispose();
  });

  it('imageFolder walks a nested FFHQ-style tree and crops, pads or stretches', async () => {
    const root = tempDir('ffhq');
    for (let i = 0; i < 5; i++) await writeImage(join(root, `0000${Math.floor(i / 3)}/0000${i}.png`), 40 + i, 20, [20 * i, 0, 0], 'png');
    const center = await imageFolder(root, { size: [12, 10] });
    assert.equal(center.size, 5);
    assert.equal(center.labelled, false);
    assert.ok(center.labels.every((l) => l === -1));
    assert.deepEqual(center.imageShape, [12, 10, 3]);
    // Padding a wide image leaves background rows top and bottom; centre-crop does not.
    const pad = await imageFolder(root, { size: 16, crop: 'pad', background: '#ffffff', range: '[0,1]' });
    const t = pad.batchSync([0]).images;
    const rows = tf.tidy(() => tf.mean(t, [0, 2, 3]).arraySync() as number[]);
    assert.ok(rows[0] > 0.99 && rows[15] > 0.99 && rows[8] < 0.7, `pad rows ${rows.map((r) => r.toFixed(2))}`);
    t.dispose();
    const stretch = await imageFolder(root, { size: 16, crop: 'stretch', background: '#ffffff', range: '[0,1]' });
    const s = stretch.batchSync([0]).images;
    assert.ok(tf.max(s).dataSync()[0] < 0.7, 'stretch fills the frame');
    s.dispose();
  });

  it('loads a seeded sample of files or identities when asked', async () => {
    const root = tempDir('sample');
    for (let i = 0; i < 12; i++) await writeImage(join(root, `p${i % 4}/${i}.png`), 12, 12, [i * 20, 0, 0], 'png');
    const a = await imageFolder(root, { size: 8, maxImages: 5, seed: 1 });
    assert.equal(a.size, 5);
    assert.deepEqual([...a.names], [...a.names].sort());
    assert.deepEqual((await imageFolder(root, { size: 8, maxImages: 5, seed: 1 })).names, a.names);
    assert.notDeepEqual((await imageFolder(root, { size: 8, maxImages: 5, seed: 2 })).names, a.names);
    assert.match(a.report.warnings[0], /sample of 5 of 12 files/);
    const ids = await identityFolder(root, { size: 8, maxIdentities: 2, seed: 3 });
    assert.equal(ids.classNames.length, 2);
    assert.equal(ids.size, 6);
    assert.deepEqual([...ids.classNames], [...ids.classNames].sort());
  });

  it('fails clearly on an empty folder, a missing folder and a tree without identity folders', async () => {
    const empty = tempDir('empty');
    await assert.rejects(imageFolder(empty), /no usable images under/);
    await assert.rejects(imageFolder(join(empty, 'nope')), /does not exist/);
    writeText(join(empty, 'junk.txt'), 'x');
    await assert.rejects(imageFolder(empty), /1 not-an-image/);
    await assert.rejects(identityFolder(empty), /no sub-folders/);
  });

  it("storage 'files' checks headers at load and drops truncated files at batch time", async () => {
    const root = await identityTree();
    const calls: number[] = [];
    const ds = await identityFolder(root, { size: 8, storage: 'files', onProgress: (done, total) => { calls.push(done); assert.equal(total, 14); } });
    assert.deepEqual(calls, Array.from({ length: 14 }, (_, i) => i + 1));
    const keptBefore = ds.report.imagesKept;
    // The truncated JPEG passes the header check, so dave is still an identity here.
    assert.ok(ds.classNames.includes('dave'));
    assert.throws(() => ds.batchSync([0]), /decodes files on demand/);
    const seen: number[] = [];
    for await (const b of ds.batches({ batchSize: 3, seed: 4 })) {
      assert.equal(b.images.shape[0], b.labels.length);
      seen.push(...b.indices);
      b.images.dispose();
    }
    assert.equal(seen.length, ds.size - 1);
    assert.equal(ds.report.imagesKept, keptBefore - 1);
    assert.equal(calls.length, 14, 'batch-time decodes are not load progress');
    assert.ok(ds.report.skipped.some((s) => s.path.endsWith('broken.jpg') && s.reason === 'corrupt'));
  });

  it('caches the decoded set on disk and reads later loads from the cache', async () => {
    const root = await identityTree();
    const cacheDir = tempDir('cache');
    const first = await identityFolder(root, { size: 8, cacheDir });
    const files = readdirSync(cacheDir);
    assert.equal(files.length, 2, files.join());
    const u8 = join(cacheDir, files.find((f) => f.endsWith('.u8')) as string);
    const a = first.batchSync([0, 6]);
    // Overwrite the cached pixels: a second load that reads the cache must see the change.
    writeFileSync(u8, Buffer.alloc(first.size * 8 * 8 * 3, 255));
    const second = await identityFolder(root, { size: 8, cacheDir });
    assert.deepEqual(second.classNames, first.classNames);
    assert.deepEqual(second.report.skipped, first.report.skipped);
    const b = second.batchSync([0, 6]);
    assert.ok(existsSync(u8));
    assert.ok(b.images.dataSync().every((v) => v === 1));
    assert.ok(a.images.dataSync().some((v) => v < 0.9));
    // Other options → another cache entry.
    await identityFolder(root, { size: 10, cacheDir });
    assert.equal(readdirSync(cacheDir).length, 4);
    // A cache file of the wrong length is rebuilt, not trusted.
    writeFileSync(u8, Buffer.alloc(10));
    const third = await identityFolder(root, { size: 8, cacheDir });
    const c = third.batchSync([0, 6]);
    assert.equal(maxDiff(c.images, a.images), 0);
    tf.dispose(c.images);
    tf.dispose([a.images, b.images]);
  });
});
