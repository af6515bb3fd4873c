/**
 * onnxruntime's NCHWc convolution (domain com.microsoft.nchwc): MLAS's direct convolution on
 * channel-blocked tensors, the form onnxruntime's layout optimizer gives a Conv whose filter is a
 * constant. Ours are graph inputs, so the optimizer leaves them alone and we build the form by hand:
 * ReorderInput (reads NHWC directly) → Conv on the blocked filter → ReorderOutput (writes NHWC).
 * That skips the NHWC↔NCHW Transposes and the im2col of the plain Conv: 25-45 % less CPU at the
 * bench's 3×3 and 4×4 stride-2 convs (kernels/conv.ts).
 */
import type { GraphBuilder } from '../graph';
import { GraphBuilder as Builder } from '../graph';
import { loadOrt, OrtSession } from '../ort';
import { activationNodes } from './activation';

export const NCHWC = 'com.microsoft.nchwc';

let block: number | undefined;

/**
 * MLAS's channel block (16 with AVX-512, 8 with AVX2), or 0 where this onnxruntime build has no
 * NCHWc kernels. Probed once: the channel count ReorderInput gives 4 channels.
 */
export function nchwcBlock(): number {
  if (block !== undefined) return block;
  try {
    const g = new Builder();
    const reordered = g.op('ReorderInput', [g.input([1, 4, 1, 1])], { channels_last: 0 }, NCHWC);
    g.output(g.op('Cast', [g.op('Shape', [reordered])], { to: 6 }), [4], 'int32');
    const s = new OrtSession(loadOrt(), g.build(), { threads: 1 });
    const ort = loadOrt();
    const out = s.run({ x0: new ort.Tensor('float32', new Float32Array(4), [1, 4, 1, 1]) }, 1)[0];
    s.dispose();
    block = Number(out.data[1]);
  } catch {
    block = 0;
  }
  return block;
}

const roundUp = (c: number, b: number) => Math.ceil(c / b) * b;

/**
 * Whether a conv with these channel counts suits the NCHWc form: input channels below the block
 * (read as plain NCHW) or a multiple of 4 (what ReorderInput takes), and output channels that
 * padding to the block wastes at most a quarter of (3 → 16 would do 5× the work).
 */
export function nchwcFits(inChannels: number, outChannels: number): boolean {
  const b = nchwcBlock();
  return b > 1 && (inChannels < b || inChannels % 4 === 0) && roundUp(outChannels, b) * 3 <= outChannels * 4;
}

/** The channel count the conv sees for `c` input channels (padded to the block unless below it). */
function inputChannels(c: number): number {
  const b = nchwcBlock();
  return c < b ? c : roundUp(c, b);
}

/** NHWC `x` with `c` channels as the NCHWc conv's input: NCHW below the block, else blocked. */
export function nchwcInput(g: GraphBuilder, x: string, c: number): string {
  return c < nchwcBlock() ? g.transpose(x, [0, 3, 1, 2]) : g.op('ReorderInput', [x], { channels_last: 1 }, NCHWC);
}

/**
 * A filter [kh, kw, I, O] ('hwio', tfjs's layout) or [kh, kw, O, I] ('hwoi', the transposed
 * filter a conv's input gradient uses) in MLAS's blocked order, zero-padded to the blocked channel
 * counts: [O/B, I/B, kh, kw, Bi, Bo] (I below the block: [O/B, I, kh, kw, Bo]), shaped [O', I', kh, kw].
 */
