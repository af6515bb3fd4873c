/**
 * The top eigenvalue of a loss's Hessian by power iteration on finite-difference
 * Hessian-vector products, Hv ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε (a sharpness signal that rises
 * before GAN mode collapse, Durall et al. 2020). The loss must be deterministic (fixed inputs,
 * no statistic updates); the variables are restored exactly afterwards.
 */
import * as tf from '../../tf';
import { Rng, type Seed } from '../../random';

export interface HessianOptions {
  /** Power iterations (default 10). */
  iterations?: number;
  /** Step of the finite differences, relative to ‖θ‖ / √n (default 1e-3). */
  epsilon?: number;
  seed?: Seed | Rng;
}

function gradsAt(loss: () => tf.Scalar, vars: tf.Variable[], base: tf.Tensor[], v: tf.Tensor[], eps: number): tf.Tensor[] {
  vars.forEach((x, i) => x.assign(tf.tidy(() => tf.add(base[i], tf.mul(v[i], eps)))));
  const { value, grads } = tf.variableGrads(loss, vars);
  value.dispose();
  return vars.map((x) => grads[x.name]);
}

/** λ_max of ∇²L over `variables` (the eigenvalue of largest magnitude; negative if so). */
export function topHessianEigenvalue(loss: () => tf.Scalar, variables: tf.Variable[], options: HessianOptions = {}): number {
  const iterations = options.iterations ?? 10;
  const rng = Rng.from(options.seed ?? 0);
  const base = variables.map((x) => tf.clone(x));
  const n = variables.reduce((a, x) => a + x.size, 0);
  const norm = Math.sqrt(tf.tidy(() => tf.addN(base.map((b) => tf.sum(tf.square(b)))).dataSync()[0]));
  const eps = (options.epsilon ?? 1e-3) * Math.max(norm / Math.sqrt(n), 1e-3);
  let v = variables.map((x) => tf.tensor(rng.fillNormal(new Float32Array(x.size)), x.shape));
  const normalise = (t: tf.Tensor[]) => tf.tidy(() => {
    const s = tf.sqrt(tf.addN(t.map((a) => tf.sum(tf.square(a)))));
    return t.map((a) => tf.div(a, s));
  });
  let lambda = 0;
  try {
    let u = normalise(v);
    tf.dispose(v);
    v = u;
    for (let it = 0; it < iterations; it++) {
      const gp = gradsAt(loss, variables, base, v, eps);
      const gm = gradsAt(loss, variables, base, v, -eps);
      const hv = tf.tidy(() => gp.map((g, i) => tf.div(tf.sub(g, gm[i]), 2 * eps)));
      tf.dispose([...gp, ...gm]);
      lambda = tf.tidy(() => tf.addN(hv.map((h, i) => tf.sum(tf.mul(h, v[i])))).dataSync()[0]);
      u = normalise(hv);
      tf.dispose([...hv, ...v]);
      v = u;
    }
  } finally {
    variables.forEach((x, i) => x.assign(base[i]));
    tf.dispose([...base, ...v]);
  }
  return lambda;
}
