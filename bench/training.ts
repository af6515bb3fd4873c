/**
 * CPU training speed: the four reference networks of ../shared/peers/torch_train.py rebuilt with
 * the same layers, sizes and losses in tfjs (autodiff) with Synthlab's Adam, one training step each on our 'onnx'
 * backend, against the PyTorch script run in the same benchmark at the same thread count.
 * Writes out/bench.json ({ networks: [...], profile: {...} }) besides the usual results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import * as tf from '../kernel-lib/src/tf';
import { registerOnnxBackend, type OnnxBackend } from '../kernel-lib/src/backend/onnx';
import { Rng } from '../kernel-lib/src/random';
import { loaders } from '../kernel-lib/src/backend/candidates';
import { attention, batchNormReluPool2x, batchNormTraining, bceWithLogits, scaledAdd } from '../kernel-lib/src/models/ops';
import { conv2dBias, conv2dTransposeBias } from '../kernel-lib/src/models/conv-ops';
import { Adam } from '../kernel-lib/src/training/adam';
import type { BenchOptions, BenchResult } from './types';

const PEER = join(__dirname, '..', '..', 'shared', 'peers', 'torch_train.py');
type V = tf.Variable;
type T4 = tf.Tensor4D;

/** Parameters with PyTorch's default init scale (uniform ±1/√fan_in), seeded. */
class Params {
  readonly vars: V[] = [];
  constructor(private readonly rng: Rng) {}
  uniform(shape: number[], fanIn: number): V {
    const v = tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), 'float32', this.rng.seedInt()));
    this.vars.push(v);
    return v;
  }
  fill(shape: number[], value: number): V {
    const v = tf.variable(tf.fill(shape, value));
    this.vars.push(v);
    return v;
  }
  /** conv k×k cin→cout (HWIO) + bias; a transposed conv stores [k,k,cout,cin] as tfjs expects. */
  conv(k: number, cin: number, cout: number, bias = true, transposed = false): { w: V; b: V | null } {
    const fanIn = (transposed ? cout : cin) * k * k;
    return { w: this.uniform(transposed ? [k, k, cout, cin] : [k, k, cin, cout], fanIn), b: bias ? this.uniform([cout], fanIn) : null };
  }
  dense(nin: number, nout: number): { w: V; b: V } {
    return { w: this.uniform([nin, nout], nin), b: this.uniform([nout], nin) };
  }
  bn(c: number): { gamma: V; beta: V } {
    return { gamma: this.fill([c], 1), beta: this.fill([c], 0) };
  }
}

type Conv = ReturnType<Params['conv']>;
type Dense = ReturnType<Params['dense']>;
type BN = ReturnType<Params['bn']>;

// Dense layers use tfjs's fused matMul with bias, as tfjs-layers does. Convs with a bias use
// Synthlab's conv2dBias / conv2dTransposeBias (models/conv-ops.ts): tfjs unfuses its fused conv
// under a gradient tape, and has no fused transposed conv.
const dense = (x: tf.Tensor2D, p: Dense) => tf.fused.matMul({ a: x, b: p.w as tf.Tensor2D, bias: p.b }) as tf.Tensor2D;
type Act = 'linear' | 'relu' | 'leakyrelu';
const conv = (x: T4, p: { w: tf.Tensor; b: tf.Tensor | null }, stride: number, activation: Act = 'linear') =>
  p.b
    ? conv2dBias(x, p.w as T4, p.b as tf.Tensor1D, stride, 'same', activation, 0.2)
    : activation === 'linear'
      ? tf.conv2d(x, p.w as T4, stride, 'same') // tfjs's fused op would compute an unused input gradient
      : tf.fused.conv2d({ x, filter: p.w as T4, strides: stride, pad: 'same', activation, leakyreluAlpha: 0.2 });
/** k4 s2 p1 transposed conv: doubles H and W like torch's ConvTranspose2d(k=4, s=2, p=1). */
const convT = (x: T4, p: Conv, activation: Act = 'linear') => {
  const [n, h, w] = x.shape;
  return conv2dTransposeBias(x, p.w as T4, p.b as tf.Tensor1D, [n, 2 * h, 2 * w, p.w.shape[2] as number], 2, 'same', activation);
};
/** Training-mode batch norm over every axis but the channels (torch's BatchNorm1d/2d, eps 1e-5). */
const batchNorm = <R extends tf.Rank>(x: tf.Tensor<R>, p: BN): tf.Tensor<R> => batchNormTraining(x, 1e-5, p.gamma as tf.Tensor1D, p.beta as tf.Tensor1D).y;
const bceLogits = (logits: tf.Tensor, target: number) =>
  tf.mean(tf.add(tf.sub(tf.relu(logits), tf.mul(logits, target)), tf.softplus(tf.neg(tf.abs(logits))))) as tf.Scalar;

