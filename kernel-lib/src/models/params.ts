/**
 * Parameters of a network: tfjs variables created from seeded initialisers (values drawn with
 * our Rng, so the same seed gives the same weights on every backend), addressed by a local name
 * that is stable across instances ("block1/conv1/w"), under a globally unique engine name.
 */
import * as tf from '../tf';
import type { Rng } from '../random';

export type Init =
  | { kind: 'glorot' }
  | { kind: 'normal'; std: number }
  | { kind: 'constant'; value: number };

let instances = 0;

/** Fan-in and fan-out of a weight: dense [in, out], conv [kh, kw, in, out], embedding [K, C]. */
function fans(shape: readonly number[]): [number, number] {
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [receptive * shape[shape.length - 2], receptive * shape[shape.length - 1]];
}

export function initValues(shape: readonly number[], init: Init, rng: Rng): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  if (init.kind === 'constant') return out.fill(init.value);
  if (init.kind === 'normal') return rng.fillNormal(out, 0, init.std);
  const [fanIn, fanOut] = fans(shape);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < n; i++) out[i] = (2 * rng.float() - 1) * limit;
  return out;
}

export class ParamSet {
  /** Unique engine-name prefix of this instance (tfjs variable names are global). */
  readonly prefix: string;
  private readonly vars = new Map<string, tf.Variable>();
  private readonly trainableNames: string[] = [];

  constructor(kind: string, private readonly rng: Rng) {
    this.prefix = `${kind}_${++instances}`;
  }

  /** Creates a variable; local names must be unique within the set. */
  add(name: string, shape: number[], init: Init, trainable = true): tf.Variable {
    if (this.vars.has(name)) throw new Error(`ParamSet ${this.prefix}: parameter "${name}" already exists`);
    const values = initValues(shape, init, this.rng.derive(name));
    // tidy frees the initial tensor (a variable shares its data, so it would hold a second reference).
    const v = tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'), trainable, `${this.prefix}/${name}`));
    this.vars.set(name, v);
    if (trainable) this.trainableNames.push(name);
    return v;
  }

  /** A view that prefixes local names (for nested blocks). */
  scope(name: string): ParamScope {
    return new ParamScope(this, name);
  }

  /** Trainable variables in creation order (the order optimizers and EMA rely on). */
  trainable(): tf.Variable[] {
    return this.trainableNames.map((n) => this.vars.get(n) as tf.Variable);
  }

  /** Every variable (weights, running statistics, spectral-norm vectors) by local name. */
  all(): Map<string, tf.Variable> {
    return new Map(this.vars);
  }

  get size(): number {
    let n = 0;
    for (const v of this.trainable()) n += v.size;
    return n;
  }

  /** Assigns values by local name; every variable must be given, with its shape. */
  load(values: Map<string, tf.Tensor> | tf.NamedTensorMap, where = 'weights'): void {
    const get = (n: string) => (values instanceof Map ? values.get(n) : values[n]);
    for (const [name, v] of this.vars) {
      const t = get(name);
      if (!t) throw new Error(`${where}: missing "${name}" (expected shape [${v.shape.join(', ')}])`);
      if (t.shape.join(',') !== v.shape.join(',')) {
        throw new Error(`${where}: "${name}" has shape [${t.shape.join(', ')}], the model needs [${v.shape.join(', ')}]`);
      }
      v.assign(t);
    }
  }

  /** Copies every value from another set with the same local names (e.g. G into its EMA). */
  copyFrom(other: ParamSet): void {
    this.load(other.vars, `copy from ${other.prefix}`);
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}

export class ParamScope {
  constructor(private readonly set: ParamSet, private readonly path: string) {}
  add(name: string, shape: number[], init: Init, trainable = true): tf.Variable {
    return this.set.add(`${this.path}/${name}`, shape, init, trainable);
  }
  scope(name: string): ParamScope {
    return new ParamScope(this.set, `${this.path}/${name}`);
  }
}

/** Where layers create their parameters: a set or a scope within one. */
export type Params = ParamSet | ParamScope;
