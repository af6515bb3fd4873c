/**
 * The two gradients of a 2-D conv (NHWC x, HWIO filter) as ONNX graphs, each in the form that
 * measured fastest for its shape (CPU ms per call, 1 thread, bench shapes in bench/conv.ts).
 */
import { GraphBuilder } from '../graph';
import { activationNodes } from './activation';
import { filterDims, isPointwise, pads, type ConvInfo } from './conv-shapes';
import { nchwcBlock, nchwcConvNode, nchwcFilter, nchwcFits, nchwcInput, nchwcOutput } from './nchwc';

/**
 * A bias [channels] and an activation applied to the result (a transposed conv with its bias,
 * conv2dTransposeBias in models/conv-ops.ts): inside the NCHWc convs, where MLAS fuses them.
 * The bias is the graph's third input.
 */
export interface Epilogue {
  activation: 'linear' | 'relu' | 'leakyrelu';
  alpha: number;
}

/** One output phase of a strided transposed conv along one axis: which filter taps, how padded. */
interface Phase {
  /** Filter index per tap of the phase's stride-1 conv, in the conv's (correlation) order. */
  taps: number[];
  padBefore: number;
  padAfter: number;
}

/**
 * dx rows h = s·m + a (phase a) only meet filter taps k ≡ a + padTop (mod s): each phase is a
 * stride-1 conv of dy with k/s of the taps. Null unless every phase has the same tap count and
 * output size (k and the input size divisible by s) and needs no negative padding.
 */
function phases(k: number, s: number, padTop: number, inSize: number, outSize: number): Phase[] | null {
  if (k % s !== 0 || inSize % s !== 0) return null;
  const [taps, rows] = [k / s, inSize / s];
  const out: Phase[] = [];
  for (let a = 0; a < s; a++) {
    const r = (a + padTop) % s;
    const shift = (a + padTop - r) / s; // dy row of tap r for output row m is m + shift
    const padBefore = taps - 1 - shift;
    const padAfter = rows - outSize - padBefore + taps - 1;
    if (padBefore < 0 || padAfter < 0) return null;
    out.push({ taps: Array.from({ length: taps }, (_, t) => r + s * (taps - 1 - t)), padBefore, padAfter });
  }
  return out;
}

/**
 * dx of a stride-s conv as s² stride-1 NCHWc convs of dy (sub-pixel form), one per output phase,
 * interleaved by one Transpose: no col2im, and no products with the zeros a ConvTranspose inserts.
 * 4×4 s2 at 64×8×8×128 → 16×16×64: 8 ms vs 13 for ConvTranspose; 8×8×128 from 4×4×256: 7 vs 21.
 */
function phaseGraph(c: ConvInfo, ph: Phase[], pw: Phase[], ep?: Epilogue): GraphBuilder {
  const g = new GraphBuilder();
  const dy = g.input(c.outShape);
  const w = g.input(filterDims(c));
  const [n, h, wd, ci] = c.inShape;
  const bias = ep ? g.input([ci]) : undefined;
  const [sh, sw] = [c.strideHeight, c.strideWidth];
  const x = nchwcInput(g, dy, c.outChannels);
  const outs: string[] = [];
  for (const a of ph) {
    const rows = g.op('Gather', [w, g.ints(a.taps)], { axis: 0 });
    for (const b of pw) {
      const taps = g.op('Gather', [rows, g.ints(b.taps)], { axis: 1 });
      const filter = nchwcFilter(g, taps, [a.taps.length, b.taps.length, ci, c.outChannels], 'hwoi');
      const attrs = { kernel: [a.taps.length, b.taps.length] as [number, number], strides: [1, 1] as [number, number], dilations: [1, 1] as [number, number] };
      const convAttrs = { ...attrs, pads: [a.padBefore, b.padBefore, a.padAfter, b.padAfter], outChannels: ci };
      outs.push(nchwcConvNode(g, x, filter, convAttrs, bias, ep?.activation, ep?.alpha));
    }
  }
  // Phases stacked as channels (ci is a multiple of the block, so blocked tensors concatenate).
  const all = nchwcOutput(g, outs.length === 1 ? outs[0] : g.op('Concat', outs, { axis: 1 }), sh * sw * ci);
  const split = g.reshape(all, [n, h / sh, wd / sw, sh, sw, ci]);
  g.output(g.reshape(g.transpose(split, [0, 1, 3, 2, 4, 5]), c.inShape), c.inShape);
  return g;
}

