/** GAN and VAE losses. Inputs are logits / per-sample values; outputs are scalars. */
import * as tf from '../tf';
import { bceWithLogits } from './ops';

export type GanLoss = 'hinge' | 'nonsaturating';

/** Hinge loss of D (SAGAN): E[max(0, 1 − D(x))] + E[max(0, 1 + D(G(z)))]. */
export function hingeLossD(real: tf.Tensor, fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.add(tf.mean(tf.relu(tf.sub(1, real))), tf.mean(tf.relu(tf.add(1, fake)))));
}

/** Hinge loss of G: −E[D(G(z))]. */
export function hingeLossG(fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(fake)) as tf.Scalar);
}

/** Standard GAN loss of D on logits (binary cross-entropy, written stably with softplus). */
export function bceLossD(real: tf.Tensor, fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.add(tf.mean(tf.softplus(tf.neg(real))), tf.mean(tf.softplus(fake))));
}

/** Non-saturating G loss (Goodfellow et al. 2014): −E[log σ(D(G(z)))]. */
export function nonSaturatingLossG(fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.softplus(tf.neg(fake))));
}

export function ganLosses(kind: GanLoss): { d: (real: tf.Tensor, fake: tf.Tensor) => tf.Scalar; g: (fake: tf.Tensor) => tf.Scalar } {
  return kind === 'hinge' ? { d: hingeLossD, g: hingeLossG } : { d: bceLossD, g: nonSaturatingLossG };
}

/** KL(N(μ, σ²) ‖ N(0, I)) per sample, summed over latent dimensions: [B]. */
export function klDivergence(mu: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar)), 1)));
}

/**
 * Reconstruction loss per sample, summed over pixels: [B]. 'bce' takes decoder logits and
 * targets in [0, 1]; 'mse' takes decoder outputs and targets in the same range.
 */
export function reconstructionLoss(kind: 'bce' | 'mse', output: tf.Tensor4D, target: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const perPixel = kind === 'bce'
      ? bceWithLogits(output, target)
      : tf.square(tf.sub(output, target));
    return tf.sum(perPixel, [1, 2, 3]);
  });
}
