/**
 * A generated set as a 2-D scatter coloured by class or cluster (see display/scatter).
 */
import { scatter, type ScatterOptions } from '../display/scatter';
import type { RichOutput } from '../display/output';
import type { Matrix } from './matrix';

/**
 * Two columns of a generated set (default the first two) coloured by label.
 * @example const { X, y } = makeMoons({ nSamples: 500, noise: 0.1 }); display(datasetScatter(X, y, { title: 'moons' }));
 */
export function datasetScatter(
  X: Matrix, labels?: ArrayLike<number> | null, options: ScatterOptions & { columns?: readonly [number, number] } = {},
): RichOutput {
  const [a, b] = options.columns ?? [0, 1];
  for (const c of [a, b]) {
    if (!(Number.isInteger(c) && c >= 0 && c < X.cols)) throw new RangeError(`datasetScatter: column ${c} is outside 0..${X.cols - 1} of a ${X.rows} × ${X.cols} set`);
  }
  if (labels && labels.length !== X.rows) throw new RangeError(`datasetScatter: ${labels.length} labels for ${X.rows} rows`);
  return scatter(X.column(a), X.column(b), labels ?? null, { xLabel: `x${a}`, yLabel: `x${b}`, ...options });
}
