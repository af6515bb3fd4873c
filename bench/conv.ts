/**
 * The onnx backend's conv kernels at the training bench's layer shapes: CPU ms per call of Conv2D,
 * Conv2DBackpropInput (also every transposed conv) and Conv2DBackpropFilter, and the graph form each
 * took, against PyTorch's conv2d / convolution_backward on the same shapes (NCHW, its default) at
 * the same thread count. ratio = PyTorch ms / ours ms (> 1: we are faster).
 * SYNTHLAB_BENCH_THREADS (default '1,2'), SYNTHLAB_BENCH_PEER=0 to skip PyTorch.
 */
import { spawnSync } from 'node:child_process';
import * as tf from '../kernel-lib/src/tf';
import { registerOnnxBackend, type OnnxBackend } from '../kernel-lib/src/backend/onnx';
import type { BenchOptions, BenchResult } from './types';
import { bestCpuMs } from './timing';

interface Layer {
  name: string;
  x: [number, number, number, number];
  k: number;
  cout: number;
  stride: number;
}

/** dcgan32/sagan32 D convs (G's transposed convs are their dx), batch 64; facenet64 blocks, batch 96. */
const LAYERS: Layer[] = [
  { name: 'dcgan 32x32x3->16x16x64 k4s2', x: [64, 32, 32, 3], k: 4, cout: 64, stride: 2 },
  { name: 'dcgan 16x16x64->8x8x128 k4s2', x: [64, 16, 16, 64], k: 4, cout: 128, stride: 2 },
  { name: 'dcgan 8x8x128->4x4x256 k4s2', x: [64, 8, 8, 128], k: 4, cout: 256, stride: 2 },
  { name: 'facenet 64x64x3->32 k3s1', x: [96, 64, 64, 3], k: 3, cout: 32, stride: 1 },
  { name: 'facenet 32x32x32->64 k3s1', x: [96, 32, 32, 32], k: 3, cout: 64, stride: 1 },
  { name: 'facenet 16x16x64->128 k3s1', x: [96, 16, 16, 64], k: 3, cout: 128, stride: 1 },
  { name: 'facenet 8x8x128->256 k3s1', x: [96, 8, 8, 128], k: 3, cout: 256, stride: 1 },
];

const KERNELS = ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'] as const;
type Kernel = (typeof KERNELS)[number];


/** ms per call of each kernel on the onnx backend, and the form (session key kind) it ran. */
function ours(l: Layer, reps: number): Record<Kernel, { ms: number; form: string }> {
  const backend = tf.backend() as OnnxBackend;
  const x = tf.randomNormal(l.x, 0, 1, 'float32', 1) as tf.Tensor4D;
  const w = tf.randomNormal([l.k, l.k, l.x[3], l.cout], 0, 1, 'float32', 2) as tf.Tensor4D;
  const y = tf.conv2d(x, w, l.stride, 'same');
  const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 3);
  const attrs = { strides: l.stride, pad: 'same', dataFormat: 'NHWC', dilations: 1 };
  const calls: Record<Kernel, () => tf.Tensor> = {
    Conv2D: () => tf.engine().runKernel('Conv2D', { x, filter: w }, attrs) as tf.Tensor,
    Conv2DBackpropInput: () => tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...attrs, inputShape: l.x }) as tf.Tensor,
    Conv2DBackpropFilter: () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: w.shape }) as tf.Tensor,
  };
  const out = {} as Record<Kernel, { ms: number; form: string }>;
  for (const k of KERNELS) {
    backend.profile = new Map();
    const ms = bestCpuMs(reps, () => calls[k]().dispose());
    out[k] = { ms, form: [...backend.profile.keys()].join('+') };
    backend.profile = null;
  }
  tf.dispose([x, w, y, dy]);
  return out;
}

const TORCH = `
import json, resource, sys, torch
layers, threads, reps = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
def best(f):
    f(); b = 1e9
    for _ in range(reps):
        c = cpu(); f(); b = min(b, cpu() - c)
    return b * 1000
out = []
for n, h, w, ci, co, k, s in layers:
    p = (k - 1) // 2 if s == 1 else (k - s) // 2
    x, wt = torch.randn(n, ci, h, w), torch.randn(co, ci, k, k)
    dy = torch.randn_like(torch.nn.functional.conv2d(x, wt, stride=s, padding=p))
    bw = lambda mask: torch.ops.aten.convolution_backward(dy, x, wt, None, [s, s], [p, p], [1, 1], False, [0, 0], 1, mask)
    out.append({'Conv2D': best(lambda: torch.nn.functional.conv2d(x, wt, stride=s, padding=p)),
                'Conv2DBackpropInput': best(lambda: bw([True, False, False])),
                'Conv2DBackpropFilter': best(lambda: bw([False, True, False])),
                'convTranspose': best(lambda: torch.nn.functional.conv_transpose2d(dy, wt, stride=s, padding=p))})
print(json.dumps(out))
`;

/** PyTorch's ms per call for every layer, or undefined when it cannot run here. */
function peer(threads: number, reps: number): Record<Kernel | 'convTranspose', number>[] | undefined {
  if (process.env.SYNTHLAB_BENCH_PEER === '0') return undefined;
  const layers = LAYERS.map((l) => [...l.x, l.cout, l.k, l.stride]);
  const r = spawnSync('/usr/bin/python3', ['-c', TORCH, JSON.stringify(layers), String(threads), String(reps)], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: String(threads) },
    encoding: 'utf8',
  });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<Kernel | 'convTranspose', number>[];
}

export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const reps = quick ? 3 : 7;
  const results: BenchResult[] = [];
  for (const threads of (process.env.SYNTHLAB_BENCH_THREADS ?? '1,2').split(',').map(Number)) {
    const reg = registerOnnxBackend({ threads });
    if (!reg.ok) throw new Error(`conv bench needs the onnx backend: ${reg.reason}`);
    await tf.setBackend('onnx');
    const theirs = peer(threads, reps);
    LAYERS.forEach((l, i) => {
      const mine = ours(l, reps);
      for (const k of KERNELS) {
        const p = theirs?.[i][k];
        results.push({
          name: `${k} ${l.name} batch ${l.x[0]}, ${threads} thread${threads > 1 ? 's' : ''}`,
          unit: 'CPU ms per call',
          ours: mine[k].ms,
          ...(p !== undefined ? { peer: p, ratio: p / mine[k].ms } : {}),
          form: mine[k].form,
          notes:
            `best of ${reps}; peer: torch ${k === 'Conv2D' ? 'conv2d' : 'convolution_backward'} (NCHW)` +
            (k === 'Conv2DBackpropInput' && theirs && l.stride > 1 ? `; torch conv_transpose2d ${theirs[i].convTranspose.toFixed(1)} ms` : ''),
        });
      }
    });
  }
  return results;
}