/** SAGAN block: f, g 1×1 → C/8, h 1×1 → C, softmax over key positions, γ·o + x. */
function selfAttention(ps: Params, c: number): (x: T4) => T4 {
  const f = ps.conv(1, c, c / 8);
  const g = ps.conv(1, c, c / 8);
  const h = ps.conv(1, c, c);
  const gamma = ps.fill([1], 0);
  return (x) => {
    const [b, hh, ww] = x.shape;
    const flat = (t: T4) => tf.reshape(t, [b, hh * ww, t.shape[3]]) as tf.Tensor3D;
    // f, g and h as one 1×1 conv, split (as Synthlab's SelfAttention does): one input gradient, not three summed.
    const fgh = { w: tf.concat([f.w, g.w, h.w], 3), b: tf.concat([f.b!, g.b!, h.b!]) };
    const [fx, gx, hx] = tf.split(conv(x, fgh, 1), [c / 8, c / 8, c], 3) as T4[];
    // softmax(f gᵀ) h as Synthlab's attention op: one kernel each way on onnx.
    const o = tf.reshape(attention(flat(fx), flat(gx), flat(hx)).y, x.shape);
    return scaledAdd(x, gamma, o as T4);
  };
}

function generator(ps: Params, attn: boolean): (z: tf.Tensor2D) => T4 {
  const fc = ps.dense(128, 4 * 4 * 256);
  const bn0 = ps.bn(4 * 4 * 256);
  const [t1, b1, t2, b2] = [ps.conv(4, 256, 128, true, true), ps.bn(128), ps.conv(4, 128, 64, true, true), ps.bn(64)];
  const att = attn ? selfAttention(ps, 64) : (x: T4) => x;
  const t3 = ps.conv(4, 64, 3, true, true);
  return (z) => {
    const x = tf.reshape(tf.relu(batchNorm(dense(z, fc), bn0)), [-1, 4, 4, 256]) as T4;
    const y = tf.relu(batchNorm(convT(tf.relu(batchNorm(convT(x, t1), b1)), t2), b2));
    return tf.tanh(convT(att(y), t3));
  };
}

function discriminator(ps: Params, attn: boolean): (x: T4) => tf.Tensor2D {
  const [c1, c2, c3] = [ps.conv(4, 3, 64), ps.conv(4, 64, 128), ps.conv(4, 128, 256)];
  const att = attn ? selfAttention(ps, 64) : (x: T4) => x;
  const fc = ps.dense(4 * 4 * 256, 1);
  return (x) => {
    const h = conv(conv(att(conv(x, c1, 2, 'leakyrelu')), c2, 2, 'leakyrelu'), c3, 2, 'leakyrelu');
    return dense(tf.reshape(h, [x.shape[0], -1]) as tf.Tensor2D, fc);
  };
}

/** One GAN step as torch_train.py does it: D on 64 real + 64 fake (G without grads), then G. */
/** A training step, and for the GANs the peer's forward-only figure: G(z) then D, no gradients. */
interface Workload {
  step: () => void;
  forward?: () => void;
}

function ganStep(attn: boolean, rng: Rng): Workload {
  const [pg, pd] = [new Params(rng.derive('g')), new Params(rng.derive('d'))];
  const [G, D] = [generator(pg, attn), discriminator(pd, attn)];
  // torch_train.py: Adam(lr 2e-4, betas (0.5, 0.999)) for both.
  const [og, od] = [pg, pd].map((p) => new Adam(p.vars, { learningRate: 2e-4, beta1: 0.5, beta2: 0.999 }));
  const real = tf.randomUniform([64, 32, 32, 3], -1, 1, 'float32', rng.seedInt()) as T4;
  const step = () => {
    const fake = tf.tidy(() => G(tf.randomNormal([64, 128], 0, 1, 'float32', rng.seedInt())));
    od.minimize(() => tf.add(bceLogits(D(real), 1), bceLogits(D(fake), 0)));
    fake.dispose();
    og.minimize(() => bceLogits(D(G(tf.randomNormal([64, 128], 0, 1, 'float32', rng.seedInt()))), 1));
  };
  const forward = () => tf.tidy(() => void tf.sum(D(G(tf.randomNormal([64, 128], 0, 1, 'float32', rng.seedInt())))).dataSync());
  return { step, forward };
}

