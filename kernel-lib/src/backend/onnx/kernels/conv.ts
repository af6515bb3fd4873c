/**
 * 2-D convolution and its two gradients as ONNX graphs. tfjs keeps NHWC / HWIO; ONNX's Conv wants
 * NCHW / OIHW, so the layout changes happen inside the graph (one session, no JS copies).
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
import { backend_util } from '@tensorflow/tfjs-core';
import { cpuFallback, onnxKernel, type OnnxBackend } from '../backend';
import { GraphBuilder } from '../graph';
import { activationNodes, fusableActivation } from './activation';

type Shape4 = [number, number, number, number];

function convInfo(
  xShape: readonly number[],
  filterShape: readonly number[],
  strides: Conv2DAttrs['strides'],
  dilations: Conv2DAttrs['dilations'],
  pad: Conv2DAttrs['pad'],
  rounding: Conv2DAttrs['dimRoundingMode'],
): backend_util.Conv2DInfo {
  return backend_util.computeConv2DInfo(xShape as Shape4, filterShape as Shape4, strides, dilations, pad, rounding, false, 'channelsLast');
}

function pads(c: backend_util.Conv2DInfo): number[] {
  return [c.padInfo.top, c.padInfo.left, c.padInfo.bottom, c.padInfo.right];
}

function infoKey(c: backend_util.Conv2DInfo): string {
  return [c.inShape, c.filterHeight, c.filterWidth, c.outChannels, c.strideHeight, c.strideWidth, c.dilationHeight, c.dilationWidth, pads(c)].join(';');
}

/** A 1×1, stride-1, unpadded conv is a matmul on [N·H·W, C]: no layout change needed. */
function isPointwise(c: backend_util.Conv2DInfo): boolean {
  return c.filterHeight === 1 && c.filterWidth === 1 && c.strideHeight === 1 && c.strideWidth === 1 && pads(c).every((p) => p === 0);
}

/** Forward conv (+ bias + activation) on NHWC x and HWIO filter, NHWC out. */
function convGraph(c: backend_util.Conv2DInfo, hasBias: boolean, activation: string, alpha: number): GraphBuilder {
  const g = new GraphBuilder();
  const x = g.input(c.inShape);
  const w = g.input([c.filterHeight, c.filterWidth, c.inChannels, c.outChannels]);
  const b = hasBias ? g.input([c.outChannels]) : null;
  const [n, h, wd, ci] = c.inShape;
  let y: string;
  if (isPointwise(c)) {
    const mm = g.op('MatMul', [g.reshape(x, [n * h * wd, ci]), g.reshape(w, [ci, c.outChannels])]);
    y = g.reshape(b ? g.op('Add', [mm, b]) : mm, c.outShape);
  } else {
    const conv = g.op('Conv', [g.transpose(x, [0, 3, 1, 2]), g.transpose(w, [3, 2, 0, 1]), ...(b ? [b] : [])], {
      kernel_shape: [c.filterHeight, c.filterWidth],
      strides: [c.strideHeight, c.strideWidth],
      dilations: [c.dilationHeight, c.dilationWidth],
      pads: pads(c),
    });
    y = g.transpose(conv, [0, 2, 3, 1]);
  }
  g.output(activationNodes(g, y, activation, alpha), c.outShape);
  return g;
}

/**
 * dx of a conv = ConvTranspose of dy with the same filter. Explicit pads plus `output_padding`
 * reproduce the input size that the forward conv's floor division lost.
 */
function backpropInputGraph(c: backend_util.Conv2DInfo): GraphBuilder {
  const g = new GraphBuilder();
  const dy = g.input(c.outShape);
  const w = g.input([c.filterHeight, c.filterWidth, c.inChannels, c.outChannels]);
  const [n, h, wd, ci] = c.inShape;
  if (isPointwise(c)) {
    const mm = g.op('Gemm', [g.reshape(dy, [n * h * wd, c.outChannels]), g.reshape(w, [ci, c.outChannels])], { transB: 1 });
    g.output(g.reshape(mm, c.inShape), c.inShape);
    return g;
  }
  const p = pads(c);
  const extraH = h + p[0] + p[2] - ((c.outHeight - 1) * c.strideHeight + c.filterHeight);
  const extraW = wd + p[1] + p[3] - ((c.outWidth - 1) * c.strideWidth + c.filterWidth);
  const ct = g.op('ConvTranspose', [g.transpose(dy, [0, 3, 1, 2]), g.transpose(w, [3, 2, 0, 1])], {
    kernel_shape: [c.filterHeight, c.filterWidth],
    strides: [c.strideHeight, c.strideWidth],
    pads: p,
    output_padding: [extraH, extraW],
  });
  g.output(g.transpose(ct, [0, 2, 3, 1]), c.inShape);
  return g;
}

/**
 * im2col in NHWC without the concatenation: one strided Slice of the padded input per filter tap,
 * in (kh, kw) order, each [N, OH, OW, Ci], lining up with HWIO filter rows.
 */
function im2colTaps(g: GraphBuilder, x: string, c: backend_util.Conv2DInfo): string[] {
  const p = pads(c);
  const xp = p.every((v) => v === 0) ? x : g.op('Pad', [x, g.ints([0, p[0], p[1], 0, 0, p[2], p[3], 0])]);
  const taps: string[] = [];
  for (let kh = 0; kh < c.filterHeight; kh++) {
    for (let kw = 0; kw < c.filterWidth; kw++) {
      const h0 = kh * c.dilationHeight;
      const w0 = kw * c.dilationWidth;
      taps.push(
        g.op('Slice', [
          xp,
          g.ints([h0, w0]),
          g.ints([h0 + (c.outHeight - 1) * c.strideHeight + 1, w0 + (c.outWidth - 1) * c.strideWidth + 1]),
          g.ints([1, 2]),
          g.ints([c.strideHeight, c.strideWidth]),
        ]),
      );
    }
  }
  return taps;
}

