import * as tf from '../tf';

const stopGradientOp = tf.customGrad((...inputs: (tf.Tensor | ((tensors: tf.Tensor[]) => void))[]) => {
  const x = inputs[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

/** x as a constant for differentiation (tfjs-core has no stopGradient op). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stopGradientOp(x) as T;
}
