/**
 * CPU training speed: the four reference networks of ../shared/peers/torch_train.py rebuilt with
 * the same layers, sizes and losses in tfjs (autodiff + Adam), one training step each on our 'onnx'
 * backend, against the PyTorch script run in the same benchmark at the same thread count.
 * Writes out/bench.json ({ networks: [...], profile: {...} }) besides the usual results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '../kernel-lib/src/tf';
import { registerOnnxBackend, type OnnxBackend } from '../kernel-lib/src/backend/onnx';
import { Rng } from '../kernel-lib/src/random';
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

const dense = (x: tf.Tensor2D, p: Dense) => tf.add(tf.matMul(x, p.w), p.b) as tf.Tensor2D;
const conv = (x: T4, p: Conv, stride: number) => {
  const y = tf.conv2d(x, p.w as T4, stride, 'same');
  return p.b ? (tf.add(y, p.b) as T4) : y;
};
/** k4 s2 p1 transposed conv: doubles H and W like torch's ConvTranspose2d(k=4, s=2, p=1). */
const convT = (x: T4, p: Conv) => {
  const [n, h, w] = x.shape;
  return tf.add(tf.conv2dTranspose(x, p.w as T4, [n, 2 * h, 2 * w, p.w.shape[2] as number], 2, 'same'), p.b!) as T4;
};
/** Training-mode batch norm over every axis but the channels (torch's BatchNorm1d/2d, eps 1e-5). */
const batchNorm = <R extends tf.Rank>(x: tf.Tensor<R>, p: BN): tf.Tensor<R> => {
  const { mean, variance } = tf.moments(x, [...Array(x.rank - 1).keys()]);
  return tf.batchNorm(x, mean, variance, p.beta, p.gamma, 1e-5) as tf.Tensor<R>;
};
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
    const beta = tf.softmax(tf.matMul(flat(conv(x, f, 1)), flat(conv(x, g, 1)), false, true));
    const o = tf.reshape(tf.matMul(beta, flat(conv(x, h, 1))), x.shape);
    return tf.add(tf.mul(gamma, o), x) as T4;
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
    const h = tf.leakyRelu(conv(tf.leakyRelu(conv(att(tf.leakyRelu(conv(x, c1, 2), 0.2)), c2, 2), 0.2), c3, 2), 0.2);
    return dense(tf.reshape(h, [x.shape[0], -1]) as tf.Tensor2D, fc);
  };
}

/** One GAN step as torch_train.py does it: D on 64 real + 64 fake (G without grads), then G. */
function ganStep(attn: boolean, rng: Rng): () => void {
  const [pg, pd] = [new Params(rng.derive('g')), new Params(rng.derive('d'))];
  const [G, D] = [generator(pg, attn), discriminator(pd, attn)];
  const [og, od] = [tf.train.adam(2e-4, 0.5, 0.999), tf.train.adam(2e-4, 0.5, 0.999)];
  const real = tf.randomUniform([64, 32, 32, 3], -1, 1, 'float32', rng.seedInt()) as T4;
  return () => {
    const fake = tf.tidy(() => G(tf.randomNormal([64, 128], 0, 1, 'float32', rng.seedInt())));
    od.minimize(() => tf.add(bceLogits(D(real), 1), bceLogits(D(fake), 0)), false, pd.vars);
    fake.dispose();
    og.minimize(() => bceLogits(D(G(tf.randomNormal([64, 128], 0, 1, 'float32', rng.seedInt()))), 1), false, pg.vars);
  };
}

function vaeStep(rng: Rng): () => void {
  const ps = new Params(rng);
  const [e1, e2, e3] = [ps.conv(4, 3, 32), ps.conv(4, 32, 64), ps.conv(4, 64, 128)];
  const [mu, lv, d0] = [ps.dense(2048, 64), ps.dense(2048, 64), ps.dense(64, 2048)];
  const [d1, d2, d3] = [ps.conv(4, 128, 64, true, true), ps.conv(4, 64, 32, true, true), ps.conv(4, 32, 3, true, true)];
  const opt = tf.train.adam(1e-3);
  const x = tf.randomUniform([64, 32, 32, 3], 0, 1, 'float32', rng.seedInt()) as T4;
  return () => {
    opt.minimize(
      () => {
        const h = tf.reshape(tf.relu(conv(tf.relu(conv(tf.relu(conv(x, e1, 2)), e2, 2)), e3, 2)), [64, 2048]) as tf.Tensor2D;
        const [m, l] = [dense(h, mu), dense(h, lv)];
        const z = tf.add(m, tf.mul(tf.randomNormal([64, 64], 0, 1, 'float32', rng.seedInt()), tf.exp(tf.mul(l, 0.5)))) as tf.Tensor2D;
        const y = tf.reshape(tf.relu(dense(z, d0)), [64, 4, 4, 128]) as T4;
        const logits = convT(tf.relu(convT(tf.relu(convT(y, d1)), d2)), d3);
        // BCE(sigmoid(logits), x) summed, from logits for stability; KL of N(m, e^l) to N(0, 1).
        const bce = tf.sum(tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.softplus(tf.neg(tf.abs(logits)))));
        const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, l), tf.square(m)), tf.exp(l))));
        return tf.div(tf.add(bce, kl), 64) as tf.Scalar;
      },
      false,
      ps.vars,
    );
  };
}

