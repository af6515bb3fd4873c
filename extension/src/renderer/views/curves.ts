/**
 * Training-curves view on plotly: several series, hover values, zoom/pan, EMA smoothing,
 * linear/log y, series toggled from the legend. Updates go through `Plotly.react` with a fixed
 * `uirevision`, so a running cell's `update_display_data` redraws in place and keeps the zoom.
 */
import type { Data, Layout, PlotlyHTMLElement } from 'plotly.js-dist';
import { MIME, type CurveSeries, type TrainingCurvesPayload } from '../../../../kernel-lib/src/display/mime';
import { PALETTE } from '../../../../kernel-lib/src/display/svg-chart';
import type { View, ViewEnv, ViewKind } from '../api';
import { checkbox, el, slider } from '../dom';
import { PLOT_CONFIG, themedLayout } from '../plotly';
import { readTheme } from '../theme';
import { PlotFrame } from './plotFrame';
import { decimate, ema } from './curvesData';
import { plotText } from './plotText';

// Nulls are points a metric was not logged at (e.g. logged every 10 steps): lines connect
// over them (connectgaps), or sparse series would draw nothing.

/** Points drawn per series and view range; more are decimated (min/max per bucket). */
export const MAX_POINTS = 2000;

const isAscending = (x: readonly number[]) => x.every((v, i) => i === 0 || x[i - 1] <= v);
const pick = <T>(a: readonly T[], idx: number[] | undefined): T[] => (idx ? idx.map((i) => a[i]) : a.slice());

class CurvesView implements View<TrainingCurvesPayload> {
  private readonly frame: PlotFrame;
  private readonly smoothText: HTMLElement;
  private readonly logBox: HTMLInputElement;
  private payload: TrainingCurvesPayload | undefined;
  private smoothing = 0;
  private logY: boolean | undefined; // undefined: follow the payload until the user toggles
  private smoothed = new Map<CurveSeries, (number | null)[]>();
  private xRange: [number, number] | undefined;
  private drawing = false;
  private dirty = false;

  constructor(private readonly env: ViewEnv) {
    const doc = env.document;
    const s = slider(doc, 'Smoothing', { min: 0, max: 0.99, step: 0.01, value: 0 }, (v) => { this.smoothing = v; this.smoothed.clear(); this.smoothText.textContent = v.toFixed(2); void this.draw(); });
    s.input.classList.add('synthlab-smoothing');
    this.smoothText = el(doc, 'span', { className: 'synthlab-muted', text: '0.00' });
    this.logBox = checkbox(doc, 'log y', false, (on) => { this.logY = on; void this.draw(); });
    this.logBox.classList.add('synthlab-log-y');
    this.frame = new PlotFrame(env, {
      kind: 'curves', what: 'the chart', fileName: 'training-curves', title: () => this.payload?.title, redraw: () => void this.draw(),
      controls: [el(doc, 'span', { className: 'synthlab-group' }, [s.root, this.smoothText]), el(doc, 'label', { className: 'synthlab-field' }, [this.logBox, el(doc, 'span', { text: 'log y' })])],
    });
  }

  async update(payload: TrainingCurvesPayload): Promise<void> {
    this.payload = payload;
    this.smoothed.clear();
    await this.frame.load();
    await this.draw();
  }

  private smooth(s: CurveSeries): (number | null)[] {
    let v = this.smoothed.get(s);
    if (!v) { v = ema(s.y, this.smoothing); this.smoothed.set(s, v); }
    return v;
  }

