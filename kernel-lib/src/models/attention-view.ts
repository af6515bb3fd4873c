/**
 * Where a query position attends: runs a SAGAN generator on seeded latents, takes the map of its
 * self-attention layer for the query's feature-map position, and overlays it on each image.
 */
import * as tf from '../tf';
import { imageGrid, type RawImage } from '../display/image-grid';
import type { RichOutput } from '../display/output';
import { Rng } from '../random';
import { EVAL } from './context';
import { latents, type Gan } from './gan';

export interface AttentionViewOptions {
  /** Query pixel [row, col] in image coordinates (default: the centre). */
  query?: [number, number];
  /** Images to show (default 4). */
  count?: number;
  seed?: number;
  /** Classes of a conditional GAN (default 0, 1, 2, …). */
  labels?: ArrayLike<number>;
}

export interface AttentionView {
  /** Attention of the query over the pooled positions: per image, (r/2)² weights summing to 1. */
  maps: Float32Array[];
  /** Side of the pooled grid the maps live on (r/2). */
  side: number;
  /** Images and overlays, alternating, for `display()`. */
  output: RichOutput;
}

export function attentionView(gan: Gan, options: AttentionViewOptions = {}): AttentionView {
  const net = gan.sampler;
  const { imageSize: size, channels, attentionRes, numClasses } = net.config as typeof net.config & { attentionRes?: number };
  if (!attentionRes) throw new Error('attentionView: this generator has no self-attention layer (a SAGAN with attentionRes > 0 has)');
  const n = options.count ?? 4;
  const [qy, qx] = options.query ?? [size >> 1, size >> 1];
  if (!(qy >= 0 && qy < size && qx >= 0 && qx < size)) throw new RangeError(`attentionView: query [${qy}, ${qx}] is outside the ${size}×${size} image`);
  const z = latents(n, net.config.latentDim, Rng.from(options.seed ?? 0));
  const labels = numClasses > 0 ? tf.tensor1d(Int32Array.from(options.labels ?? Array.from({ length: n }, (_, i) => i % numClasses)), 'int32') : undefined;
  const captured: tf.Tensor3D[] = [];
  const images = tf.tidy(() => net.apply(z, { ...EVAL, labels, attention: captured }));
  const r = attentionRes, side = r / 2;
  const q = Math.floor((qy * r) / size) * r + Math.floor((qx * r) / size);
  const all = captured[0].dataSync() as Float32Array;
  const px = images.dataSync();
  tf.dispose([z, images, ...captured, ...(labels ? [labels] : [])]);

  const maps: Float32Array[] = [];
  const out: RawImage[] = [];
  const captions: string[] = [];
  const cell = size / side;
  for (let b = 0; b < n; b++) {
    const off = (b * r * r + q) * side * side;
    const m = all.slice(off, off + side * side);
    maps.push(m);
    let max = 0;
    for (const v of m) max = Math.max(max, v);
    const img = new Float32Array(size * size * 3), over = new Float32Array(size * size * 3);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
      const p = y * size + x;
      const v = channels === 3 ? [px[(b * size * size + p) * 3], px[(b * size * size + p) * 3 + 1], px[(b * size * size + p) * 3 + 2]] : Array(3).fill(px[b * size * size + p]);
      const a = max > 0 ? m[Math.floor(y / cell) * side + Math.floor(x / cell)] / max : 0;
      const isQuery = Math.abs(y - qy) <= size / 64 && Math.abs(x - qx) <= size / 64;
      for (let c = 0; c < 3; c++) {
        img[p * 3 + c] = isQuery ? (c === 1 ? 1 : -1) : v[c];
        // Darken the image and add the attention as red heat.
        over[p * 3 + c] = isQuery ? (c === 1 ? 1 : -1) : 0.4 * v[c] - 0.6 + (c === 0 ? 1.6 * a : 0.4 * a);
      }
    }
    out.push({ data: img, width: size, height: size, channels: 3 }, { data: over, width: size, height: size, channels: 3 });
    captions.push(`sample ${b}`, `attention of (${qy},${qx})`);
  }
  const output = imageGrid(out, { cols: 2, captions, title: `self-attention at ${r}×${r}, query (${qy}, ${qx})`, range: '[-1,1]' });
  return { maps, side, output };
}
