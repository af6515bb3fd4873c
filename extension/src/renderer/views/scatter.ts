/**
 * 2-D scatter view on plotly: one trace per group (class, cluster, identity), legend toggles.
 * Large sets use WebGL (scattergl) when the page has it, else an even stride subsample.
 */
import type { Data } from 'plotly.js-dist';
import { MIME, type ScatterPayload } from '../../../../kernel-lib/src/display/mime';
import { PALETTE } from '../../../../kernel-lib/src/display/svg-chart';
import type { View, ViewEnv, ViewKind } from '../api';
import { PLOT_CONFIG, themedLayout } from '../plotly';
import { readTheme } from '../theme';
import { PlotFrame } from './plotFrame';
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
  private readonly frame: PlotFrame;
  private payload: ScatterPayload | undefined;

  constructor(private readonly env: ViewEnv) {
    this.frame = new PlotFrame(env, {
      kind: 'scatter', what: 'the plot', fileName: 'scatter', title: () => this.payload?.title, redraw: () => void this.draw(),
    });
  }

  async update(payload: ScatterPayload): Promise<void> {
    this.payload = payload;
    await this.frame.load();
    await this.draw();
  }

  private async draw(): Promise<void> {
    const p = this.payload, plotly = this.frame.plotly;
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
    this.frame.info.textContent = `${n.toLocaleString('en-US')} points · ${groups.size} group${groups.size === 1 ? '' : 's'}` +
      (stride > 1 ? ` (showing every ${stride}th: ${shown.toLocaleString('en-US')})` : gl ? ' (WebGL)' : '');
    const base = themedLayout(readTheme(this.env.document));
    await plotly.react(this.frame.plot, data, {
      ...base,
      title: p.title ? { text: plotText(p.title), font: { size: 14 } } : undefined,
      hovermode: 'closest',
      uirevision: 'synthlab',
      xaxis: { ...base.xaxis, title: { text: plotText(p.xLabel) ?? '' } },
      yaxis: { ...base.yaxis, title: { text: plotText(p.yLabel) ?? '' } },
      margin: { ...base.margin, t: p.title ? 56 : 32 },
    }, PLOT_CONFIG);
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

export const scatterKind: ViewKind<ScatterPayload> = {
  mime: MIME.scatter,
  create: (env) => new ScatterView(env),
};