  private traces(p: TrainingCurvesPayload): { data: Data[]; decimated: boolean } {
    const data: Data[] = [];
    let decimated = false;
    p.series.forEach((s, k) => {
      const color = PALETTE[k % PALETTE.length];
      const idx = isAscending(s.x) && s.x.length > MAX_POINTS ? decimate(s.x, s.y, MAX_POINTS, this.xRange) : undefined;
      decimated ||= idx !== undefined;
      const x = pick(s.x, idx), raw = pick(s.y, idx);
      const yaxis = s.axis === 'right' ? 'y2' : 'y';
      const name = plotText(s.name);
      if (this.smoothing > 0) {
        data.push({ type: 'scatter', mode: 'lines', uid: `raw${k}`, x, y: raw, yaxis, legendgroup: `g${k}`, showlegend: false, hoverinfo: 'skip', opacity: 0.25, connectgaps: true, line: { color, width: 1 } });
        data.push({ type: 'scatter', mode: 'lines', uid: `s${k}`, name, x, y: pick(this.smooth(s), idx), yaxis, legendgroup: `g${k}`, connectgaps: true, customdata: raw, hovertemplate: '%{y:.4g} (raw %{customdata:.4g})', line: { color, width: 2 } });
      } else {
        data.push({ type: 'scatter', mode: 'lines', uid: `s${k}`, name, x, y: raw, yaxis, legendgroup: `g${k}`, connectgaps: true, hovertemplate: '%{y:.4g}', line: { color, width: 1.5 } });
      }
    });
    return { data, decimated };
  }

  private layout(p: TrainingCurvesPayload, logY: boolean): Partial<Layout> {
    const base = themedLayout(readTheme(this.env.document));
    const right = p.series.some((s) => s.axis === 'right');
    return {
      ...base,
      title: p.title ? { text: plotText(p.title), font: { size: 14 } } : undefined,
      hovermode: 'x unified',
      uirevision: 'synthlab',
      xaxis: { ...base.xaxis, title: { text: plotText(p.xLabel) ?? '' } },
      // The y range resets when the scale changes; the x zoom is kept.
      yaxis: { ...base.yaxis, title: { text: plotText(p.yLabel) ?? '' }, type: logY ? 'log' : 'linear', uirevision: logY ? 'log' : 'linear' },
      ...(right ? { yaxis2: { ...base.yaxis, overlaying: 'y', side: 'right', showgrid: false, type: logY ? 'log' : 'linear' } } : {}),
      margin: { ...base.margin, t: p.title ? 64 : 32, r: right ? 60 : 24 },
    };
  }

  private async draw(): Promise<void> {
    const p = this.payload, plotly = this.frame.plotly;
    if (!p || !plotly) return;
    if (this.drawing) { this.dirty = true; return; } // redrawn with the newest state below
    const logY = this.logY ?? p.logY ?? false;
    this.logBox.checked = logY;
    const { data, decimated } = this.traces(p);
    const points = p.series.reduce((n, s) => n + s.x.length, 0);
    this.frame.info.textContent = `${p.series.length} series · ${points.toLocaleString('en-US')} points${decimated ? ' (decimated for display)' : ''}`;
    this.drawing = true;
    try {
      const first = !this.frame.plot.classList.contains('js-plotly-plot');
      await plotly.react(this.frame.plot, data, this.layout(p, logY), PLOT_CONFIG);
      if (first) (this.frame.plot as unknown as PlotlyHTMLElement).on('plotly_relayout', (e) => this.onRelayout(e as Record<string, unknown>));
    } finally {
      this.drawing = false;
    }
    if (this.dirty) { this.dirty = false; await this.draw(); }
  }

  /** Zoom changed: redraw decimated series at the detail of the new x range. */
  private onRelayout(e: Record<string, unknown>): void {
    if (this.drawing || !this.payload) return;
    const r0 = e['xaxis.range[0]'], r1 = e['xaxis.range[1]'], r = e['xaxis.range'];
    let next: [number, number] | undefined;
    if (typeof r0 === 'number' && typeof r1 === 'number') next = [r0, r1];
    else if (Array.isArray(r) && typeof r[0] === 'number' && typeof r[1] === 'number') next = [r[0], r[1]];
    else if (e['xaxis.autorange'] === true) next = undefined;
    else return;
    this.xRange = next;
    if (this.payload.series.some((s) => s.x.length > MAX_POINTS)) void this.draw();
  }

  get root(): HTMLElement {
    return this.frame.root;
  }

  toPng(): Promise<string> {
    return this.frame.toPng();
  }

  dispose(): void {
    this.frame.dispose();
  }
}

export const trainingCurvesKind: ViewKind<TrainingCurvesPayload> = {
  mime: MIME.trainingCurves,
  create: (env) => new CurvesView(env),
};