/**
 * dx of a stride-1 conv is a stride-1 conv of dy with the filter flipped and its channel axes
 * swapped, padded by k − 1 − pad: one NCHWc conv (3×3 at 96×16×16×64: 24 ms vs 35 for ConvTranspose).
 */
function flippedGraph(c: ConvInfo, ep?: Epilogue): GraphBuilder {
  const g = new GraphBuilder();
  const dy = g.input(c.outShape);
  const w = g.input(filterDims(c));
  const bias = ep ? g.input([c.inChannels]) : undefined;
  const [kh, kw] = [c.filterHeight, c.filterWidth];
  const flipped = g.op('Slice', [w, g.ints([kh - 1, kw - 1]), g.ints([-kh - 1, -kw - 1]), g.ints([0, 1]), g.ints([-1, -1])]);
  const p = pads(c);
  const conv = nchwcConvNode(g, nchwcInput(g, dy, c.outChannels), nchwcFilter(g, flipped, filterDims(c), 'hwoi'), {
    kernel: [kh, kw],
    strides: [1, 1],
    dilations: [1, 1],
    pads: [kh - 1 - p[0], kw - 1 - p[1], kh - 1 - p[2], kw - 1 - p[3]],
    outChannels: c.inChannels,
  }, bias, ep?.activation, ep?.alpha);
  g.output(nchwcOutput(g, conv, c.inChannels), c.inShape);
  return g;
}

/** A graph form for one shape: its name (it tags the session key and the profile) and builder. */
export interface ConvForm {
  form: string;
  build: () => GraphBuilder;
}

/**
 * dx of a conv: the NCHWc forms above where they apply, else ConvTranspose of dy with the same
 * filter (explicit pads plus `output_padding` give back the rows the forward floor division lost).
 */
export function backpropInputForm(c: ConvInfo, ep?: Epilogue): ConvForm {
  const [, h, wd, ci] = c.inShape;
  const p = pads(c);
  if (isPointwise(c)) return { form: 'gemm', build: () => pointwiseInputGraph(c, ep) };
  if (nchwcFits(c.outChannels, ci)) {
    if (c.strideHeight === 1 && c.strideWidth === 1 && p.every((v, i) => v <= (i % 2 === 0 ? c.filterHeight : c.filterWidth) - 1)) {
      return { form: 'flipped', build: () => flippedGraph(c, ep) };
    }
    const ph = phases(c.filterHeight, c.strideHeight, p[0], h, c.outHeight);
    const pw = phases(c.filterWidth, c.strideWidth, p[1], wd, c.outWidth);
    if (ph && pw && ci % nchwcBlock() === 0) return { form: 'phases', build: () => phaseGraph(c, ph, pw, ep) };
  }
  return { form: 'convTranspose', build: () => convTransposeGraph(c, ep) };
}

function pointwiseInputGraph(c: ConvInfo, ep?: Epilogue): GraphBuilder {
  const g = new GraphBuilder();
  const [n, h, wd, ci] = c.inShape;
  const [dy, w] = [g.input(c.outShape), g.input(filterDims(c))];
  const bias = ep ? [g.input([ci])] : [];
  const mm = g.op('Gemm', [g.reshape(dy, [n * h * wd, c.outChannels]), g.reshape(w, [ci, c.outChannels]), ...bias], { transB: 1 });
  g.output(activationNodes(g, g.reshape(mm, c.inShape), ep?.activation, ep?.alpha ?? 0), c.inShape);
  return g;
}

function convTransposeGraph(c: ConvInfo, ep?: Epilogue): GraphBuilder {
  const g = new GraphBuilder();
  const [, h, wd] = c.inShape;
  const [dy, w] = [g.input(c.outShape), g.input(filterDims(c))];
  const bias = ep ? [g.input([c.inChannels])] : [];
  const p = pads(c);
  const extraH = h + p[0] + p[2] - ((c.outHeight - 1) * c.strideHeight + c.filterHeight);
  const extraW = wd + p[1] + p[3] - ((c.outWidth - 1) * c.strideWidth + c.filterWidth);
  const ct = g.op('ConvTranspose', [g.transpose(dy, [0, 3, 1, 2]), g.transpose(w, [3, 2, 0, 1]), ...bias], {
    kernel_shape: [c.filterHeight, c.filterWidth],
    strides: [c.strideHeight, c.strideWidth],
    pads: p,
    output_padding: [extraH, extraW],
  });
  g.output(activationNodes(g, g.transpose(ct, [0, 2, 3, 1]), ep?.activation, ep?.alpha ?? 0), c.inShape);
  return g;
}

