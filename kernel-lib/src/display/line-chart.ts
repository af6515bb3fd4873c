/** Training curves: several named series over steps/epochs, `training-curves.v1` + SVG fallback. */
import { MIME, type CurveSeries, type TrainingCurvesPayload } from './mime';
import { RichOutput } from './output';
import { svgChart } from './svg-chart';

export interface LineChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
}

export interface SeriesInput {
  name: string;
  /** x values; default 0..n-1. */
  x?: ArrayLike<number>;
  y: ArrayLike<number | null>;
  axis?: 'left' | 'right';
}

/**
 * Line chart of training curves (loss, metrics). Non-finite values become gaps (null).
 * @example display(lineChart([{ name: 'D loss', y: dLoss }, { name: 'G loss', y: gLoss }], { xLabel: 'step' }))
 */
export function lineChart(series: SeriesInput[], options: LineChartOptions = {}): RichOutput {
  const payloadSeries: CurveSeries[] = series.map((s) => {
    const n = s.y.length;
    if (s.x && s.x.length !== n) throw new Error(`lineChart: series "${s.name}" has ${s.x.length} x values but ${n} y values`);
    const x = s.x ? Array.from(s.x) : Array.from({ length: n }, (_, i) => i);
    const y = Array.from(s.y, (v) => (v === null || !Number.isFinite(v) ? null : v));
    return { name: s.name, x, y, ...(s.axis ? { axis: s.axis } : {}) };
  });
  const payload: TrainingCurvesPayload = { ...options, series: payloadSeries };
  const last = payloadSeries
    .map((s) => {
      let i = s.y.length - 1;
      while (i >= 0 && s.y[i] === null) i--;
      return i >= 0 ? `${s.name}=${Number((s.y[i] as number).toPrecision(4))} @ ${s.x[i]}` : `${s.name}=–`;
    })
    .join(', ');
  return new RichOutput({
    [MIME.trainingCurves]: payload,
    'image/svg+xml': svgChart(payloadSeries.map((s) => ({ name: s.name, x: s.x, y: s.y })), options),
    'text/plain': `${options.title ? options.title + ': ' : ''}${last}`,
  });
}
