import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  MIME, liveDisplay, encodePng, imageGrid, imageGridFrames, lineChart, progress, validatePayload, RichOutput,
  type ImageGridPayload, type TrainingCurvesPayload,
} from '../../kernel-lib/src/display';

/** Decodes with sharp (libvips); channels are the file's own (gray stays 1 channel). */
async function decode(png: Buffer): Promise<{ data: Uint8Array; width: number; height: number; channels: number }> {
  const meta = await sharp(png).metadata();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const channels = meta.channels ?? info.channels;
  const out = new Uint8Array(info.width * info.height * channels);
  // libvips may widen gray to RGB on output; keep the file's own channels.
  for (let i = 0; i < info.width * info.height; i++) for (let c = 0; c < channels; c++) out[i * channels + c] = data[i * info.channels + c];
  return { data: out, width: info.width, height: info.height, channels };
}

describe('display/encodePng', () => {
  it('round-trips gray, RGB and RGBA pixels through a real decoder', async () => {
    for (const channels of [1, 3, 4] as const) {
      const w = 7, h = 5;
      const px = new Uint8Array(w * h * channels).map((_, i) => (i * 37 + channels) % 256);
      const got = await decode(encodePng(px, w, h, channels));
      assert.equal(got.width, w);
      assert.equal(got.height, h);
      assert.equal(got.channels, channels);
      assert.deepEqual(got.data, px);
    }
  });

  it('refuses a buffer of the wrong size, naming the shape', () => {
    assert.throws(() => encodePng(new Uint8Array(10), 2, 2, 3), /expected 12 bytes for 2×2×3, got 10/);
  });
});

