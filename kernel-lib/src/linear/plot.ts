/**
 * The article's figure 2 for a linear model fitted on generated data: true vs fitted
 * coefficients, and predictions vs targets, each with the y = x line a perfect fit lies on.
 */
import { scatter } from '../display/scatter';
import type { Matrix } from '../datasets/matrix';
import type { RichOutput } from '../display/output';
import type { SvgSeries } from '../display/svg-chart';
import { r2Score } from './models';

function diagonal(a: ArrayLike<number>, b: ArrayLike<number>): SvgSeries {
  let lo = Infinity, hi = -Infinity;
  for (const arr of [a, b]) for (let i = 0; i < arr.length; i++) if (Number.isFinite(arr[i])) { lo = Math.min(lo, arr[i]); hi = Math.max(hi, arr[i]); }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  return { name: 'y = x', kind: 'line', x: [lo, hi], y: [lo, hi], color: '#888' };
}

/**
 * True coefficients (x) against fitted ones (y): a perfect recovery lies on the diagonal.
 * @example display(coefficientsPlot(coef, model.coef))
 */
export function coefficientsPlot(trueCoef: ArrayLike<number>, fittedCoef: ArrayLike<number>, options: { title?: string } = {}): RichOutput {
  if (trueCoef.length !== fittedCoef.length) {
    throw new RangeError(`coefficientsPlot: ${trueCoef.length} true coefficients but ${fittedCoef.length} fitted ones`);
  }
  let worst = 0;
  for (let i = 0; i < trueCoef.length; i++) worst = Math.max(worst, Math.abs(trueCoef[i] - fittedCoef[i]));
  return scatter(trueCoef, fittedCoef, null, {
    title: options.title ?? 'True vs fitted coefficients', xLabel: 'true coefficient', yLabel: 'fitted coefficient',
    name: 'coefficients', svgExtras: [diagonal(trueCoef, fittedCoef)], summary: `max |fitted − true| = ${worst.toPrecision(3)}`,
  });
}

/**
 * Targets (x) against predictions (y), with R² in the text.
 * @example display(predictionsPlot(y, model.predict(X)))
 */
export function predictionsPlot(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: { title?: string; maxPoints?: number } = {}): RichOutput {
  if (yTrue.length !== yPred.length) throw new RangeError(`predictionsPlot: ${yTrue.length} targets but ${yPred.length} predictions`);
  const r2 = r2Score(Float64Array.from(yTrue), Float64Array.from(yPred));
  return scatter(yTrue, yPred, null, {
    title: options.title ?? `Predictions vs targets (R² = ${r2.toFixed(4)})`, xLabel: 'target', yLabel: 'prediction',
    maxPoints: options.maxPoints, name: 'samples', svgExtras: [diagonal(yTrue, yPred)], summary: `R² = ${r2.toPrecision(6)}`,
  });
}

/**
 * Both panels of figure 2 for a fitted single-target model.
 * @example for (const out of regressionFigure(model, X, y, coef)) display(out);
 */
export function regressionFigure(
  model: { coef: Float64Array; nTargets: number; predict(X: Matrix): Float64Array }, X: Matrix, y: ArrayLike<number>, trueCoef: ArrayLike<number>,
): [RichOutput, RichOutput] {
  if (model.nTargets !== 1) throw new RangeError(`regressionFigure: the model has ${model.nTargets} targets; plot one target at a time`);
  return [coefficientsPlot(trueCoef, model.coef), predictionsPlot(y, model.predict(X))];
}
