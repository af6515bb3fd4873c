/**
 * 2-D scatter view on plotly: one trace per group (class, cluster, identity), legend toggles.
 * Large sets use WebGL (scattergl) when the page has it, else an even stride subsample.
 */
import type { Data, PlotlyHTMLElement } from 'plotly.js-dist';
import { MIME, type ScatterPayload } from '../../../../kernel-lib/src/display/mime';
import { PALETTE } from '../../../../kernel-lib/src/display/svg-chart';
import type { View, ViewEnv, ViewKind } from '../api';
import { button, el, fileStem } from '../dom';
import { loadPlotly, PLOT_CONFIG, plotToPng, themedLayout, type PlotlyModule } from '../plotly';
import { onThemeChange, readTheme } from '../theme';
import { plotText } from './plotText';

/** Above this many points SVG markers get slow. */
export const SVG_POINT_LIMIT = 20000;

function hasWebGl(doc: Document): boolean {
  try {
    return !!doc.createElement('canvas').getContext('webgl');
  } catch {
    return false;
  }
}

/**
 * Point indices per group, groups sorted as the library's SVG fallback sorts them (numbers
 * ascending, else text order), so each group keeps its colour in both renderings.
 */
function groupIndices(p: ScatterPayload, stride: number): Map<string, number[]> {
  const groups = new Map<string, { raw: string | number; idx: number[] }>();
  for (let i = 0; i < p.x.length; i += stride) {
    const raw = p.groups ? p.groups[i] : '';
    const key = String(raw);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { raw, idx: [] }));
    g.idx.push(i);
  }
  const sorted = [...groups.entries()].sort(([, a], [, b]) =>
    (typeof a.raw === 'number' && typeof b.raw === 'number' ? a.raw - b.raw : String(a.raw).localeCompare(String(b.raw))));
  return new Map(sorted.map(([k, g]) => [k, g.idx]));
}

class ScatterView implements View<ScatterPayload> {
  readonly root: HTMLElement;
  private readonly plot: HTMLElement;
  private readonly info: HTMLElement;
  private payload: ScatterPayload | undefined;
  private plotly: PlotlyModule | undefined;
  private readonly stopThemeWatch: () => void;

  constructor(private readonly env: ViewEnv) {
    const doc = env.document;
    this.info = el(doc, 'span', { className: 'synthlab-muted' });
    this.plot = el(doc, 'div', { className: 'synthlab-plot' });
    this.root = el(doc, 'div', { className: 'synthlab-view synthlab-scatter' }, [
      el(doc, 'div', { className: 'synthlab-toolbar' }, [
        button(doc, 'Save PNG', 'Save the plot as PNG', () => void this.toPng().then((u) => env.savePng(`${fileStem(this.payload?.title, 'scatter')}.png`, u))),
        this.info,
      ]),
      this.plot,
    ]);
    this.stopThemeWatch = onThemeChange(doc, () => void this.draw());
  }

  async update(payload: ScatterPayload): Promise<void> {
    this.payload = payload;
    this.plotly ??= await loadPlotly();
    await this.draw();
  }

  private async draw(): Promise<void> {
    const p = this.payload, plotly = this.plotly;
    if (!p || !plotly) return;
    const n = p.x.length;
    const gl = n > SVG_POINT_LIMIT && hasWebGl(this.env.document);
    const stride = n > SVG_POINT_LIMIT && !gl ? Math.ceil(n / SVG_POINT_LIMIT) : 1;
    const groups = groupIndices(p, stride);
    const size = n > 5000 ? 3 : n > 500 ? 5 : 7;
    const data: Data[] = [...groups].map(([g, idx], k) => ({
      type: gl ? 'scattergl' : 'scatter', mode: 'markers', uid: `g${k}`,
      name: plotText(p.groups ? g : 'points'), showlegend: p.groups !== undefined,
      x: idx.map((i) => p.x[i]), y: idx.map((i) => p.y[i]),
      marker: { color: PALETTE[k % PALETTE.length], size, opacity: 0.75 },
      hovertemplate: '(%{x:.4g}, %{y:.4g})',
    }));
    const shown = Math.ceil(n / stride);
    this.info.textContent = `${n.toLocaleString('en-US')} points · ${groups.size} group${groups.size === 1 ? '' : 's'}` +
      (stride > 1 ? ` (showing every ${stride}th: ${shown.toLocaleString('en-US')})` : gl ? ' (WebGL)' : '');
    const base = themedLayout(readTheme(this.env.document));
    await plotly.react(this.plot, data, {
      ...base,
      title: p.title ? { text: plotText(p.title), font: { size: 14 } } : undefined,
      hovermode: 'closest',
      uirevision: 'synthlab',
      xaxis: { ...base.xaxis, title: { text: plotText(p.xLabel) ?? '' } },
      yaxis: { ...base.yaxis, title: { text: plotText(p.yLabel) ?? '' } },
      margin: { ...base.margin, t: p.title ? 56 : 32 },
    }, PLOT_CONFIG);
  }

  async toPng(): Promise<string> {
    if (!this.plotly || !this.plot.classList.contains('js-plotly-plot')) throw new Error('the plot is not drawn yet');
    return plotToPng(this.plotly, this.plot as unknown as PlotlyHTMLElement, readTheme(this.env.document));
  }

  dispose(): void {
    this.stopThemeWatch();
    this.plotly?.purge(this.plot);
    this.root.remove();
  }
}

export const scatterKind: ViewKind<ScatterPayload> = {
  mime: MIME.scatter,
  create: (env) => new ScatterView(env),
};
