/** `sagan(...)` and `dcgan(...)`: GANs with the paper's training settings as defaults. */
import { Rng, type Seed } from '../random';
import { DcganDiscriminator, DcganGenerator, type DcganNetConfig } from './dcgan-nets';
import { Gan, type GanTrainingOptions } from './gan';
import { SaganDiscriminator, SaganGenerator, type SaganNetConfig } from './sagan-nets';
import { stagesFor } from './types';

export interface SaganOptions extends Partial<GanTrainingOptions> {
  /** Side of the square images: 32, 64 or 128 (8 and 16 work too, for tests). */
  imageSize: number;
  channels?: 1 | 3;
  /** Latent dimension (default 128, as in the code). */
  latentDim?: number;
  /** Base width, the code's gf_dim/df_dim (default 32; the paper uses 64 at 128 px). */
  width?: number;
  /** Classes for a conditional GAN (conditional BN in G, projection D); 0 = unconditional. */
  numClasses?: number;
  /** Feature-map side of the self-attention layers (default min(32, imageSize/2)); 0 = none. */
  attentionRes?: number;
  seed?: Seed | Rng;
}

/**
 * A Self-Attention GAN (Zhang et al. 2018) with the paper's settings: spectral norm on every
 * G and D weight, hinge loss, TTUR Adam (G 1e-4, D 4e-4, β1 0, β2 0.9), self-attention in G
 * and D, optional EMA of G (`emaDecay`), class-conditional with `numClasses`.
 * @example const gan = sagan({ imageSize: 32, seed: 1 }); await train(gan, faces, { epochs: 10, batchSize: 64, seed: 1 });
 */
export function sagan(options: SaganOptions): Gan {
  const { imageSize } = options;
  stagesFor(imageSize, 'sagan');
  const attentionRes = options.attentionRes ?? Math.min(32, imageSize / 2);
  if (attentionRes !== 0 && !(Number.isInteger(Math.log2(attentionRes)) && attentionRes >= 4 && attentionRes <= imageSize / 2)) {
    throw new RangeError(`sagan: attentionRes must be 0 or a power of two in [4, ${imageSize / 2}], got ${attentionRes}`);
  }
  const config: SaganNetConfig = {
    kind: 'sagan', imageSize, channels: options.channels ?? 3, latentDim: options.latentDim ?? 128,
    numClasses: options.numClasses ?? 0, width: options.width ?? 32, attentionRes,
  };
  const rng = Rng.from(options.seed ?? 0);
  const training: GanTrainingOptions = {
    loss: options.loss ?? 'hinge', lrG: options.lrG ?? 1e-4, lrD: options.lrD ?? 4e-4,
    beta1: options.beta1 ?? 0, beta2: options.beta2 ?? 0.9, emaDecay: options.emaDecay ?? 0,
  };
  const G = new SaganGenerator(config, rng.derive('G'));
  const D = new SaganDiscriminator(config, rng.derive('D'));
  const ema = training.emaDecay > 0 ? new SaganGenerator(config, rng.derive('G')) : null;
  return new Gan(G, D, training, ema);
}

export interface DcganOptions extends Partial<GanTrainingOptions> {
  imageSize: number;
  channels?: 1 | 3;
  /** Latent dimension (default 100, as in the paper). */
  latentDim?: number;
  /** Width of D's first layer and G's last hidden one (default 64). */
  width?: number;
  seed?: Seed | Rng;
}

/**
 * DCGAN (Radford et al. 2016) with its settings: non-saturating loss, Adam 2e-4, β1 0.5.
 * @example const gan = dcgan({ imageSize: 32, width: 32, seed: 1 });
 */
export function dcgan(options: DcganOptions): Gan {
  stagesFor(options.imageSize, 'dcgan');
  const config: DcganNetConfig = {
    kind: 'dcgan', imageSize: options.imageSize, channels: options.channels ?? 3, latentDim: options.latentDim ?? 100,
    numClasses: 0, width: options.width ?? 64,
  };
  const rng = Rng.from(options.seed ?? 0);
  const training: GanTrainingOptions = {
    loss: options.loss ?? 'nonsaturating', lrG: options.lrG ?? 2e-4, lrD: options.lrD ?? 2e-4,
    beta1: options.beta1 ?? 0.5, beta2: options.beta2 ?? 0.999, emaDecay: options.emaDecay ?? 0,
  };
  const ema = training.emaDecay > 0 ? new DcganGenerator(config, rng.derive('G')) : null;
  return new Gan(new DcganGenerator(config, rng.derive('G')), new DcganDiscriminator(config, rng.derive('D')), training, ema);
}
