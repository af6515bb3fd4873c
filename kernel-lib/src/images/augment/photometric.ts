/** Photometric augmentations: colour jitter, Gaussian blur, Gaussian noise, cutout. */
import * as tf from '../../tf';
import { check4d, checkProbability, rangeBounds, span, type Augmentation, type Span } from './types';

const perImage = (values: Float32Array) => tf.tensor4d(values, [values.length, 1, 1, 1]);

export interface ColorJitterOptions {
  /** Each factor is drawn from [1 − v, 1 + v] per image (torchvision semantics). Default 0.2 each; 0 turns one off. */
  brightness?: number;
  contrast?: number;
  saturation?: number;
  p?: number;
}

/** Scales brightness, contrast (about the image's mean grey) and saturation (about each pixel's grey). */
export function colorJitter(options: ColorJitterOptions = {}): Augmentation {
  const b = options.brightness ?? 0.2, c = options.contrast ?? 0.2, s = options.saturation ?? 0.2, p = options.p ?? 1;
  checkProbability('colorJitter', p);
  for (const [k, v] of [['brightness', b], ['contrast', c], ['saturation', s]] as const) {
    if (!(v >= 0 && v < 1)) throw new RangeError(`colorJitter: ${k} must be in [0, 1), got ${v}`);
  }
  return {
    name: 'colorJitter',
    apply: (images, rng, range) => tf.tidy(() => {
      check4d('colorJitter', images);
      const n = images.shape[0], channels = images.shape[3];
      const fb = new Float32Array(n).fill(1), fc = new Float32Array(n).fill(1), fs = new Float32Array(n).fill(1);
      for (let i = 0; i < n; i++) {
        const on = rng.float() < p;
        const x = [rng.uniform(1 - b, 1 + b), rng.uniform(1 - c, 1 + c), rng.uniform(1 - s, 1 + s)];
        if (on) { fb[i] = x[0]; fc[i] = x[1]; fs[i] = x[2]; }
      }
      const [lo, hi] = rangeBounds(range);
      let u: tf.Tensor4D = tf.div(tf.sub(images, lo), hi - lo);
      u = tf.mul(u, perImage(fb));
      const grey = (t: tf.Tensor4D) => (channels === 3 ? tf.sum(tf.mul(t, tf.tensor1d([0.299, 0.587, 0.114])), 3, true) : t);
      const mean = tf.mean(grey(u), [1, 2, 3], true);
      u = tf.add(tf.mul(tf.sub(u, mean), perImage(fc)), mean);
      if (channels === 3) { const g = grey(u); u = tf.add(tf.mul(tf.sub(u, g), perImage(fs)), g); }
      return tf.add(tf.mul(tf.clipByValue(u, 0, 1), hi - lo), lo) as tf.Tensor4D;
    }),
  };
}

/** Row-normalised Gaussian blur matrices [N, L, L] with mirrored edges; sigma 0 is the identity. */
function blurMatrices(sigmas: Float32Array, len: number): tf.Tensor3D {
  const out = new Float32Array(sigmas.length * len * len);
  sigmas.forEach((sigma, i) => {
    const base = i * len * len;
    if (sigma < 0.05) { for (let k = 0; k < len; k++) out[base + k * len + k] = 1; return; }
    const r = Math.ceil(3 * sigma);
    for (let row = 0; row < len; row++) {
      let sum = 0;
      for (let d = -r; d <= r; d++) {
        let col = row + d;
        col = col < 0 ? -col - 1 : col >= len ? 2 * len - col - 1 : col;
        col = Math.min(len - 1, Math.max(0, col));
        const wgt = Math.exp((-d * d) / (2 * sigma * sigma));
        out[base + row * len + col] += wgt;
        sum += wgt;
      }
      for (let col = 0; col < len; col++) out[base + row * len + col] /= sum;
    }
  });
  return tf.tensor3d(out, [sigmas.length, len, len]);
}

export interface GaussianBlurOptions {
  /** Blur sigma in pixels, drawn per image (default [0.1, 1.2]). */
  sigma?: Span;
  /** Probability of blurring an image (default 0.5). */
  p?: number;
}

/**
 * Blurs each image with its own sigma. Separable, done as two batched matrix products
 * (rows then columns), so per-image kernels cost no more than one shared kernel.
 */
