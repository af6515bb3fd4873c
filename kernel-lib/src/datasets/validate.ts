/**
 * Parameter checks with scikit-learn's refusals (its `validate_params` intervals and the
 * errors raised inside each generator), worded for our camelCase names.
 */

type Closed = 'left' | 'right' | 'both' | 'neither';

/** Throws a `RangeError` prefixed with the generator's name. */
export function refuse(fn: string, message: string): never {
  throw new RangeError(`${fn}: ${message}`);
}

function interval(lo: number | null, hi: number | null, closed: Closed): string {
  const left = closed === 'left' || closed === 'both' ? '[' : '(';
  const right = closed === 'right' || closed === 'both' ? ']' : ')';
  return `${left}${lo ?? '-inf'}, ${hi ?? 'inf'}${right}`;
}

function inside(v: number, lo: number | null, hi: number | null, closed: Closed): boolean {
  const loOk = lo === null || (closed === 'left' || closed === 'both' ? v >= lo : v > lo);
  const hiOk = hi === null || (closed === 'right' || closed === 'both' ? v <= hi : v < hi);
  return loOk && hiOk;
}

/** An integer in [min, max] (max inclusive; null = unbounded). */
export function checkInt(fn: string, name: string, value: unknown, min: number, max: number | null = null): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || !inside(value, min, max, 'both')) {
    refuse(fn, `'${name}' must be an integer in the range ${interval(min, max, max === null ? 'left' : 'both')}; got ${String(value)}.`);
  }
  return value;
}

/** A finite real number inside the interval. */
export function checkReal(
  fn: string, name: string, value: unknown, lo: number | null, hi: number | null, closed: Closed,
): number {
  if (typeof value !== 'number' || Number.isNaN(value) || !Number.isFinite(value) || !inside(value, lo, hi, closed)) {
    refuse(fn, `'${name}' must be a real number in the range ${interval(lo, hi, closed)}; got ${String(value)}.`);
  }
  return value;
}

/** An array of finite reals (any array-like), copied into a Float64Array. */
export function checkReals(fn: string, name: string, value: ArrayLike<number>, length?: number): Float64Array {
  const out = Float64Array.from(value);
  if (length !== undefined && out.length !== length) {
    refuse(fn, `'${name}' must have ${length} values; got ${out.length}.`);
  }
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) refuse(fn, `'${name}'[${bad}] must be a finite number; got ${out[bad]}.`);
  return out;
}