/**
 * dW by whichever form measured faster for the shape (CPU time, 1 thread): a Gemm per filter tap
 * for stride-1 convs over 16+ channels (3×3 32→64 at 96×32×32: 105 ms; one Gemm on concatenated
 * columns 135, the dilated conv 165), the dilated conv for strided and few-channel ones (4×4 s2
 * 64→128 at 64×16×16: 18 vs 24 ms; 3×3 3→32 at 96×64×64: 77 vs 95 ms).
 */
function backpropFilterGraph(c: backend_util.Conv2DInfo): GraphBuilder {
  const useIm2col = c.strideHeight === 1 && c.strideWidth === 1 && c.inChannels >= 16;
  if (useIm2col && !isPointwise(c)) {
    const g = new GraphBuilder();
    const x = g.input(c.inShape);
    const dy = g.input(c.outShape);
    const filterShape = [c.filterHeight, c.filterWidth, c.inChannels, c.outChannels];
    const rows = c.inShape[0] * c.outHeight * c.outWidth;
    const dy2 = g.reshape(dy, [rows, c.outChannels]);
    // One Gemm per tap, concatenating the small [Ci, Co] results rather than the big columns.
    const taps = im2colTaps(g, x, c).map((t) => g.op('Gemm', [g.reshape(t, [rows, c.inChannels]), dy2], { transA: 1 }));
    g.output(g.reshape(taps.length === 1 ? taps[0] : g.op('Concat', taps, { axis: 0 }), filterShape), filterShape);
    return g;
  }
  return backpropFilterDilated(c);
}

/**
 * dW[kh,kw,ci,co] = Σ x[n, oh·s+kh−pad, ow·s+kw−pad, ci] · dy[n,oh,ow,co]: a conv of x (with the
 * channels as the batch and the batch as channels) by dy dilated by the stride. The result may be
 * larger than the filter when the forward conv dropped input rows; those rows are cropped.
 */
function backpropFilterDilated(c: backend_util.Conv2DInfo): GraphBuilder {
  const g = new GraphBuilder();
  const x = g.input(c.inShape);
  const dy = g.input(c.outShape);
  const [n, h, wd, ci] = c.inShape;
  const co = c.outChannels;
  const filterShape = [c.filterHeight, c.filterWidth, ci, co];
  if (isPointwise(c)) {
    const mm = g.op('Gemm', [g.reshape(x, [n * h * wd, ci]), g.reshape(dy, [n * h * wd, co])], { transA: 1 });
    g.output(g.reshape(mm, filterShape), filterShape);
    return g;
  }
  const p = pads(c);
  const conv = g.op('Conv', [g.transpose(x, [3, 0, 1, 2]), g.transpose(dy, [3, 0, 1, 2])], {
    kernel_shape: [c.outHeight, c.outWidth],
    dilations: [c.strideHeight, c.strideWidth],
    pads: p,
  });
  const fullH = h + p[0] + p[2] - (c.outHeight - 1) * c.strideHeight;
  const fullW = wd + p[1] + p[3] - (c.outWidth - 1) * c.strideWidth;
  const cropped =
    fullH === c.filterHeight && fullW === c.filterWidth
      ? conv
      : g.op('Slice', [conv, g.ints([0, 0]), g.ints([c.filterHeight, c.filterWidth]), g.ints([2, 3])]);
  g.output(g.transpose(cropped, [2, 3, 0, 1]), filterShape);
  return g;
}

function conv2d(args: { inputs: Conv2DInputs; backend: OnnxBackend; attrs: Conv2DAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
  if (attrs.dataFormat === 'NCHW') return cpuFallback('Conv2D', args);
  const c = convInfo(x.shape, filter.shape, attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode);
  return backend.runGraph(`Conv2D|${infoKey(c)}`, () => convGraph(c, false, 'linear', 0), [x, filter], [c.outShape])[0];
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
  const key = `FusedConv2D|${infoKey(c)};${bias ? 'b' : ''};${attrs.activation};${alpha}`;
  const ins = bias ? [x, filter, bias] : [x, filter];
  return backend.runGraph(key, () => convGraph(c, !!bias, attrs.activation, alpha), ins, [c.outShape])[0];
}

function conv2dBackpropInput(args: { inputs: Conv2DBackpropInputInputs; backend: OnnxBackend; attrs: Conv2DBackpropInputAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  if (attrs.dataFormat === 'NCHW') return cpuFallback('Conv2DBackpropInput', args);
  const c = convInfo(attrs.inputShape, filter.shape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  return backend.runGraph(`Conv2DBackpropInput|${infoKey(c)}`, () => backpropInputGraph(c), [dy, filter], [c.inShape])[0];
}

function conv2dBackpropFilter(args: { inputs: Conv2DBackpropFilterInputs; backend: OnnxBackend; attrs: Conv2DBackpropFilterAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  if (attrs.dataFormat === 'NCHW') return cpuFallback('Conv2DBackpropFilter', args);
  const c = convInfo(x.shape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  return backend.runGraph(`Conv2DBackpropFilter|${infoKey(c)}`, () => backpropFilterGraph(c), [x, dy], [[...attrs.filterShape]])[0];
}

export const convKernels: KernelConfig[] = [
  onnxKernel('Conv2D', conv2d),
  onnxKernel('FusedConv2D', fusedConv2d),
  onnxKernel('Conv2DBackpropInput', conv2dBackpropInput),
  onnxKernel('Conv2DBackpropFilter', conv2dBackpropFilter),
];
