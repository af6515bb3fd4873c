/**
 * Memory over long runs: live tensors and resident memory (RSS) sampled every 50 steps while
 * Synthlab's trainer runs a conditional SAGAN, a VAE and FaceNet for 1,000 steps each (200 with
 * --quick) on the chosen backend. Flat means: the live tensor count is the same at the end as
 * after the first sample, and RSS stops growing once the backend's caches are warm.
 */
import * as tf from '../kernel-lib/src/tf';
import { init } from '../kernel-lib/src/backend';
import { proceduralFaces } from '../kernel-lib/src/faces';
import { sagan } from '../kernel-lib/src/models/sagan';
import { vae } from '../kernel-lib/src/models/vae';
import { EmbeddingNet, FaceNetStep, pkBatches } from '../kernel-lib/src/facenet';
import { train } from '../kernel-lib/src/training/trainer';
import type { TrainStep } from '../kernel-lib/src/training/types';
import type { BatchSource } from '../kernel-lib/src/training/data';
import type { ImageDataset } from '../kernel-lib/src/images/dataset';
import type { BenchOptions, BenchResult } from './types';

const EVERY = 50;
const MB = 1024 * 1024;

interface Trace { step: number; tensors: number; rssMb: number }

async function traceRun<B>(model: TrainStep<B>, data: BatchSource<B> | ImageDataset, steps: number, batchSize: number): Promise<Trace[]> {
  const trace: Trace[] = [];
  await train(model, data, {
    steps, batchSize, seed: 1, view: 'none', sampleEvery: 0,
    callbacks: {
      onStep(step) {
        if ((step + 1) % EVERY === 0) trace.push({ step: step + 1, tensors: tf.memory().numTensors, rssMb: process.memoryUsage().rss / MB });
      },
    },
  });
  return trace;
}

function summarize(name: string, trace: Trace[], notes: string): BenchResult[] {
  const first = trace[0], last = trace[trace.length - 1];
  // Peak RSS of the second half against the first: garbage awaiting V8's next major collection
  // makes RSS a sawtooth (tens of MB), so step-to-step growth says little; a leak raises the peak.
  const half = Math.floor(trace.length / 2);
  const peak = (t: Trace[]) => Math.max(...t.map((x) => x.rssMb));
  const [early, late] = [peak(trace.slice(0, half)), peak(trace.slice(half))];
  return [
    { name: `${name}: live tensors gained, steps ${first.step}→${last.step}`, unit: 'tensors', ours: last.tensors - first.tensors, notes: `${first.tensors} live at step ${first.step}; ${notes}` },
    {
      name: `${name}: peak RSS, steps ${trace[half].step}→${last.step} minus steps ${first.step}→${trace[half - 1].step}`, unit: 'MB', ours: late - early,
      notes: `peak ${early.toFixed(0)} MB in the first half, ${late.toFixed(0)} in the second; RSS ${first.rssMb.toFixed(0)} MB at step ${first.step}, ${last.rssMb.toFixed(0)} at ${last.step}`,
      trace,
    },
  ];
}

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const backend = (await init({ quiet: true })).name;
  const steps = quick ? 200 : 1000;
  const results: BenchResult[] = [];
  const faces = proceduralFaces({ identities: 40, imagesPerIdentity: 8, size: 16, seed: 1, storage: 'memory' });

  const gan = sagan({ imageSize: 16, width: 8, latentDim: 32, numClasses: 40, attentionRes: 8, seed: 1 });
  results.push(...summarize('conditional SAGAN 16 px', await traceRun(gan, faces, steps, 16), `${backend} backend, batch 16, width 8, attention at 8×8`));
  gan.dispose();

  const auto = vae({ imageSize: 16, width: 8, latentDim: 16, seed: 1 });
  results.push(...summarize('VAE 16 px', await traceRun(auto, faces, steps, 32), `${backend} backend, batch 32, width 8`));
  auto.dispose();

  const all = faces.batchSync(Int32Array.from({ length: faces.size }, (_, i) => i));
  const net = new EmbeddingNet({ imageSize: 16, channels: 3, depth: 2, width: 8, embeddingDim: 32, seed: 1 });
  const step = new FaceNetStep(net);
  results.push(...summarize('FaceNet 16 px', await traceRun(step, pkBatches(all.images, all.labels, { P: 8, K: 4, seed: 1 }), steps, 32), `${backend} backend, P×K 8×4, depth 2, width 8`));
  step.dispose();
  net.dispose();
  all.images.dispose();
  return results;
}
