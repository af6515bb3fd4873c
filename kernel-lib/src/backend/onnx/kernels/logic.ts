/**
 * Comparisons, Select and Tile on onnxruntime: the building blocks of tfjs's composed gradients
 * (leakyRelu's is where(x > 0, dy, α·dy); batchNorm's tiles its reduced terms back to x's shape).
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { backend_util, util } from '@tensorflow/tfjs-core';
import { cpuFallback, onnxKernel, type OnnxBackend } from '../backend';
import { GraphBuilder } from '../graph';
import { MIN_ORT_ELEMENTS } from './elementwise';

type Args = { inputs: Record<string, TensorInfo | undefined>; backend: OnnxBackend; attrs: Record<string, unknown> };

const COMPARE: Record<string, string> = { Greater: 'Greater', GreaterEqual: 'GreaterOrEqual', Less: 'Less', LessEqual: 'LessOrEqual', Equal: 'Equal' };

function big(shape: readonly number[]): boolean {
  return util.sizeFromShape(shape as number[]) >= MIN_ORT_ELEMENTS;
}

function compareKernel(name: string): KernelConfig {
  return onnxKernel(name, (args: Args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const out = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || !big(out)) return cpuFallback(name, args);
    const build = () => {
      const g = new GraphBuilder();
      g.output(g.op(COMPARE[name], [g.input(a.shape), g.input(b.shape)]), out, 'bool');
      return g;
    };
    return args.backend.runGraph(`${name}|${a.shape};${b.shape}`, build, [a, b], [out], ['bool'])[0];
  });
}

/** Select(condition, t, e) with all three of one shape (tfjs also allows a vector condition: cpu). */
function select(args: Args): TensorInfo {
  const { condition, t, e } = args.inputs as { condition: TensorInfo; t: TensorInfo; e: TensorInfo };
  const sameShape = util.arraysEqual(condition.shape, t.shape) && util.arraysEqual(t.shape, e.shape);
  if (!sameShape || condition.dtype !== 'bool' || t.dtype !== 'float32' || e.dtype !== 'float32' || !big(t.shape)) {
    return cpuFallback('Select', args);
  }
  const build = () => {
    const g = new GraphBuilder();
    g.output(g.op('Where', [g.input(condition.shape, 'bool'), g.input(t.shape), g.input(e.shape)]), t.shape);
    return g;
  };
  return args.backend.runGraph(`Select|${t.shape}`, build, [condition, t, e], [t.shape])[0];
}

function tile(args: Args): TensorInfo {
  const x = args.inputs.x!;
  const reps = args.attrs.reps as number[];
  const out = x.shape.map((d, i) => d * reps[i]);
  if (x.dtype !== 'float32' || !big(out)) return cpuFallback('Tile', args);
  const build = () => {
    const g = new GraphBuilder();
    g.output(g.op('Tile', [g.input(x.shape), g.ints(reps)]), out);
    return g;
  };
  return args.backend.runGraph(`Tile|${x.shape};${reps}`, build, [x], [out])[0];
}

export const logicKernels: KernelConfig[] = [
  ...Object.keys(COMPARE).map(compareKernel),
  onnxKernel('Select', select),
  onnxKernel('Tile', tile),
];