/** NHWC `x` with zero rows and columns added around it. */
function padded(g: GraphBuilder, x: string, top: number, left: number, bottom: number, right: number): string {
  return [top, left, bottom, right].every((v) => v === 0) ? x : g.op('Pad', [x, g.ints([0, top, left, 0, 0, bottom, right, 0])]);
}

/**
 * Σ over the rows (n, oh, ow) of tapᵀ·dy for each tap ([N, OH, OW, C], NHWC), stacked as [T·C, Co]:
 * a Gemm(transA) per tap. On several threads, where the rows far outnumber the channels, batched
 * MatMuls of dyᵀ by the taps instead, over `parts` groups of images that MLAS runs one per thread:
 * a Gemm split across threads has each thread pack all of A (3×3 64→128 at 96×16×16, 2 threads:
 * 39-43 vs 48-62 CPU ms). On one thread that form costs more (the dyᵀ copy: 70 vs 58-64 ms at 96×32×32).
 */
function tapProducts(g: GraphBuilder, taps: string[], dy: string, c: ConvInfo, channels: number, threads: number): string {
  const rows = c.inShape[0] * c.outHeight * c.outWidth;
  const co = c.outChannels;
  const parts = c.inShape[0] % threads === 0 ? threads : 1;
  if (parts === 1 || channels < 16 || rows < 16 * (channels + co)) {
    const dy2 = g.reshape(dy, [rows, co]);
    const products = taps.map((t) => g.op('Gemm', [g.reshape(t, [rows, channels]), dy2], { transA: 1 }));
    return products.length === 1 ? products[0] : g.op('Concat', products, { axis: 0 });
  }
  const dyT = g.transpose(g.reshape(dy, [parts, rows / parts, co]), [0, 2, 1]);
  const products = taps.map((t) => g.op('MatMul', [dyT, g.reshape(t, [parts, rows / parts, channels])]));
  const stacked = products.length === 1 ? products[0] : g.op('Concat', products, { axis: 1 }); // [parts, T·Co, C]
  const summed = g.op('ReduceSum', [stacked, g.ints([0])], { keepdims: 0 });
  return g.reshape(g.transpose(g.reshape(summed, [taps.length, co, channels]), [0, 2, 1]), [taps.length * channels, co]);
}

/**
 * dW from one product per filter tap (strided Slices of the padded NHWC input), concatenating the
 * small [Ci, Co] results (3×3 32→64 at 96×32×32: 105 ms; one Gemm on concatenated columns 135).
 */
function tapGraph(c: ConvInfo, threads: number): GraphBuilder {
  const g = new GraphBuilder();
  const x = g.input(c.inShape);
  const dy = g.input(c.outShape);
  const p = pads(c);
  const xp = padded(g, x, p[0], p[1], p[2], p[3]);
  const taps: string[] = [];
  for (let kh = 0; kh < c.filterHeight; kh++) {
    for (let kw = 0; kw < c.filterWidth; kw++) {
      const [h0, w0] = [kh * c.dilationHeight, kw * c.dilationWidth];
      const ends = [h0 + (c.outHeight - 1) * c.strideHeight + 1, w0 + (c.outWidth - 1) * c.strideWidth + 1];
      taps.push(g.op('Slice', [xp, g.ints([h0, w0]), g.ints(ends), g.ints([1, 2]), g.ints([c.strideHeight, c.strideWidth])]));
    }
  }
  g.output(g.reshape(tapProducts(g, taps, dy, c, c.inChannels, threads), filterDims(c)), filterDims(c));
  return g;
}

/**
 * dW of a stride-s conv whose kernel is a multiple of s: space-to-depth turns it into a stride-1
 * conv with (k/s)² taps over s²·Ci channels, so (k/s)² larger products replace k² small ones
 * (4×4 s2 64→128 at 64×16×16: 9 ms vs 13 for the dilated conv). It fits where the input needs no cropping.
 */