describe('display/imageGrid', () => {
  before(async () => { await tf.setBackend('cpu'); });

  it('lays a [-1,1] tensor out as a sprite whose cells hold the images', async () => {
    const before = tf.memory().numTensors;
    const images = tf.tidy(() => tf.reshape(tf.linspace(-1, 1, 5 * 4 * 6 * 3), [5, 4, 6, 3]));
    const out = imageGrid(images, { cols: 2, captions: ['a', 'b', 'c', 'd', 'e'], label: 'epoch 1' });
    const payload = out.bundle[MIME.imageGrid] as ImageGridPayload;
    assert.deepEqual(validatePayload(MIME.imageGrid, payload), []);
    const f = payload.frames[0];
    assert.deepEqual([f.cols, f.rows, f.cellWidth, f.cellHeight, f.count, f.label], [2, 3, 6, 4, 5, 'epoch 1']);
    const sprite = await decode(Buffer.from(f.png, 'base64'));
    assert.deepEqual([sprite.width, sprite.height], [12, 12]);
    // First and last pixel of image 0 map -1 → 0 and the values rise along the tensor.
    assert.equal(sprite.data[0], 0);
    const values = images.dataSync();
    const lastOfImage4 = Math.round(((values[5 * 72 - 1] + 1) / 2) * 255);
    const x = 0 * 6 + 5, y = 2 * 4 + 3; // image 4 sits at col 0, row 2
    assert.equal(sprite.data[(y * 12 + x) * 3 + 2], lastOfImage4);
    assert.ok(typeof out.bundle['image/png'] === 'string' && typeof out.bundle['text/plain'] === 'string');
    images.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  it('keeps several frames and names the problem in bad input', () => {
    const img = { data: new Uint8Array(4 * 4), width: 4, height: 4, channels: 1 as const };
    const out = imageGridFrames([{ images: [img], label: 'e1' }, { images: [img, img], label: 'e2' }]);
    const payload = out.bundle[MIME.imageGrid] as ImageGridPayload;
    assert.deepEqual(payload.frames.map((f) => f.label), ['e1', 'e2']);
    assert.match(out.toString(), /2 images .*\(e2\), 2 frames/);
    assert.throws(() => imageGrid(tf.zeros([2, 3, 3, 2])), /2 channels .*1, 3 or 4/);
    assert.throws(() => imageGrid([img, { ...img, width: 5, data: new Uint8Array(20) }]), /image 1 is 5×4×1/);
  });
});

describe('display/lineChart and payload validation', () => {
  it('turns non-finite values into gaps and reports the last values', () => {
    const out = lineChart([{ name: 'loss', y: [1, NaN, 0.5] }, { name: 'acc', x: [0, 10, 20], y: [0.1, 0.2, Infinity] }]);
    const p = out.bundle[MIME.trainingCurves] as TrainingCurvesPayload;
    assert.deepEqual(p.series[0].y, [1, null, 0.5]);
    assert.deepEqual(p.series[1].x, [0, 10, 20]);
    assert.deepEqual(validatePayload(MIME.trainingCurves, p), []);
    assert.equal(out.toString(), 'loss=0.5 @ 2, acc=0.2 @ 10');
    assert.match(out.bundle['image/svg+xml'] as string, /<path d="M/);
  });

  it('escapes text in the SVG fallback', () => {
    const out = lineChart([{ name: '<script>x</script>', y: [1, 2] }], { title: 'a & b' });
    const svg = out.bundle['image/svg+xml'] as string;
    assert.ok(!svg.includes('<script>'));
    assert.match(svg, /a &amp; b/);
  });

  it('reports every schema problem by path', () => {
    assert.deepEqual(validatePayload('application/vnd.other+json', {}), ['unknown Synthlab MIME type: application/vnd.other+json']);
    const errs = validatePayload(MIME.trainingCurves, { series: [{ name: 3, x: [1, 2], y: [1] }] });
    assert.ok(errs.includes('payload.series[0].name must be a string'), errs.join('; '));
    const gridErrs = validatePayload(MIME.imageGrid, { frames: [{ png: 'not base64!', cols: 1, rows: 1, cellWidth: 2, cellHeight: 2, count: 3 }] });
    assert.ok(gridErrs.some((e) => /png must be base64/.test(e)), gridErrs.join('; '));
    assert.throws(() => new RichOutput({ 'image/png': 'x' }), /text\/plain/);
  });
});

describe('display outside a notebook', () => {
  it('prints the text and writes the picture to SYNTHLAB_DISPLAY_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synthlab-display-'));
    const prev = process.env.SYNTHLAB_DISPLAY_DIR;
    const log = console.log;
    const lines: string[] = [];
    process.env.SYNTHLAB_DISPLAY_DIR = dir;
    console.log = (s: string) => lines.push(s);
    try {
      const h = liveDisplay(lineChart([{ name: 'loss', y: [2, 1] }]));
      h.update(lineChart([{ name: 'loss', y: [2, 1, 0.25] }]));
    } finally {
      console.log = log;
      if (prev === undefined) delete process.env.SYNTHLAB_DISPLAY_DIR; else process.env.SYNTHLAB_DISPLAY_DIR = prev;
    }
    const files = readdirSync(dir);
    assert.equal(files.length, 1);
    assert.match(files[0], /\.svg$/);
    assert.equal(lines.length, 1, 'an update must not print again');
    assert.match(lines[0], /loss=1 @ 1/);
    assert.match(readFileSync(join(dir, files[0]), 'utf8'), /^<svg/); // the file holds the update
  });

  it('draws a terminal progress bar with rate and ETA', () => {
    let t = 0;
    const chunks: string[] = [];
    const stream = Object.assign(new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } }), { isTTY: false });
    const p = progress({ total: 20, label: 'fit', unit: 'step', stream, now: () => t });
    for (let i = 0; i < 20; i++) { t += 500; p.tick(1, { loss: 1 / (i + 1) }); }
    p.finish();
    const text = chunks.join('');
    assert.match(text, /fit  50% \|█{12} {12}\| 10\/20 \[0:05<0:05, 2\.00 step\/s\] loss=0\.1/);
    assert.match(text.trim().split('\n').pop() as string, /100% .* 20\/20 \[0:10<0:00/);
    assert.ok(text.split('\n').length <= 14, 'non-TTY output prints about once per 10 %');
  });
});
