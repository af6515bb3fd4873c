/**
 * Convolutions with their bias and activation, one kernel each way where the backend registers
 * CONV2D_BIAS (onnx): tfjs unfuses fused.conv2d while recording gradients (conv, then an Add and
 * an activation, each a full-size pass, and dBias a separate Sum), and conv2dTranspose has no
 * fused form at all. Here the bias and activation stay inside the conv, and the backward pass
 * reads act′ from the output's sign and sums dBias in the same pass (BIAS_ACTIVATION_GRAD).
 * Elsewhere the same tfjs ops compose; same values and gradients.
 */
import * as tf from '../tf';
import { BIAS_ACTIVATION_GRAD, CONV2D_BIAS, CONV2D_TRANSPOSE_BIAS, hasKernel, type ConvBiasAttrs } from '../backend/fused-kernels';

export type ConvActivation = ConvBiasAttrs['activation'];

function checkArgs(op: string, bias: tf.Tensor1D, channels: number, activation: ConvActivation, alpha: number): void {
  if (bias.rank !== 1 || bias.shape[0] !== channels) throw new Error(`${op}: bias must have shape [${channels}] (the output channels), got [${bias.shape}]`);
  // act′ is read from the output's sign: leakyRelu with α ≤ 0 would not keep it.
  if (activation === 'leakyrelu' && !(alpha > 0)) throw new Error(`${op}: leakyreluAlpha must be > 0, got ${alpha}`);
}

function activate(y: tf.Tensor4D, activation: ConvActivation, alpha: number): tf.Tensor4D {
  return activation === 'relu' ? tf.relu(y) : activation === 'leakyrelu' ? tf.leakyRelu(y, alpha) : y;
}

/**
 * activation(conv2d(x, filter) + bias) for NHWC x and an HWIO filter.
 *
 * @example
 * const h = conv2dBias(x, w, b, 2, 'same', 'leakyrelu', 0.2);
 */
export function conv2dBias(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D,
  strides: number,
  pad: 'same' | 'valid',
  activation: ConvActivation = 'linear',
  leakyreluAlpha = 0.2,
): tf.Tensor4D {
  checkArgs('conv2dBias', bias, filter.shape[3], activation, leakyreluAlpha);
  if (hasKernel(CONV2D_BIAS) && x.dtype === 'float32') {
    const attrs: ConvBiasAttrs = { strides, pad, activation, leakyreluAlpha };
    return tf.engine().runKernel(CONV2D_BIAS, { x, filter, bias }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
  }
  return tf.tidy(() => activate(tf.add(tf.conv2d(x, filter, strides, pad), bias), activation, leakyreluAlpha));
}

/**
 * activation(conv2dTranspose(x, filter, outShape) + bias) for NHWC x and a [k, k, out, in] filter.
 *
 * @example
 * const up = conv2dTransposeBias(x, w, b, [n, 2 * h, 2 * w, c], 2, 'same', 'relu');
 */
export function conv2dTransposeBias(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D,
  outShape: [number, number, number, number],
  strides: number,
  pad: 'same' | 'valid',
  activation: ConvActivation = 'linear',
  leakyreluAlpha = 0.2,
): tf.Tensor4D {
  checkArgs('conv2dTransposeBias', bias, filter.shape[2], activation, leakyreluAlpha);
  if (hasKernel(CONV2D_TRANSPOSE_BIAS) && x.dtype === 'float32') {
    const attrs = { strides, pad, activation, leakyreluAlpha, outShape };
    return tf.engine().runKernel(CONV2D_TRANSPOSE_BIAS, { x, filter, bias }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
  }
  return tf.tidy(() => activate(tf.add(tf.conv2dTranspose(x, filter, outShape, strides, pad), bias), activation, leakyreluAlpha));
}

/** dz (the gradient at the conv's output before bias and activation) and a lazy dBias. */
function biasActivationGrad(dy: tf.Tensor4D, y: tf.Tensor4D, attrs: ConvBiasAttrs): { dz: tf.Tensor4D; dBias: () => tf.Tensor } {
  if (attrs.activation === 'linear') return { dz: dy, dBias: () => tf.sum(dy, [0, 1, 2]) };
  const inputs = { dy, y };
  const kernelAttrs = { activation: attrs.activation, leakyreluAlpha: attrs.leakyreluAlpha };
  const [dz, dBias] = tf.engine().runKernel(BIAS_ACTIVATION_GRAD, inputs, kernelAttrs) as tf.Tensor[];
  return { dz: dz as tf.Tensor4D, dBias: () => dBias };
}

/** tfjs's Conv2DBackpropFilter (no public op): dW of the conv of x by a filter of `filterShape` giving dy. */
function backpropFilter(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: number[], strides: number, pad: string): tf.Tensor4D {
  const attrs = { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape };
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

tf.registerGradient({
  kernelName: CONV2D_BIAS,
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved as tf.Tensor4D[];
    const a = attrs as unknown as ConvBiasAttrs;
    const { dz, dBias } = biasActivationGrad(dy as tf.Tensor4D, y, a);
    return {
      x: () => tf.conv2dTranspose(dz, filter, x.shape, a.strides, a.pad),
      filter: () => backpropFilter(x, dz, filter.shape, a.strides, a.pad),
      bias: dBias,
    };
  },
});

tf.registerGradient({
  kernelName: CONV2D_TRANSPOSE_BIAS,
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved as tf.Tensor4D[];
    const a = attrs as unknown as ConvBiasAttrs;
    const { dz, dBias } = biasActivationGrad(dy as tf.Tensor4D, y, a);
    return {
      x: () => tf.conv2d(dz, filter, a.strides, a.pad),
      // The transposed conv's filter maps its output (dz) to its input (x): dW as a conv's from dz to x.
      filter: () => backpropFilter(dz, x, filter.shape, a.strides, a.pad),
      bias: dBias,
    };
  },
});
