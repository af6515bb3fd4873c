/** A table drawn from a known Gaussian copula with known marginals (the truth tests compare to). */
import { Rng } from '../../kernel-lib/src/random';
import { Table, type Cell } from '../../kernel-lib/src/tabular';
import { normCdf } from '../../kernel-lib/src/copula/special';

export const TRUE_RHO = 0.6;

/** z1, z2 with correlation TRUE_RHO; x = 10 + 3 z1 (normal), u = Φ(z2) → uniform on [0, 100], c from a third score. */
export function knownTable(n: number, seed = 1): { table: Table; z: Float64Array[] } {
  const rng = new Rng(seed);
  const e = [0, 1, 2].map(() => rng.fillNormal(new Float64Array(n)));
  const z1 = e[0];
  const z2 = z1.map((v, i) => TRUE_RHO * v + Math.sqrt(1 - TRUE_RHO * TRUE_RHO) * e[1][i]);
  const z3 = z1.map((v, i) => 0.5 * v + Math.sqrt(0.75) * e[2][i]);
  const normal = z1.map((v) => 10 + 3 * v);
  const uniform = z2.map((v) => 100 * normCdf(v));
  const cat: Cell[] = Array.from(z3, (v) => (v < -0.5 ? 'low' : v < 0.7 ? 'mid' : 'high'));
  return { table: new Table({ normal, uniform, cat }), z: [z1, z2, z3] };
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { const x = a[i] - ma, y = b[i] - mb; sab += x * y; saa += x * x; sbb += y * y; }
  return sab / Math.sqrt(saa * sbb);
}

/** Two-sample KS statistic. */
export function ks2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = Float64Array.from(a).sort(), y = Float64Array.from(b).sort();
  let i = 0, j = 0, d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

export const nums = (c: ArrayLike<unknown>): Float64Array => Float64Array.from(Array.from(c, Number));
