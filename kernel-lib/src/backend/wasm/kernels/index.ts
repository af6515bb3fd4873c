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
import { meanConfig } from './Mean';
import { sumConfig } from './Sum';
import { tileConfig } from './Tile';
import { unsortedSegmentSumConfig } from './UnsortedSegmentSum';

export const addedKernels: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  unsortedSegmentSumConfig,
];

export const replacedKernels: readonly KernelConfig[] = [
  conv2DBackpropInputConfig, batchMatMulConfig, maxPoolGradConfig, tileConfig, sumConfig, meanConfig,
];

/**
 * Kernels the cpu backend has and wasm still lacks, on purpose: none is used by training a conv
 * net (forward, gradients, optimizers). A test fails when tfjs adds or drops one.
 */
export const notProvided: Readonly<Record<string, string>> = {
  Complex: 'complex numbers: FFT-based ops only',
  ComplexAbs: 'complex numbers: FFT-based ops only',
  Real: 'complex numbers: FFT-based ops only',
  Imag: 'complex numbers: FFT-based ops only',
  FFT: 'spectral ops are not used by our models',
  IFFT: 'spectral ops are not used by our models',
  Einsum: 'tfjs has no Einsum gradient; models use matMul',
  Draw: 'draws to a browser canvas',
  RaggedGather: 'ragged string/text ops',
  RaggedRange: 'ragged string/text ops',
  RaggedTensorToTensor: 'ragged string/text ops',
  StaticRegexReplace: 'string op',
};