function vaeStep(rng: Rng): Workload {
  const ps = new Params(rng);
  const [e1, e2, e3] = [ps.conv(4, 3, 32), ps.conv(4, 32, 64), ps.conv(4, 64, 128)];
  const [mu, lv, d0] = [ps.dense(2048, 64), ps.dense(2048, 64), ps.dense(64, 2048)];
  const [d1, d2, d3] = [ps.conv(4, 128, 64, true, true), ps.conv(4, 64, 32, true, true), ps.conv(4, 32, 3, true, true)];
  const opt = new Adam(ps.vars, { learningRate: 1e-3 }); // torch_train.py: Adam(lr 1e-3), default betas
  const x = tf.randomUniform([64, 32, 32, 3], 0, 1, 'float32', rng.seedInt()) as T4;
  const step = () => {
    opt.minimize(
      () => {
        const h = tf.reshape(conv(conv(conv(x, e1, 2, 'relu'), e2, 2, 'relu'), e3, 2, 'relu'), [64, 2048]) as tf.Tensor2D;
        const [m, l] = [dense(h, mu), dense(h, lv)];
        const z = tf.add(m, tf.mul(tf.randomNormal([64, 64], 0, 1, 'float32', rng.seedInt()), tf.exp(tf.mul(l, 0.5)))) as tf.Tensor2D;
        const y = tf.reshape(tf.relu(dense(z, d0)), [64, 4, 4, 128]) as T4;
        const logits = convT(convT(convT(y, d1, 'relu'), d2, 'relu'), d3);
        // BCE(sigmoid(logits), x) summed, from logits for stability; KL of N(m, e^l) to N(0, 1).
        const bce = tf.sum(bceWithLogits(logits, x));
        const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, l), tf.square(m)), tf.exp(l))));
        return tf.div(tf.add(bce, kl), 64) as tf.Scalar;
      },
    );
  };
  return { step };
}

function facenetStep(rng: Rng): Workload {
  const ps = new Params(rng);
  const ch = [3, 32, 64, 128, 256];
  const blocks = [0, 1, 2, 3].map((i) => ({ c: ps.conv(3, ch[i], ch[i + 1], false), bn: ps.bn(ch[i + 1]) }));
  const fc = ps.dense(256, 128);
  const opt = new Adam(ps.vars, { learningRate: 1e-3 }); // torch_train.py: Adam(lr 1e-3), default betas
  const x = tf.randomUniform([96, 64, 64, 3], 0, 1, 'float32', rng.seedInt()) as T4;
  const labels = tf.tensor1d(Array.from({ length: 96 }, (_, i) => Math.floor(i / 4)), 'int32');
  const same = tf.cast(tf.equal(tf.expandDims(labels, 1), tf.expandDims(labels, 0)), 'float32');
  const step = () => {
    opt.minimize(
      () => {
        let h = x;
        for (const b of blocks) h = batchNormReluPool2x(conv(h, b.c, 1), 1e-5, b.bn.gamma as tf.Tensor1D, b.bn.beta as tf.Tensor1D).y;
        const e = dense(tf.mean(h, [1, 2]) as tf.Tensor2D, fc);
        const emb = tf.div(e, tf.maximum(tf.norm(e, 'euclidean', 1, true), 1e-12));
        const sq = tf.sum(tf.square(emb), 1, true);
        const d = tf.sqrt(tf.add(tf.relu(tf.sub(tf.add(sq, tf.transpose(sq)), tf.mul(2, tf.matMul(emb, emb, false, true)))), 1e-12));
        const hp = tf.max(tf.mul(d, same), 1);
        const hn = tf.min(tf.add(d, tf.mul(same, 1e9)), 1);
        return tf.mean(tf.relu(tf.add(tf.sub(hp, hn), 0.2))) as tf.Scalar;
      },
    );
  };
  return { step };
}

/** Multiply-accumulates per image of the DCGAN pair (torch_train.py's count_macs): G 18.09 M, D 17.57 M. */
const DCGAN_FORWARD_FLOP_PER_IMAGE = 2 * (18_087_936 + 17_567_744);