function facenetStep(rng: Rng): () => void {
  const ps = new Params(rng);
  const ch = [3, 32, 64, 128, 256];
  const blocks = [0, 1, 2, 3].map((i) => ({ c: ps.conv(3, ch[i], ch[i + 1], false), bn: ps.bn(ch[i + 1]) }));
  const fc = ps.dense(256, 128);
  const opt = tf.train.adam(1e-3);
  const x = tf.randomUniform([96, 64, 64, 3], 0, 1, 'float32', rng.seedInt()) as T4;
  const labels = tf.tensor1d(Array.from({ length: 96 }, (_, i) => Math.floor(i / 4)), 'int32');
  const same = tf.cast(tf.equal(tf.expandDims(labels, 1), tf.expandDims(labels, 0)), 'float32');
  return () => {
    opt.minimize(
      () => {
        let h = x;
        for (const b of blocks) h = tf.maxPool(tf.relu(batchNorm(conv(h, b.c, 1), b.bn)), 2, 2, 'valid');
        const e = dense(tf.mean(h, [1, 2]) as tf.Tensor2D, fc);
        const emb = tf.div(e, tf.maximum(tf.norm(e, 'euclidean', 1, true), 1e-12));
        const sq = tf.sum(tf.square(emb), 1, true);
        const d = tf.sqrt(tf.add(tf.relu(tf.sub(tf.add(sq, tf.transpose(sq)), tf.mul(2, tf.matMul(emb, emb, false, true)))), 1e-12));
        const hp = tf.max(tf.mul(d, same), 1);
        const hn = tf.min(tf.add(d, tf.mul(same, 1e9)), 1);
        return tf.mean(tf.relu(tf.add(tf.sub(hp, hn), 0.2))) as tf.Scalar;
      },
      false,
      ps.vars,
    );
  };
}

const NETWORKS: { name: string; peer: string; batch: number; make: (rng: Rng) => () => void }[] = [
  { name: 'dcgan32', peer: 'dcgan', batch: 64, make: (r) => ganStep(false, r) },
  { name: 'sagan32', peer: 'sagan', batch: 64, make: (r) => ganStep(true, r) },
  { name: 'vae32', peer: 'vae', batch: 64, make: vaeStep },
  { name: 'facenet64', peer: 'facenet', batch: 96, make: facenetStep },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** PyTorch's images/s for one network (its first JSON line: the training step). */
function peerImagesPerSecond(model: string, threads: number, steps: number): number | undefined {
  if (!existsSync(PEER) || process.env.SYNTHLAB_BENCH_PEER === '0') return undefined;
  const r = spawnSync('/usr/bin/python3', [PEER, '--threads', String(threads), '--model', model, '--steps', String(steps), '--warmup', '1'], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: String(threads) },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    console.error(`torch_train.py --model ${model} failed: ${r.stderr.trim().split('\n').pop()}`);
    return undefined;
  }
  const first = r.stdout.split('\n').find((l) => l.startsWith('{'));
  return first ? (JSON.parse(first) as { img_per_s_median: number }).img_per_s_median : undefined;
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

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const steps = quick ? 2 : 3;
  const only = process.env.SYNTHLAB_BENCH_NETWORKS?.split(',');
  const results: BenchResult[] = [];
  const networks: { name: string; threads: number; ours: number; peer: number | null; ratio: number | null }[] = [];
  const profile: Record<string, { kernel: string; ms: number; calls: number }[]> = {};
  const threadCounts = (process.env.SYNTHLAB_BENCH_THREADS ?? '1,2').split(',').map(Number);
  for (const threads of threadCounts) {
    const reg = registerOnnxBackend({ threads });
    if (!reg.ok) throw new Error(`training bench needs the onnx backend: ${reg.reason}`);
    await tf.setBackend('onnx');
    for (const net of NETWORKS) {
      if (only && !only.some((o) => net.name.includes(o))) continue;
      const step = net.make(new Rng(`bench-${net.name}`));
      step(); // first step builds and caches every onnxruntime session
      const times: number[] = [];
      const cpuTimes: number[] = [];
      for (let i = 0; i < steps; i++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        step();
        times.push((performance.now() - t0) / 1000);
        const c = process.cpuUsage(c0);
        cpuTimes.push((c.user + c.system) / 1e6);
      }
      const ours = net.batch / median(times);
      if (threads === 1 && !quick) profile[net.name] = await kernelProfile(step, 12);
      const peer = peerImagesPerSecond(net.peer, threads, steps) ?? null;
      const ratio = peer ? ours / peer : null;
      networks.push({ name: net.name, threads, ours, peer, ratio });
      results.push({
        name: `${net.name} train step, ${threads} thread${threads > 1 ? 's' : ''}`,
        unit: 'images/s',
        ours,
        ...(peer ? { peer, ratio: ours / peer } : {}),
        notes: `onnx backend (onnxruntime ${reg.version}), batch ${net.batch}, median of ${steps}; peer: torch_train.py --model ${net.peer}`,
        sessions: (tf.backend() as OnnxBackend).sessionCount,
        // CPU seconds per step (all threads): steadier than wall time on a machine shared with other jobs.
        oursCpuSeconds: median(cpuTimes),
      });
      tf.disposeVariables();
    }
  }
  const outDir = join(__dirname, '..', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bench.json'), JSON.stringify({ date: new Date().toISOString(), networks, profile }, null, 2));
  return results;
}