interface SpaceToDepth {
  /** Taps per axis of the stride-1 conv (k / s). */
  jh: number;
  jw: number;
  /** Padded input height and width (multiples of the strides). */
  hp: number;
  wp: number;
}

function spaceToDepthFits(c: ConvInfo): SpaceToDepth | null {
  const [sh, sw] = [c.strideHeight, c.strideWidth];
  if (c.filterHeight % sh !== 0 || c.filterWidth % sw !== 0 || c.dilationHeight !== 1 || c.dilationWidth !== 1) return null;
  const [jh, jw] = [c.filterHeight / sh, c.filterWidth / sw];
  const [hp, wp] = [sh * (c.outHeight + jh - 1), sw * (c.outWidth + jw - 1)];
  const p = pads(c);
  return hp - c.inHeight - p[0] < 0 || wp - c.inWidth - p[1] < 0 ? null : { jh, jw, hp, wp };
}

function spaceToDepthGraph(c: ConvInfo, { jh, jw, hp, wp }: SpaceToDepth, threads: number): GraphBuilder {
  const [sh, sw] = [c.strideHeight, c.strideWidth];
  const [n, h, wd, ci] = c.inShape;
  const p = pads(c);
  const [bottom, right] = [hp - h - p[0], wp - wd - p[1]];
  const g = new GraphBuilder();
  const x = g.input(c.inShape);
  const dy = g.input(c.outShape);
  const xp = padded(g, x, p[0], p[1], bottom, right);
  const s2d = g.reshape(g.transpose(g.reshape(xp, [n, hp / sh, sh, wp / sw, sw, ci]), [0, 1, 3, 2, 4, 5]), [n, hp / sh, wp / sw, sh * sw * ci]);
  const taps: string[] = [];
  for (let qh = 0; qh < jh; qh++) {
    for (let qw = 0; qw < jw; qw++) {
      const whole = jh === 1 && jw === 1;
      taps.push(whole ? s2d : g.op('Slice', [s2d, g.ints([qh, qw]), g.ints([qh + c.outHeight, qw + c.outWidth]), g.ints([1, 2])]));
    }
  }
  const blocks = g.reshape(tapProducts(g, taps, dy, c, sh * sw * ci, threads), [jh, jw, sh, sw, ci, c.outChannels]);
  g.output(g.reshape(g.transpose(blocks, [0, 2, 1, 3, 4, 5]), filterDims(c)), filterDims(c));
  return g;
}

/**
 * dW[kh,kw,ci,co] = Σ x[n, oh·s+kh−pad, ow·s+kw−pad, ci] · dy[n,oh,ow,co]: a conv of x (with the
 * channels as the batch and the batch as channels) by dy dilated by the stride. The result may be
 * larger than the filter when the forward conv dropped input rows; those rows are cropped.
 */
function dilatedGraph(c: ConvInfo): GraphBuilder {
  const g = new GraphBuilder();
  const x = g.input(c.inShape);
  const dy = g.input(c.outShape);
  const [n, h, wd, ci] = c.inShape;
  const co = c.outChannels;
  if (isPointwise(c)) {
    const mm = g.op('Gemm', [g.reshape(x, [n * h * wd, ci]), g.reshape(dy, [n * h * wd, co])], { transA: 1 });
    g.output(g.reshape(mm, filterDims(c)), filterDims(c));
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
  g.output(g.transpose(cropped, [2, 3, 0, 1]), filterDims(c));
  return g;
}

/**
 * dW in the form measured fastest for the shape (`threads`: onnxruntime's, per session): tap
 * products for stride 1 (3×3 3→32 at 96×64×64: 35-47 ms vs 79-85 for the dilated conv),
 * space-to-depth products for kernels a multiple of the stride, else the dilated conv.
 */
export function backpropFilterForm(c: ConvInfo, threads: number): ConvForm {
  if (isPointwise(c)) return { form: 'gemm', build: () => dilatedGraph(c) };
  if (c.strideHeight === 1 && c.strideWidth === 1) return { form: 'taps', build: () => tapGraph(c, threads) };
  const s2d = c.strideHeight > 1 || c.strideWidth > 1 ? spaceToDepthFits(c) : null;
  if (s2d) return { form: 'spaceToDepth', build: () => spaceToDepthGraph(c, s2d, threads) };
  return { form: 'dilated', build: () => dilatedGraph(c) };
}
