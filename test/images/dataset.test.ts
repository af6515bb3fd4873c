import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '../../kernel-lib/src/tf';
import { ImageDataset, idx, idxImages, openImageCache, parseIdx, saveImageCache, splitByIdentity, splitByImage } from '../../kernel-lib/src/images';
import { Rng } from '../../kernel-lib/src/random';
import { removeTempDirs, tempDir } from './fixtures';

/** Big-endian IDX bytes, written the way the MNIST files are. */
function idxBytes(type: number, shape: number[], values: ArrayLike<number>, bytesPer: number, put: (v: DataView, o: number, x: number) => void): Buffer {
  const head = 4 + 4 * shape.length;
  const buf = Buffer.alloc(head + values.length * bytesPer);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  buf[2] = type;
  buf[3] = shape.length;
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  for (let i = 0; i < values.length; i++) put(view, head + i * bytesPer, values[i]);
  return buf;
}

/** A labelled in-memory set: image i is filled with value i, class i % classes. */
function toySet(n: number, classes: number): ImageDataset {
  const px = new Uint8Array(n * 2 * 2);
  for (let i = 0; i < n; i++) px.fill(i, i * 4, i * 4 + 4);
  return ImageDataset.fromBytes(px, { height: 2, width: 2, channels: 1, range: '[0,1]' }, {
    labels: Int32Array.from({ length: n }, (_, i) => i % classes),
    classNames: Array.from({ length: classes }, (_, c) => `id${c}`),
  });
}

describe('images/idx', () => {
  before(async () => { await tf.setBackend('cpu'); });
  after(removeTempDirs);

  it('reads uint8 images and labels, gzipped or not, into a labelled set', () => {
    const dir = tempDir('idx');
    const rng = new Rng(3);
    const pixels = Uint8Array.from({ length: 5 * 4 * 3 }, () => rng.int(256));
    const labels = [3, 1, 4, 1, 5];
    const u8 = (v: DataView, o: number, x: number) => v.setUint8(o, x);
    writeFileSync(join(dir, 'img'), idxBytes(0x08, [5, 4, 3], pixels, 1, u8));
    writeFileSync(join(dir, 'img.gz'), gzipSync(idxBytes(0x08, [5, 4, 3], pixels, 1, u8)));
    writeFileSync(join(dir, 'lab.gz'), gzipSync(idxBytes(0x08, [5], labels, 1, u8)));
    const plain = idx(join(dir, 'img'));
    assert.deepEqual(plain.shape, [5, 4, 3]);
    assert.deepEqual(plain.data, pixels);
    assert.deepEqual(idx(join(dir, 'img.gz')).data, pixels);
    const ds = idxImages(join(dir, 'img.gz'), { labels: join(dir, 'lab.gz'), range: '[0,1]' });
    assert.deepEqual(ds.imageShape, [4, 3, 1]);
    assert.deepEqual([...ds.labels], labels);
    assert.equal(ds.classNames.length, 6);
    const b = ds.batchSync([2]);
    assert.deepEqual(Array.from(b.images.dataSync(), (v) => Math.round(v * 255)), Array.from(pixels.subarray(24, 36)));
    b.images.dispose();
  });

  it('reads big-endian int32 and float32 payloads', () => {
    const ints = parseIdx(idxBytes(0x0c, [3], [-7, 0, 123456789], 4, (v, o, x) => v.setInt32(o, x)));
    assert.deepEqual(Array.from(ints.data), [-7, 0, 123456789]);
    assert.ok(ints.data instanceof Int32Array);
    const floats = parseIdx(idxBytes(0x0d, [2, 1], [1.5, -0.25], 4, (v, o, x) => v.setFloat32(o, x)));
    assert.deepEqual(Array.from(floats.data), [1.5, -0.25]);
  });

  it('names the problem in bad files', () => {
    const good = idxBytes(0x08, [4, 2, 2], new Uint8Array(16), 1, (v, o, x) => v.setUint8(o, x));
    assert.throws(() => parseIdx(Buffer.from('hello world'), 'x.idx'), /x\.idx: not an IDX file/);
    assert.throws(() => parseIdx(good.subarray(0, good.length - 3), 'short.idx'), /short\.idx: shape \[4, 2, 2\].*truncated/);
    const badType = Buffer.from(good); badType[2] = 0x42;
    assert.throws(() => parseIdx(badType), /unknown IDX type byte 0x42/);
    assert.throws(() => parseIdx(gzipSync(good).subarray(0, 20), 'cut.gz'), /cut\.gz: gzip stream is corrupt/);
  });
});

