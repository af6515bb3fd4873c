/** Generated sets as tfjs tensors (float32 features, int32 labels). */
import * as tf from '@tensorflow/tfjs-core';
import { Matrix } from './matrix';

/** A Matrix as a float32 `Tensor2D` of the same shape (one copy, float64 → float32). */
export function matrixToTensor(m: Matrix): tf.Tensor2D {
  return tf.tensor2d(m.toFloat32(), [m.rows, m.cols], 'float32');
}

/** Labels as an int32 `Tensor1D`, or one-hot float32 `Tensor2D` when `numClasses` is given. */
export function labelsToTensor(y: Int32Array): tf.Tensor1D;
export function labelsToTensor(y: Int32Array, numClasses: number): tf.Tensor2D;
export function labelsToTensor(y: Int32Array, numClasses?: number): tf.Tensor1D | tf.Tensor2D {
  if (numClasses === undefined) return tf.tensor1d(y, 'int32');
  const bad = y.findIndex((v) => v < 0 || v >= numClasses);
  if (bad >= 0) throw new RangeError(`labelsToTensor: y[${bad}] = ${y[bad]} is outside 0..${numClasses - 1}`);
  const oneHot = new Float32Array(y.length * numClasses);
  for (let i = 0; i < y.length; i++) oneHot[i * numClasses + y[i]] = 1;
  return tf.tensor2d(oneHot, [y.length, numClasses], 'float32');
}

/** Real targets (regression) as a float32 `Tensor1D`. */
export function targetsToTensor(y: Float64Array): tf.Tensor1D {
  return tf.tensor1d(Float32Array.from(y), 'float32');
}
