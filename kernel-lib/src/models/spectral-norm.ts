/**
 * Spectral normalisation (Miyato et al. 2018): W / σ(W), σ estimated by one power iteration per
 * training step from a persistent vector u, as in the SAGAN code. The weight is viewed as a
 * matrix [fan-in, out] (the TF layout: reshape to [-1, out]).
 *
 * Deviation from the TF SAGAN code, as in PyTorch's `spectral_norm`: u and v are treated as
 * constants in the gradient (Miyato's original; the TF code lets gradients flow through the
 * iteration, a second-order effect on a quantity that is itself only an estimate).
 */
import * as tf from '../tf';
import type { ForwardContext } from './context';
import { stopGradient } from './ops';
import type { Init, Params } from './params';

function l2normalize(x: tf.Tensor, eps = 1e-12): tf.Tensor {
  return tf.div(x, tf.add(tf.sqrt(tf.sum(tf.square(x))), eps));
}

/** A weight used either as is or spectrally normalised. */
export class Weight {
  readonly w: tf.Variable;
  /** Persistent left singular vector estimate [1, out]; null when not normalised. */
  readonly u: tf.Variable | null;

  constructor(params: Params, name: string, shape: number[], init: Init, spectral: boolean) {
    this.w = params.add(name, shape, init);
    // u starts as a random normal vector (the TF code's truncated normal; the scale is irrelevant).
    this.u = spectral ? params.add(`${name}_u`, [1, shape[shape.length - 1]], { kind: 'normal', std: 1 }, false) : null;
  }

  /** The weight to use now. In a step that updates statistics, u takes its new estimate. */
  value(ctx: ForwardContext): tf.Tensor {
    if (!this.u) return this.w;
    const { w, u } = this;
    const out = w.shape[w.shape.length - 1];
    const wMat = tf.reshape(w, [-1, out]);
    const [uNew, vNew] = tf.tidy(() => {
      const wc = stopGradient(wMat);
      const v = l2normalize(tf.matMul(u, wc, false, true)); // [1, in]
      return [l2normalize(tf.matMul(v, wc)), v]; // [1, out]
    });
    // σ = v W uᵀ, differentiable in W only.
    const sigma = tf.sum(tf.mul(tf.matMul(vNew, wMat), uNew));
    if (ctx.updateStats) u.assign(uNew);
    return tf.div(w, sigma);
  }

  /** σ(W) by many power iterations from u (for tests and diagnostics; changes nothing). */
  spectralNormOfNormalised(iterations = 50): number {
    return tf.tidy(() => {
      const out = this.w.shape[this.w.shape.length - 1];
      let wMat = tf.reshape(this.w, [-1, out]);
      if (this.u) {
        const v = l2normalize(tf.matMul(this.u, wMat, false, true));
        const u = l2normalize(tf.matMul(v, wMat));
        wMat = tf.div(wMat, tf.sum(tf.mul(tf.matMul(v, wMat), u)));
      }
      let x: tf.Tensor = tf.ones([1, out]);
      for (let i = 0; i < iterations; i++) x = l2normalize(tf.matMul(tf.matMul(x, wMat, false, true), wMat));
      return Math.sqrt(tf.sum(tf.square(tf.matMul(x, wMat, false, true))).dataSync()[0]);
    });
  }
}