describe('images/ImageDataset batches and splits', () => {
  before(async () => { await tf.setBackend('cpu'); });

  it('covers every image once per epoch in a seeded order and disposes nothing it keeps', async () => {
    const ds = toySet(23, 4);
    const before = tf.memory().numTensors;
    const epoch = async (seed: number, e: number) => {
      const order: number[] = [];
      for await (const b of ds.batches({ batchSize: 5, seed, epoch: e })) {
        assert.equal(b.images.shape[0], b.indices.length);
        // Pixels and labels belong to the indices they claim.
        const v = b.images.dataSync();
        b.indices.forEach((i, k) => { assert.equal(Math.round(v[k * 4] * 255), i); assert.equal(b.labels[k], i % 4); });
        order.push(...b.indices);
        b.images.dispose();
      }
      return order;
    };
    const a = await epoch(1, 0);
    assert.deepEqual([...a].sort((x, y) => x - y), Array.from({ length: 23 }, (_, i) => i));
    assert.deepEqual(await epoch(1, 0), a);
    assert.notDeepEqual(await epoch(1, 1), a);
    assert.notDeepEqual(await epoch(2, 0), a);
    assert.equal(tf.memory().numTensors, before);
    let n = 0;
    for await (const b of ds.batches({ batchSize: 5, dropLast: true, shuffle: false })) { n += b.indices.length; b.images.dispose(); }
    assert.equal(n, 20);
  });

  it('saves any set to a disk cache and reopens it with the same pixels, labels and names', async () => {
    const ds = toySet(10, 3).subset([9, 2, 5, 7]);
    const file = join(tempDir('cache'), 'toy.u8');
    const cached = await saveImageCache(ds, file, 'k1');
    assert.equal(openImageCache(file, 'other-key'), null);
    const again = openImageCache(file, 'k1');
    assert.ok(again);
    for (const d of [cached, again]) {
      assert.deepEqual([...d.labels], [...ds.labels]);
      assert.deepEqual(d.names, ds.names);
      assert.deepEqual(d.classNames, ds.classNames);
      assert.deepEqual((await d.readBytes([0, 1, 2, 3])).bytes, (await ds.readBytes([0, 1, 2, 3])).bytes);
    }
  });

  it('rejects labels that do not index the class names, and out-of-range reads', () => {
    assert.throws(() => ImageDataset.fromBytes(new Uint8Array(8), { height: 2, width: 2, channels: 1, range: '[0,1]' }, { labels: Int32Array.from([0, 2]), classNames: ['a', 'b'] }), /label 2 of image 1/);
    assert.throws(() => toySet(4, 2).batchSync([4]), /index 4 is out of range/);
  });

  it('splits by identity with disjoint identities, and by image per class', () => {
    const ds = toySet(60, 10);
    const { train, test } = splitByIdentity(ds, { testFraction: 0.3, seed: 5 });
    const trainIds = new Set(train.labels), testIds = new Set(test.labels);
    assert.equal(testIds.size, 3);
    assert.equal(trainIds.size, 7);
    for (const id of testIds) assert.ok(!trainIds.has(id));
    assert.equal(train.size + test.size, 60);
    assert.deepEqual(splitByIdentity(ds, { testFraction: 0.3, seed: 5 }).test.names, test.names);
    assert.notDeepEqual(splitByIdentity(ds, { testFraction: 0.3, seed: 6 }).test.names, test.names);
    // Subsets read the right pixels through the index map.
    const v = test.batchSync([0]);
    assert.equal(Math.round(v.images.dataSync()[0] * 255), Number(test.names[0]));
    v.images.dispose();

    const byImg = splitByImage(ds, { testFraction: 0.5, seed: 1 });
    assert.equal(byImg.test.size, 30);
    for (let c = 0; c < 10; c++) {
      assert.equal(byImg.test.labels.filter((l) => l === c).length, 3, `class ${c} split evenly`);
    }
    const names = new Set(byImg.train.names);
    assert.ok(byImg.test.names.every((n) => !names.has(n)));
    assert.throws(() => splitByIdentity(ds, { testFraction: 1.2 }), /testFraction must be in \(0, 1\)/);
  });
});