export const NETWORKS: { name: string; peer: string; batch: number; make: (rng: Rng) => Workload }[] = [
  { name: 'dcgan32', peer: 'dcgan', batch: 64, make: (r) => ganStep(false, r) },
  { name: 'sagan32', peer: 'sagan', batch: 64, make: (r) => ganStep(true, r) },
  { name: 'vae32', peer: 'vae', batch: 64, make: vaeStep },
  { name: 'facenet64', peer: 'facenet', batch: 96, make: facenetStep },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** PyTorch's images/s for one network: its training step, and (GANs) its forward-only figure. */
function peerImagesPerSecond(model: string, threads: number, steps: number): { step: number; forward?: number } | undefined {
  if (!existsSync(PEER) || process.env.SYNTHLAB_BENCH_PEER === '0') return undefined;
  const r = spawnSync('/usr/bin/python3', [PEER, '--threads', String(threads), '--model', model, '--steps', String(steps), '--warmup', '1'], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: String(threads) },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    console.error(`torch_train.py --model ${model} failed: ${r.stderr.trim().split('\n').pop()}`);
    return undefined;
  }
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { what: string; img_per_s_median?: number });
  const step = lines.find((l) => !l.what.startsWith('forward'))?.img_per_s_median;
  const forward = lines.find((l) => l.what.startsWith('forward'))?.img_per_s_median;
  return step ? { step, forward } : undefined;
}

