/** Geometric augmentations: horizontal flip, random resized crop, small rotation. */
import * as tf from '../../tf';
import { check4d, checkProbability, span, type Augmentation, type Span } from './types';


/** Mirrors each image left–right with probability `p` (default 0.5). */
export function flipHorizontal(options: { p?: number } = {}): Augmentation {
  const p = options.p ?? 0.5;
  checkProbability('flipHorizontal', p);
  return {
    name: 'flipHorizontal',
    apply: (images, rng) => tf.tidy(() => {
      check4d('flipHorizontal', images);
      const n = images.shape[0];
      const flip = tf.tensor4d(Uint8Array.from({ length: n }, () => (rng.float() < p ? 1 : 0)), [n, 1, 1, 1], 'bool');
      // A broadcast condition selects whole images: exact pixels, no arithmetic blend.
      return tf.where(flip, tf.reverse(images, 2), images);
    }),
  };
}

export interface RandomResizedCropOptions {
  /** Fraction of the image area kept (default [0.6, 1]; ImageNet's 0.08 is too harsh for faces). */
  scale?: Span;
  /** Aspect ratio width/height of the crop, log-uniform (default [3/4, 4/3]). */
  ratio?: Span;
  /** Probability of cropping an image (default 1). */
  p?: number;
}

/** Crops a random box of each image and resizes it back to the input size (bilinear). */
export function randomResizedCrop(options: RandomResizedCropOptions = {}): Augmentation {
  const [s0, s1] = span(options.scale ?? [0.6, 1]);
  const [r0, r1] = span(options.ratio ?? [3 / 4, 4 / 3]);
  const p = options.p ?? 1;
  checkProbability('randomResizedCrop', p);
  if (!(s0 > 0 && s1 <= 1 && s0 <= s1)) throw new RangeError(`randomResizedCrop: scale must satisfy 0 < min ≤ max ≤ 1, got [${s0}, ${s1}]`);
  if (!(r0 > 0 && r0 <= r1)) throw new RangeError(`randomResizedCrop: ratio must satisfy 0 < min ≤ max, got [${r0}, ${r1}]`);
  return {
    name: 'randomResizedCrop',
    apply: (images, rng) => tf.tidy(() => {
      check4d('randomResizedCrop', images);
      const [n, h, w] = images.shape;
      const boxes = new Float32Array(n * 4);
      for (let i = 0; i < n; i++) {
        let bh = 1, bw = 1;
        if (rng.float() < p) {
          const area = rng.uniform(s0, s1), ratio = Math.exp(rng.uniform(Math.log(r0), Math.log(r1)));
          bw = Math.min(1, Math.sqrt(area * ratio));
          bh = Math.min(1, Math.sqrt(area / ratio));
        }
        const y = rng.uniform(0, 1 - bh), x = rng.uniform(0, 1 - bw);
        boxes.set([y, x, y + bh, x + bw], i * 4);
      }
      return tf.image.cropAndResize(images, tf.tensor2d(boxes, [n, 4]), tf.range(0, n, 1, 'int32') as tf.Tensor1D, [h, w], 'bilinear');
    }),
  };
}

export interface RotateOptions {
  /** Largest rotation either way, degrees (default 10). */
  maxDegrees?: number;
  /** How pixels outside the source are filled (default 'reflect', which keeps no black corners). */
  fill?: 'reflect' | 'nearest' | 'constant';
  /** Value for fill 'constant' (default 0). */
  fillValue?: number;
  p?: number;
}

/** Maps a source coordinate into [0, len − 1] the way the fill mode says; NaN = outside ('constant'). */
function mapCoord(c: number, len: number, fill: 'reflect' | 'nearest' | 'constant'): number {
  if (fill === 'constant') return c < -0.5 || c > len - 0.5 ? NaN : Math.min(len - 1, Math.max(0, c));
  if (fill === 'reflect' && len > 1) {
    // Mirror about the outer pixel edges (TensorFlow's 'reflect'), period 2·len.
    const period = 2 * len;
    let m = (c + 0.5) % period;
    if (m < 0) m += period;
    c = (m < len ? m : period - m) - 0.5;
  }
  return Math.min(len - 1, Math.max(0, c));
}