export function gaussianBlur(options: GaussianBlurOptions = {}): Augmentation {
  const [s0, s1] = span(options.sigma ?? [0.1, 1.2]);
  const p = options.p ?? 0.5;
  checkProbability('gaussianBlur', p);
  if (!(s0 >= 0 && s0 <= s1)) throw new RangeError(`gaussianBlur: sigma must satisfy 0 ≤ min ≤ max, got [${s0}, ${s1}]`);
  return {
    name: 'gaussianBlur',
    apply: (images, rng) => tf.tidy(() => {
      check4d('gaussianBlur', images);
      const [n, h, w, c] = images.shape;
      const sig = Float32Array.from({ length: n }, () => { const on = rng.float() < p; const v = rng.uniform(s0, s1); return on ? v : 0; });
      const rows = tf.matMul(blurMatrices(sig, h), tf.reshape(images, [n, h, w * c]));
      const cols = tf.reshape(tf.transpose(tf.reshape(rows, [n, h, w, c]), [0, 2, 1, 3]), [n, w, h * c]);
      const both = tf.reshape(tf.matMul(blurMatrices(sig, w), cols), [n, w, h, c]);
      return tf.transpose(both, [0, 2, 1, 3]) as tf.Tensor4D;
    }),
  };
}

export interface GaussianNoiseOptions {
  /** Noise standard deviation as a fraction of the pixel range, drawn per image (default [0, 0.05]). */
  std?: Span;
  p?: number;
}

/** Adds per-pixel Gaussian noise (seeded through `rng.seedInt()`), clipped to the range. */
export function gaussianNoise(options: GaussianNoiseOptions = {}): Augmentation {
  const [s0, s1] = span(options.std ?? [0, 0.05]);
  const p = options.p ?? 0.5;
  checkProbability('gaussianNoise', p);
  return {
    name: 'gaussianNoise',
    apply: (images, rng, range) => tf.tidy(() => {
      check4d('gaussianNoise', images);
      const [lo, hi] = rangeBounds(range);
      const stds = Float32Array.from({ length: images.shape[0] }, () => { const on = rng.float() < p; const v = rng.uniform(s0, s1); return on ? v * (hi - lo) : 0; });
      const noise = tf.randomNormal(images.shape, 0, 1, 'float32', rng.seedInt());
      return tf.clipByValue(tf.add(images, tf.mul(noise, perImage(stds))), lo, hi) as tf.Tensor4D;
    }),
  };
}

export interface CutoutOptions {
  /** Side of the square hole as a fraction of the image side, per image (default [0.15, 0.35]). */
  size?: Span;
  p?: number;
  /** Hole value: the range's middle grey (default) or a number. */
  fill?: 'grey' | number;
}

/** Erases one random square per image (DeVries & Taylor 2017); the square may cross the border. */
export function cutout(options: CutoutOptions = {}): Augmentation {
  const [z0, z1] = span(options.size ?? [0.15, 0.35]);
  const p = options.p ?? 0.5;
  checkProbability('cutout', p);
  return {
    name: 'cutout',
    apply: (images, rng, range) => tf.tidy(() => {
      check4d('cutout', images);
      const [n, h, w] = images.shape;
      const keep = new Float32Array(n * h * w).fill(1);
      for (let i = 0; i < n; i++) {
        const on = rng.float() < p;
        const side = rng.uniform(z0, z1), cy = rng.float() * h, cx = rng.float() * w;
        if (!on) continue;
        const hh = (side * h) / 2, hw = (side * w) / 2;
        for (let y = Math.max(0, Math.round(cy - hh)); y < Math.min(h, Math.round(cy + hh)); y++) {
          keep.fill(0, i * h * w + y * w + Math.max(0, Math.round(cx - hw)), i * h * w + y * w + Math.min(w, Math.round(cx + hw)));
        }
      }
      const [lo, hi] = rangeBounds(range);
      const fill = options.fill === undefined || options.fill === 'grey' ? (lo + hi) / 2 : options.fill;
      const m = tf.tensor4d(keep, [n, h, w, 1]);
      return tf.add(tf.mul(images, m), tf.mul(tf.sub(1, m), fill)) as tf.Tensor4D;
    }),
  };
}
