/**
 * Adam with its whole state in the open (moments as named variables, the step count as a
 * number), so a checkpoint restores it bit for bit. tfjs's own Adam keeps its bias-correction
 * powers in private variables and rebuilds them with `pow` on `setWeights`, which drifts from
 * the running product by an ulp and breaks "resume = uninterrupted run".
 */
import * as tf from '../tf';
import { ADAM_UPDATE, hasKernel, type AdamUpdateAttrs } from '../backend/fused-kernels';

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adam {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Updates applied so far. */
  step = 0;
  private readonly slots: { v: tf.Variable; m: tf.Variable; s: tf.Variable }[];

  /** Slot variables are made now (zeros), so the state is complete before the first step. */
  constructor(readonly variables: readonly tf.Variable[], options: AdamOptions) {
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    if (!(this.learningRate > 0)) throw new RangeError(`Adam: learningRate must be > 0, got ${this.learningRate}`);
    for (const [k, b] of [['beta1', this.beta1], ['beta2', this.beta2]] as const) {
      if (!(b >= 0 && b < 1)) throw new RangeError(`Adam: ${k} must be in [0, 1), got ${b}`);
    }
    this.slots = tf.tidy(() => variables.map((v) => ({ v, m: tf.variable(tf.zerosLike(v), false), s: tf.variable(tf.zerosLike(v), false) })));
  }

  /**
   * One step down `loss` over this optimizer's variables; returns the loss value. (Scalars the
   * loss wants to report besides: `tf.keep` them inside and dispose them after.)
   */
  minimize(loss: () => tf.Scalar): number {
    const { value, grads } = tf.variableGrads(loss, this.variables as tf.Variable[]);
    this.apply(grads);
    const out = value.dataSync()[0];
    value.dispose();
    tf.dispose(grads);
    return out;
  }

  /** Applies gradients keyed by variable name (missing ones leave their variable alone). */
  apply(grads: tf.NamedTensorMap): void {
    this.step++;
    const c1 = 1 - Math.pow(this.beta1, this.step);
    const c2 = 1 - Math.pow(this.beta2, this.step);
    const attrs: AdamUpdateAttrs = { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, invSqrtC2: 1 / Math.sqrt(c2), lrOverC1: this.learningRate / c1 };
    const fused = hasKernel(ADAM_UPDATE);
    tf.tidy(() => {
      for (const { v, m, s } of this.slots) {
        const g = grads[v.name];
        if (!g) continue;
        if (fused && v.dtype === 'float32' && g.dtype === 'float32') {
          const inputs: tf.NamedTensorMap = this.beta1 === 0 ? { p: v, v: s, g } : { p: v, v: s, g, m };
          const [p1, s1, m1] = tf.engine().runKernel(ADAM_UPDATE, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
          v.assign(p1);
          s.assign(s1);
          if (m1) m.assign(m1);
          continue;
        }
        // β1 = 0 (SAGAN's TTUR): the first moment is the gradient; three ops per variable fewer.
        const m1 = this.beta1 === 0 ? g : tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1));
        const s1 = tf.add(tf.mul(s, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        if (this.beta1 !== 0) m.assign(m1);
        s.assign(s1);
        // PyTorch's arrangement (the fused kernel computes the same, operation by operation): lr/c1 · m / (√s / √c2 + ε).
        const denom = tf.add(tf.mul(tf.sqrt(s1), attrs.invSqrtC2), this.epsilon);
        v.assign(tf.sub(v, tf.mul(tf.div(m1, denom), attrs.lrOverC1)));
      }
    });
  }

  /** Slot variables by a name stable across instances (position + role). */
  stateVariables(prefix: string): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    this.slots.forEach(({ m, s }, i) => {
      out.set(`${prefix}/${i}/m`, m);
      out.set(`${prefix}/${i}/v`, s);
    });
    return out;
  }

  dispose(): void {
    for (const { m, s } of this.slots) { m.dispose(); s.dispose(); }
  }
}
