/** Conv geometry shared by the forward and gradient conv graphs (tfjs's Conv2DInfo, NHWC). */
import type { Conv2DAttrs } from '@tensorflow/tfjs-core';
import { backend_util } from '@tensorflow/tfjs-core';

export type ConvInfo = backend_util.Conv2DInfo;
type Shape4 = [number, number, number, number];

export function convInfo(
  xShape: readonly number[],
  filterShape: readonly number[],
  strides: Conv2DAttrs['strides'],
  dilations: Conv2DAttrs['dilations'],
  pad: Conv2DAttrs['pad'],
  rounding: Conv2DAttrs['dimRoundingMode'],
): ConvInfo {
  return backend_util.computeConv2DInfo(xShape as Shape4, filterShape as Shape4, strides, dilations, pad, rounding, false, 'channelsLast');
}

/** [top, left, bottom, right] */
export function pads(c: ConvInfo): number[] {
  return [c.padInfo.top, c.padInfo.left, c.padInfo.bottom, c.padInfo.right];
}

export function infoKey(c: ConvInfo): string {
  return [c.inShape, c.filterHeight, c.filterWidth, c.outChannels, c.strideHeight, c.strideWidth, c.dilationHeight, c.dilationWidth, pads(c)].join(';');
}

/** A 1×1, stride-1, unpadded conv is a matmul on [N·H·W, C]: no layout change needed. */
export function isPointwise(c: ConvInfo): boolean {
  return c.filterHeight === 1 && c.filterWidth === 1 && c.strideHeight === 1 && c.strideWidth === 1 && pads(c).every((p) => p === 0);
}

export function filterDims(c: ConvInfo): number[] {
  return [c.filterHeight, c.filterWidth, c.inChannels, c.outChannels];
}
