/**
 * Saving and loading generators and VAEs in the tfjs artifact format: `model.json` (topology +
 * weights manifest) and `weights.bin`, through a small `tf.io` file handler (tfjs-node's
 * `file://` handler is not available here). Any tfjs program can read the weights with
 * `tf.io.decodeWeights`; the topology is Synthlab's network config (spectral norm, conditional
 * BN and self-attention are not tfjs-layers built-ins), rebuilt by `loadGenerator`/`loadVae`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '../tf';
import { Rng } from '../random';
import { writeFileAtomic } from '../util/atomic';
import { EVAL } from './context';
import { DcganGenerator, type DcganNetConfig } from './dcgan-nets';
import { Gan, latents } from './gan';
import { SaganGenerator, type SaganNetConfig } from './sagan-nets';
import type { GeneratorNet, NetworkConfig } from './types';
import { Vae, type VaeConfig } from './vae';

const FORMAT = 'synthlab-generator';

/** A `tf.io.IOHandler` reading and writing `<dir>/model.json` + `<dir>/weights.bin`. */
export function fileIO(dir: string): Required<Pick<tf.io.IOHandler, 'save' | 'load'>> {
  const root = resolve(dir);
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      mkdirSync(root, { recursive: true });
      const weights = artifacts.weightData ? new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)) : new Uint8Array(0);
      // Weights first: model.json, written last, is what makes the folder a model.
      writeFileAtomic(join(root, 'weights.bin'), weights);
      const json: tf.io.ModelJSON = {
        format: artifacts.format, generatedBy: artifacts.generatedBy, convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology as object,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      writeFileAtomic(join(root, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const path = join(root, 'model.json');
      if (!existsSync(path)) throw new Error(`load: ${path} does not exist (expected a folder written by saveGenerator/saveVae)`);
      const json = JSON.parse(readFileSync(path, 'utf8')) as tf.io.ModelJSON;
      const buffers = json.weightsManifest.flatMap((g) => g.paths.map((p) => {
        const b = readFileSync(join(root, p));
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
      }));
      return {
        modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: tf.io.CompositeArrayBuffer.join(buffers),
      };
    },
  };
}

async function saveParams(config: NetworkConfig, vars: Map<string, tf.Variable>, dir: string): Promise<tf.io.SaveResult> {
  const { data, specs } = await tf.io.encodeWeights(Object.fromEntries(vars));
  return fileIO(dir).save({ format: FORMAT, generatedBy: 'synthlab', modelTopology: { config }, weightSpecs: specs, weightData: data });
}

async function loadParams(dir: string): Promise<{ config: NetworkConfig; values: tf.NamedTensorMap }> {
  const art = await fileIO(dir).load();
  if (art.format !== FORMAT) throw new Error(`load ${dir}: format "${art.format}", expected "${FORMAT}"`);
  const config = (art.modelTopology as { config: NetworkConfig }).config;
  return { config, values: tf.io.decodeWeights(art.weightData as ArrayBuffer, art.weightSpecs ?? []) };
}

/** Saves a GAN's generator (its EMA copy when it has one) or a VAE. */
export async function saveGenerator(model: Gan | Vae, dir: string): Promise<tf.io.SaveResult> {
  if (model instanceof Vae) return saveParams(model.config, model.params.all(), dir);
  return saveParams(model.sampler.config, model.sampler.params.all(), dir);
}

/** A loaded generator: samples and generates, no training state. */
export class Generator {
  constructor(readonly net: GeneratorNet) {}
  get config(): NetworkConfig { return this.net.config; }
  generate(z: tf.Tensor2D, labels?: ArrayLike<number>): tf.Tensor4D {
    return tf.tidy(() => this.net.apply(z, { ...EVAL, labels: labels === undefined ? undefined : tf.tensor1d(Int32Array.from(labels), 'int32') }));
  }
  sample(n: number, seed = 0, labels?: ArrayLike<number>): tf.Tensor4D {
    const z = latents(n, this.config.latentDim, Rng.from(seed));
    const k = this.config.numClasses;
    const out = this.generate(z, k > 0 ? labels ?? Array.from({ length: n }, (_, i) => i % k) : undefined);
    z.dispose();
    return out;
  }
  dispose(): void { this.net.params.dispose(); }
}

/** Loads a generator saved by `saveGenerator` (SAGAN or DCGAN). */
export async function loadGenerator(dir: string): Promise<Generator> {
  const { config, values } = await loadParams(dir);
  try {
    let net: GeneratorNet;
    if (config.kind === 'sagan') net = new SaganGenerator(config as SaganNetConfig, new Rng(0));
    else if (config.kind === 'dcgan') net = new DcganGenerator(config as DcganNetConfig, new Rng(0));
    else throw new Error(`loadGenerator ${dir}: a "${config.kind}" model; use loadVae for VAEs`);
    net.params.load(values, `loadGenerator ${dir}`);
    return new Generator(net);
  } finally {
    tf.dispose(Object.values(values));
  }
}

/** Loads a VAE saved by `saveGenerator` (ready to sample, reconstruct, or train further). */
export async function loadVae(dir: string): Promise<Vae> {
  const { config, values } = await loadParams(dir);
  try {
    if (config.kind !== 'vae') throw new Error(`loadVae ${dir}: a "${config.kind}" model; use loadGenerator`);
    const v = new Vae(config as VaeConfig, new Rng(0));
    v.params.load(values, `loadVae ${dir}`);
    return v;
  } finally {
    tf.dispose(Object.values(values));
  }
}