export function nchwcFilter(g: GraphBuilder, w: string, dims: readonly number[], order: 'hwio' | 'hwoi'): string {
  const b = nchwcBlock();
  const [kh, kw] = dims;
  const [ci, co] = order === 'hwio' ? [dims[2], dims[3]] : [dims[3], dims[2]];
  const [cip, cop] = [inputChannels(ci), roundUp(co, b)];
  const [iAxis, oAxis] = order === 'hwio' ? [2, 3] : [3, 2];
  const pads = [0, 0, 0, 0, 0, 0, 0, 0];
  pads[4 + iAxis] = cip - ci;
  pads[4 + oAxis] = cop - co;
  const wp = pads.some((p) => p > 0) ? g.op('Pad', [w, g.ints(pads)]) : w;
  const [ib, ob] = [cip / b, cop / b];
  let blocked: string;
  if (order === 'hwio') {
    // [kh·kw, I/B, Bi, O/B, Bo] → [O/B, I/B, kh·kw, Bi, Bo]; below the block: [kh·kw, I, O/B, Bo] → [O/B, I, kh·kw, Bo]
    blocked = ci < b ? g.transpose(g.reshape(wp, [kh * kw, cip, ob, b]), [2, 1, 0, 3]) : g.transpose(g.reshape(wp, [kh * kw, ib, b, ob, b]), [3, 1, 0, 2, 4]);
  } else if (ci < b) {
    // [kh·kw, O/B, Bo, I] → [O/B, I, kh·kw, Bo]
    blocked = g.transpose(g.reshape(wp, [kh * kw, ob, b, cip]), [1, 3, 0, 2]);
  } else {
    // Two Transposes that onnxruntime does as block copies, 4-7× faster than the one 6-D Transpose:
    // [kh·kw·O/B, Bo, I] → [kh·kw·O/B, I, Bo] = [kh·kw, O/B, I/B, Bi·Bo] → [O/B, I/B, kh·kw, Bi·Bo].
    const lanesInner = g.transpose(g.reshape(wp, [kh * kw * ob, b, cip]), [0, 2, 1]);
    blocked = g.transpose(g.reshape(lanesInner, [kh * kw, ob, ib, b * b]), [1, 2, 0, 3]);
  }
  return g.reshape(blocked, [cop, cip, kh, kw]);
}

/** MLAS's fused activation for a tfjs one, where it has it (elu runs as its own node). */
function fusedActivation(activation: string, alpha: number): Record<string, string | { floats: number[] }> {
  switch (activation) {
    case 'relu':
      return { activation: 'Relu' };
    case 'relu6':
      return { activation: 'Clip', activation_params: { floats: [0, 6] } };
    case 'leakyrelu':
      return { activation: 'LeakyRelu', activation_params: { floats: [alpha] } };
    case 'sigmoid':
      return { activation: 'Sigmoid' };
    default:
      return {};
  }
}

export interface NchwcConvAttrs {
  kernel: [number, number];
  strides: [number, number];
  dilations: [number, number];
  /** [top, left, bottom, right] */
  pads: number[];
  outChannels: number;
}

/**
 * The NCHWc conv node on an `nchwcInput` and an `nchwcFilter`, with an optional bias [O] and
 * activation; its output stays blocked ([N, O', OH, OW] in NCHWc) for `nchwcOutput`.
 */
export function nchwcConvNode(g: GraphBuilder, x: string, w: string, a: NchwcConvAttrs, bias?: string, activation = 'linear', alpha = 0): string {
  const pad = roundUp(a.outChannels, nchwcBlock()) - a.outChannels;
  const b = bias && pad > 0 ? g.op('Pad', [bias, g.ints([0, pad])]) : bias;
  return g.op(
    'Conv',
    [x, w, ...(b ? [b] : [])],
    { kernel_shape: a.kernel, strides: a.strides, dilations: a.dilations, pads: a.pads, ...fusedActivation(activation, alpha) },
    NCHWC,
  );
}

/** A blocked conv output as NHWC with `channels` channels (an activation MLAS lacks appended). */
export function nchwcOutput(g: GraphBuilder, y: string, channels: number, activation = 'linear', alpha = 0): string {
  const nhwc = g.op('ReorderOutput', [y], { channels, channels_last: 1 }, NCHWC);
  return activation === 'elu' ? activationNodes(g, nhwc, activation, alpha) : nhwc;
}