/** Median wall and CPU seconds of `fn` over `n` runs. */
function timeIt(fn: () => void, n: number): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** fp32 matmul peak through our backend (onnxruntime's MLAS Gemm), 1024², in GFLOP per wall and per CPU second. */
function matMulPeak(): { wall: number; cpu: number } {
  const [a, b] = [tf.randomNormal([1024, 1024], 0, 1, 'float32', 1), tf.randomNormal([1024, 1024], 0, 1, 'float32', 2)];
  const run = () => tf.matMul(a, b).dispose();
  run();
  const t = timeIt(run, 5);
  tf.dispose([a, b]);
  return { wall: (2 * 1024 ** 3) / t.wall / 1e9, cpu: (2 * 1024 ** 3) / t.cpu / 1e9 };
}

/** Per-kernel time of one step (tf.profile), largest first. */
async function kernelProfile(step: () => void, top: number): Promise<{ kernel: string; ms: number; calls: number }[]> {
  // CPU time per kernel: on a shared machine wall time mostly measures the other jobs.
  const backend = tf.backend() as OnnxBackend;
  backend.clock = 'cpu';
  const info = await tf.profile(() => {
    step();
  });
  backend.clock = 'wall';
  const by = new Map<string, { ms: number; calls: number }>();
  if (process.env.SYNTHLAB_BENCH_TRACE) {
    const calls = info.kernels.map((k) => ({ n: k.name, ms: Number(k.kernelTimeMs), s: JSON.stringify(k.inputShapes) }));
    for (const c of calls.sort((a, b) => b.ms - a.ms).slice(0, 40)) console.error(c.n, c.ms.toFixed(1), c.s);
  }
  for (const k of info.kernels) {
    const e = by.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    e.calls += 1;
    by.set(k.name, e);
  }
  return [...by.entries()]
    .map(([kernel, e]) => ({ kernel, ms: Math.round(e.ms * 10) / 10, calls: e.calls }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

/** One row of out/bench.json's `networks`. */
interface NetworkRow { name: string; threads: number; ours: number; peer: number | null; ratio: number | null; oursCpuSeconds: number; backend: string }

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const steps = quick ? 2 : 3;
  const only = process.env.SYNTHLAB_BENCH_NETWORKS?.split(',');
  const results: BenchResult[] = [];
  const networks: NetworkRow[] = [];
  const forward: { name: string; threads: number; gflops: number; peakGflops: number; fractionOfPeak: number; fractionOfPeakCpu: number }[] = [];
  const profile: Record<string, { kernel: string; ms: number; calls: number }[]> = {};
  const threadCounts = (process.env.SYNTHLAB_BENCH_THREADS ?? '1,2').split(',').map(Number);
  for (const threads of threadCounts) {
    const reg = registerOnnxBackend({ threads });
    if (!reg.ok) throw new Error(`training bench needs the onnx backend: ${reg.reason}`);
    await tf.setBackend('onnx');
    const peak = matMulPeak();
    for (const net of NETWORKS) {
      if (only && !only.some((o) => net.name.includes(o))) continue;
      const work = net.make(new Rng(`bench-${net.name}`));
      work.step(); // the first step builds and caches every onnxruntime session
      const t = timeIt(work.step, steps);
      const ours = net.batch / t.wall;
      if (threads === 1 && !quick) profile[net.name] = await kernelProfile(work.step, 12);
      const peerRun = peerImagesPerSecond(net.peer, threads, steps);
      const peer = peerRun?.step ?? null;
      networks.push({ name: net.name, threads, ours, peer, ratio: peer ? ours / peer : null, oursCpuSeconds: t.cpu, backend: 'onnx' });
      const label = `${threads} thread${threads > 1 ? 's' : ''}`;
      results.push({
        name: `${net.name} train step, ${label}`,
        unit: 'images/s',
        ours,
        ...(peer ? { peer, ratio: ours / peer } : {}),
        notes: `onnx backend (onnxruntime ${reg.version}), batch ${net.batch}, median of ${steps}; peer: torch_train.py --model ${net.peer}`,
        sessions: (tf.backend() as OnnxBackend).sessionCount,
        // CPU seconds per step (all threads): steadier than wall time on a machine shared with other jobs.
        oursCpuSeconds: t.cpu,
      });
      if (work.forward && net.name === 'dcgan32') {
        work.forward();
        const f = timeIt(work.forward, steps);
        const flop = net.batch * DCGAN_FORWARD_FLOP_PER_IMAGE;
        const gflops = flop / f.wall / 1e9;
        const fwdPeer = peerRun?.forward;
        // Per CPU second too: on a shared machine the wall-clock peak and forward both drift.
        const cpuFraction = flop / f.cpu / 1e9 / peak.cpu;
        forward.push({ name: net.name, threads, gflops, peakGflops: peak.wall, fractionOfPeak: gflops / peak.wall, fractionOfPeakCpu: cpuFraction });
        results.push({
          name: `${net.name} forward G+D (no grad), ${label}`,
          unit: 'images/s',
          ours: net.batch / f.wall,
          ...(fwdPeer ? { peer: fwdPeer, ratio: net.batch / f.wall / fwdPeer } : {}),
          notes:
            `${gflops.toFixed(1)} GFLOP/s = ${((100 * gflops) / peak.wall).toFixed(0)}% of the ${peak.wall.toFixed(0)} GFLOP/s 1024² matmul ` +
            `measured just before on this backend (${(100 * cpuFraction).toFixed(0)}% per CPU second)`,
        });
      }
      tf.disposeVariables();
    }
  }
  results.push(...(await nativeRuns(NETWORKS.filter((n) => !only || only.some((o) => n.name.includes(o))), steps, networks)));
  const outDir = join(__dirname, '..', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bench.json'), JSON.stringify({ date: new Date().toISOString(), networks, forward, profile }, null, 2));
  return results;
}

/**
 * The same networks on tfjs-node-gpu / tfjs-node where one installed (its install downloads
 * libtensorflow, so not on these machines): TensorFlow uses every core, so the peer does too.
 */
async function nativeRuns(nets: typeof NETWORKS, steps: number, networks: NetworkRow[]): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const name of ['tfjs-node-gpu', 'tfjs-node'] as const) {
    try {
      await loaders[name]({});
    } catch (err) {
      console.error(`training bench: ${name} not measured: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    const threads = cpus().length;
    for (const net of nets) {
      const work = net.make(new Rng(`bench-${net.name}`));
      work.step();
      const t = timeIt(work.step, steps);
      const ours = net.batch / t.wall;
      const peer = peerImagesPerSecond(net.peer, threads, steps)?.step ?? null;
      networks.push({ name: net.name, threads, ours, peer, ratio: peer ? ours / peer : null, oursCpuSeconds: t.cpu, backend: name });
      results.push({ name: `${net.name} train step, ${name}`, unit: 'images/s', ours, ...(peer ? { peer, ratio: ours / peer } : {}), notes: `${name} (libtensorflow, all ${threads} cores), batch ${net.batch}; peer: torch_train.py at ${threads} threads` });
      tf.disposeVariables();
    }
    break; // the best native backend that loads
  }
  return results;
}
