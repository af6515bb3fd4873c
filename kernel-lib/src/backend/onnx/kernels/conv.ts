/**
 * 2-D convolution and its two gradients as ONNX graphs. tfjs keeps NHWC / HWIO; ONNX's Conv wants
 * NCHW / OIHW, so the layout changes happen inside the graph (one session, no JS copies): through
 * onnxruntime's NCHWc ops where the channel counts suit them (kernels/nchwc.ts), else Transposes.
 */
import type {
  Conv2DAttrs,
  Conv2DBackpropFilterAttrs,
  Conv2DBackpropFilterInputs,
  Conv2DBackpropInputAttrs,
  Conv2DBackpropInputInputs,
  Conv2DInputs,
  FusedConv2DAttrs,
  FusedConv2DInputs,
  KernelConfig,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { BIAS_ACTIVATION_GRAD, CONV2D_BIAS, CONV2D_TRANSPOSE_BIAS, type ConvBiasAttrs } from '../../fused-kernels';
import { cpuFallback, onnxKernel, type OnnxBackend } from '../backend';
import { GraphBuilder } from '../graph';
import { activationNodes, fusableActivation } from './activation';
import { backpropFilterForm, backpropInputForm, type ConvForm } from './conv-backprop';
import { convInfo, filterDims, infoKey, isPointwise, pads, type ConvInfo } from './conv-shapes';
import { nchwcConvNode, nchwcFilter, nchwcFits, nchwcInput, nchwcOutput } from './nchwc';

/** Forward conv (+ bias + activation) on NHWC x and HWIO filter, NHWC out: a MatMul, NCHWc, or Transposes around Conv. */
function convForm(c: ConvInfo, hasBias: boolean, activation: string, alpha: number): ConvForm {
  const form = isPointwise(c) ? 'matmul' : nchwcFits(c.inChannels, c.outChannels) ? 'nchwc' : 'transpose';
  return { form, build: () => convGraph(c, form, hasBias, activation, alpha) };
}

function convGraph(c: ConvInfo, form: string, hasBias: boolean, activation: string, alpha: number): GraphBuilder {
  const g = new GraphBuilder();
  const x = g.input(c.inShape);
  const w = g.input(filterDims(c));
  const b = hasBias ? g.input([c.outChannels]) : null;
  const [n, h, wd, ci] = c.inShape;
  if (form === 'matmul') {
    // The bias as Gemm's C: no separate Add pass (SAGAN's 64→80 at 64×16×16: 3.25 vs 3.5 ms).
    const [x2, w2] = [g.reshape(x, [n * h * wd, ci]), g.reshape(w, [ci, c.outChannels])];
    const mm = b ? g.op('Gemm', [x2, w2, b]) : g.op('MatMul', [x2, w2]);
    g.output(activationNodes(g, g.reshape(mm, c.outShape), activation, alpha), c.outShape);
  } else if (form === 'nchwc') {
    // Bias and activation fused into MLAS's conv (3×3 64→128 at 96×16×16: 22 ms vs 32 with Transposes).
    const conv = nchwcConvNode(
      g,
      nchwcInput(g, x, ci),
      nchwcFilter(g, w, filterDims(c), 'hwio'),
      {
        kernel: [c.filterHeight, c.filterWidth],
        strides: [c.strideHeight, c.strideWidth],
        dilations: [c.dilationHeight, c.dilationWidth],
        pads: pads(c),
        outChannels: c.outChannels,
      },
      b ?? undefined,
      activation,
      alpha,
    );
    g.output(nchwcOutput(g, conv, c.outChannels, activation, alpha), c.outShape);
  } else {
    const conv = g.op('Conv', [g.transpose(x, [0, 3, 1, 2]), g.transpose(w, [3, 2, 0, 1]), ...(b ? [b] : [])], {
      kernel_shape: [c.filterHeight, c.filterWidth],
      strides: [c.strideHeight, c.strideWidth],
      dilations: [c.dilationHeight, c.dilationWidth],
      pads: pads(c),
    });
    g.output(activationNodes(g, g.transpose(conv, [0, 2, 3, 1]), activation, alpha), c.outShape);
  }
  return g;
}

/**
 * glibc maps every buffer over 32 MB afresh and pays a page fault per 4 KB page on first touch: for
 * onnxruntime's output, its blocked intermediate and the binding's copy alike (facenet64's first conv,
 * 50 MB out: ~38 000 faults, ~45 of its ~75 CPU ms). Under half that, buffers come from glibc's
 * reused heap.
 */
const FRESH_BYTES = 32 << 20;

/**
 * A forward conv's graph run once, or, when its output would exceed FRESH_BYTES, on batch chunks of
 * x with outputs under half that, copied into one recycled buffer. `run` runs the graph for x or a
 * chunk (a view that shares x's values).
 */
function byBatchChunks(backend: OnnxBackend, x: TensorInfo, outShape: readonly number[], run: (x: TensorInfo) => TensorInfo): TensorInfo {
  const [n, ...rest] = outShape, perImage = rest.reduce((a, b) => a * b, 1);
  const per = Math.max(1, Math.floor(FRESH_BYTES / 8 / perImage));
  if (n * perImage * 4 <= FRESH_BYTES || x.dtype !== 'float32') return run(x);
  const xv = backend.data.get(x.dataId).values as Float32Array, xImage = xv.length / x.shape[0];
  const out = backend.outputBuffer(n * perImage);
  for (let b0 = 0; b0 < n; b0 += per) {
    const b1 = Math.min(n, b0 + per);
    const xc = backend.makeTensorInfo([b1 - b0, ...x.shape.slice(1)], 'float32', xv.subarray(b0 * xImage, b1 * xImage));
    const yc = run(xc);
    out.set(backend.data.get(yc.dataId).values as Float32Array, b0 * perImage);
    backend.disposeData(xc.dataId);
    backend.disposeData(yc.dataId);
  }
  return backend.makeTensorInfo([...outShape], 'float32', out);
}

function conv2d(args: { inputs: Conv2DInputs; backend: OnnxBackend; attrs: Conv2DAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
  if (attrs.dataFormat === 'NCHW') return cpuFallback('Conv2D', args);
  const whole = convInfo(x.shape, filter.shape, attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode);
  return byBatchChunks(backend, x, whole.outShape, (xc) => {
    const c = convInfo(xc.shape, filter.shape, attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode);
    const f = convForm(c, false, 'linear', 0);
    return backend.runGraph(`Conv2D.${f.form}|${infoKey(c)}`, f.build, [xc, filter], [c.outShape])[0];
  });
}

function fusedConv2d(args: { inputs: FusedConv2DInputs; backend: OnnxBackend; attrs: FusedConv2DAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, filter, bias } = inputs;
  const alpha = attrs.leakyreluAlpha ?? 0.2;
  const c = convInfo(x.shape, filter.shape, attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode);
  // A bias that is not one value per output channel (rare broadcasts) goes to the cpu kernel.
  const biasOk = !bias || (bias.shape.length === 1 && bias.shape[0] === c.outChannels);
  if (attrs.dataFormat === 'NCHW' || !fusableActivation(attrs.activation) || !biasOk) {
    return cpuFallback('FusedConv2D', args);
  }
  return byBatchChunks(backend, x, c.outShape, (xc) => {
    const cc = convInfo(xc.shape, filter.shape, attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode);
    const f = convForm(cc, !!bias, attrs.activation, alpha);
    const key = `FusedConv2D.${f.form}|${infoKey(cc)};${bias ? 'b' : ''};${attrs.activation};${alpha}`;
    return backend.runGraph(key, f.build, bias ? [xc, filter, bias] : [xc, filter], [cc.outShape])[0];
  });
}

function conv2dBackpropInput(args: { inputs: Conv2DBackpropInputInputs; backend: OnnxBackend; attrs: Conv2DBackpropInputAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  if (attrs.dataFormat === 'NCHW') return cpuFallback('Conv2DBackpropInput', args);
  const c = convInfo(attrs.inputShape, filter.shape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const f = backpropInputForm(c);
  return backend.runGraph(`Conv2DBackpropInput.${f.form}|${infoKey(c)}`, f.build, [dy, filter], [c.inShape])[0];
}

function conv2dBackpropFilter(args: { inputs: Conv2DBackpropFilterInputs; backend: OnnxBackend; attrs: Conv2DBackpropFilterAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  if (attrs.dataFormat === 'NCHW') return cpuFallback('Conv2DBackpropFilter', args);
  const c = convInfo(x.shape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const f = backpropFilterForm(c, backend.threads);
  return backend.runGraph(`Conv2DBackpropFilter.${f.form}|${infoKey(c)}`, f.build, [x, dy], [[...attrs.filterShape]])[0];
}

/** CONV2D_BIAS: FusedConv2D's graph (bias and activation inside MLAS's conv). */
function conv2dBias({ inputs, backend, attrs }: { inputs: FusedConv2DInputs; backend: OnnxBackend; attrs: ConvBiasAttrs }): TensorInfo {
  const { strides, pad, activation, leakyreluAlpha } = attrs;
  const fusedAttrs: FusedConv2DAttrs = { strides, pad, activation, leakyreluAlpha, dataFormat: 'NHWC', dilations: 1, dimRoundingMode: undefined as unknown as FusedConv2DAttrs['dimRoundingMode'] };
  return fusedConv2d({ inputs, backend, attrs: fusedAttrs });
}

/** CONV2D_TRANSPOSE_BIAS: Conv2DBackpropInput's graph of x with the bias and activation inside its convs. */
function conv2dTransposeBias(args: { inputs: FusedConv2DInputs; backend: OnnxBackend; attrs: ConvBiasAttrs & { outShape: number[] } }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, filter, bias } = inputs as { x: TensorInfo; filter: TensorInfo; bias: TensorInfo };
  const c = convInfo(attrs.outShape, filter.shape, attrs.strides, 1, attrs.pad, undefined);
  const ep = { activation: attrs.activation, alpha: attrs.leakyreluAlpha };
  const f = backpropInputForm(c, ep);
  const key = `Conv2DTransposeBias.${f.form}|${infoKey(c)};${ep.activation};${ep.alpha}`;
  return backend.runGraph(key, f.build, [x, filter, bias], [c.inShape])[0];
}

/**
 * BIAS_ACTIVATION_GRAD: dz = dy·sign(y) for relu (y ≥ 0: tfjs's dy·step, NaN where y is) and
 * dy·(y > 0 ? 1 : α) for leakyRelu (tfjs's where(x > 0, dy, α·dy)), and dBias = Σ dz over all but
 * the channels, in one graph. Both forms write one full-size intermediate fewer than
 * Where(y > 0, dy, α·dy): 2.9 vs 4.0 ms at 64×16×16×64, equal at half that size.
 */
function biasActivationGrad({ inputs, backend, attrs }: { inputs: Record<string, TensorInfo>; backend: OnnxBackend; attrs: Pick<ConvBiasAttrs, 'activation' | 'leakyreluAlpha'> }): TensorInfo[] {
  const { dy, y } = inputs;
  const { activation, leakyreluAlpha: alpha } = attrs;
  const ch = y.shape[y.shape.length - 1];
  const build = () => {
    const g = new GraphBuilder();
    const [d, yi] = [g.input(dy.shape), g.input(y.shape)];
    const slope = activation === 'relu' ? g.op('Sign', [yi]) : g.op('Where', [g.op('Greater', [yi, g.floats([0], [])]), g.floats([1], []), g.floats([alpha], [])]);
    const dz = g.op('Mul', [d, slope]);
    // Every node before the outputs: output() renames its producer's output in the nodes so far.
    const dBias = g.op('ReduceSum', [dz, g.ints(y.shape.slice(0, -1).map((_, i) => i))], { keepdims: 0 });
    g.output(dz, y.shape);
    g.output(dBias, [ch]);
    return g;
  };
  return backend.runGraph(`BiasActivationGrad|${y.shape};${activation};${alpha}`, build, [dy, y], [y.shape, [ch]]);
}

export const convKernels: KernelConfig[] = [
  onnxKernel(CONV2D_BIAS, conv2dBias),
  onnxKernel(CONV2D_TRANSPOSE_BIAS, conv2dTransposeBias),
  onnxKernel(BIAS_ACTIVATION_GRAD, biasActivationGrad),
  onnxKernel('Conv2D', conv2d),
  onnxKernel('FusedConv2D', fusedConv2d),
  onnxKernel('Conv2DBackpropInput', conv2dBackpropInput),
  onnxKernel('Conv2DBackpropFilter', conv2dBackpropFilter),
];
