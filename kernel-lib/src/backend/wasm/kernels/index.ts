/**
 * The kernels Synthlab adds to (or replaces in) tfjs-backend-wasm so conv nets train on it.
 * `added`: kernels wasm ships without. `replaced`: stock kernels too slow to train with (or wrong).
 */
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { batchMatMulConfig } from './BatchMatMul';
import { conv2DBackpropFilterConfig } from './Conv2DBackpropFilter';
import { conv2DBackpropInputConfig } from './Conv2DBackpropInput';
import { depthwiseConv2dNativeBackpropFilterConfig } from './DepthwiseConv2dNativeBackpropFilter';
import { depthwiseConv2dNativeBackpropInputConfig } from './DepthwiseConv2dNativeBackpropInput';
import { maxPoolGradConfig } from './MaxPoolGrad';
import { unsortedSegmentSumConfig } from './UnsortedSegmentSum';

export const addedKernels: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  unsortedSegmentSumConfig,
];

export const replacedKernels: readonly KernelConfig[] = [conv2DBackpropInputConfig, batchMatMulConfig, maxPoolGradConfig];