/**
 * Per-image affine resampling (bilinear) as four gathers: output (x, y) reads the input at
 * (m0·x + m1·y + m2, m3·x + m4·y + m5). Written with gather rather than tf.image.transform,
 * whose cpu kernel in tfjs 4.22 returns after the first image of a batch (the rest stay 0) and
 * which the wasm backend lacks.
 */
export function affineWarp(images: tf.Tensor4D, mats: Float32Array, fill: 'reflect' | 'nearest' | 'constant' = 'reflect', fillValue = 0): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = images.shape;
    const size = n * h * w;
    const idx = [new Int32Array(size), new Int32Array(size), new Int32Array(size), new Int32Array(size)];
    const wt = [new Float32Array(size), new Float32Array(size), new Float32Array(size), new Float32Array(size)];
    const outside = new Float32Array(size);
    for (let i = 0; i < n; i++) {
      const m = mats.subarray(i * 6, i * 6 + 6);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const o = (i * h + y) * w + x;
          const sx = mapCoord(m[0] * x + m[1] * y + m[2], w, fill), sy = mapCoord(m[3] * x + m[4] * y + m[5], h, fill);
          if (Number.isNaN(sx) || Number.isNaN(sy)) { outside[o] = 1; idx[0][o] = idx[1][o] = idx[2][o] = idx[3][o] = i * h * w; continue; }
          const x0 = Math.floor(sx), y0 = Math.floor(sy), x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
          const fx = sx - x0, fy = sy - y0, base = i * h * w;
          idx[0][o] = base + y0 * w + x0; wt[0][o] = (1 - fx) * (1 - fy);
          idx[1][o] = base + y0 * w + x1; wt[1][o] = fx * (1 - fy);
          idx[2][o] = base + y1 * w + x0; wt[2][o] = (1 - fx) * fy;
          idx[3][o] = base + y1 * w + x1; wt[3][o] = fx * fy;
        }
      }
    }
    const flat = tf.reshape(images, [size, c]);
    let out = tf.mul(tf.gather(flat, tf.tensor1d(idx[0], 'int32')), tf.tensor2d(wt[0], [size, 1]));
    for (let k = 1; k < 4; k++) out = tf.add(out, tf.mul(tf.gather(flat, tf.tensor1d(idx[k], 'int32')), tf.tensor2d(wt[k], [size, 1])));
    if (fill === 'constant' && fillValue !== 0) out = tf.add(out, tf.mul(tf.tensor2d(outside, [size, 1]), fillValue));
    return tf.reshape(out, [n, h, w, c]);
  });
}

/** Rotates each image about its centre by its own angle in ±maxDegrees. */
export function rotate(options: RotateOptions = {}): Augmentation {
  const max = ((options.maxDegrees ?? 10) * Math.PI) / 180;
  const p = options.p ?? 1;
  checkProbability('rotate', p);
  return {
    name: 'rotate',
    apply: (images, rng) => {
      check4d('rotate', images);
      const [n, h, w] = images.shape;
      const cx = (w - 1) / 2, cy = (h - 1) / 2;
      const mats = new Float32Array(n * 6);
      for (let i = 0; i < n; i++) {
        const on = rng.float() < p;
        const a = on ? rng.uniform(-max, max) : (rng.float(), 0);
        const c = Math.cos(a), s = Math.sin(a);
        // Output pixel (x, y) samples the input rotated about the centre.
        mats.set([c, -s, cx - c * cx + s * cy, s, c, cy - s * cx - c * cy], i * 6);
      }
      return affineWarp(images, mats, options.fill ?? 'reflect', options.fillValue ?? 0);
    },
  };
}
