/**
 * Real and synthetic correlation matrices side by side (plotly heatmaps on one diverging scale,
 * −1…1), with an optional third panel of |real − synthetic| to show where they disagree.
 */
import type { Annotation, Data, Layout } from 'plotly.js-dist';
import { MIME, type CorrelationHeatmapPayload } from '../../../../kernel-lib/src/display/mime';
import type { View, ViewEnv, ViewKind } from '../api';
import { checkbox, el } from '../dom';
import { axisSuffix, PLOT_CONFIG, themedLayout } from '../plotly';
import { readTheme } from '../theme';
import { PlotFrame } from './plotFrame';
import { plotText } from './plotText';

type Matrix = (number | null)[][];

const DIVERGING: [number, string][] = [[0, '#2166ac'], [0.25, '#67a9cf'], [0.5, '#f7f7f7'], [0.75, '#ef8a62'], [1, '#b2182b']];
const SEQUENTIAL: [number, string][] = [[0, '#f7f7f7'], [1, '#7b3294']];

export function absDifference(a: Matrix, b: Matrix): Matrix {
  return a.map((row, i) => row.map((v, j) => (v === null || b[i][j] === null ? null : Math.abs(v - (b[i][j] as number)))));
}

/** Mean of the defined off-diagonal |real − synthetic| entries (what CorrelationSimilarity averages). */
export function meanOffDiagonal(m: Matrix): number | undefined {
  let sum = 0, n = 0;
  m.forEach((row, i) => row.forEach((v, j) => { if (i !== j && v !== null) { sum += v; n++; } }));
  return n ? sum / n : undefined;
}

class HeatmapView implements View<CorrelationHeatmapPayload> {
  private readonly frame: PlotFrame;
  private payload: CorrelationHeatmapPayload | undefined;
  private showDiff = false;

  constructor(private readonly env: ViewEnv) {
    const doc = env.document;
    const diff = checkbox(doc, 'difference', false, (on) => { this.showDiff = on; void this.draw(); });
    diff.classList.add('synthlab-show-diff');
    this.frame = new PlotFrame(env, {
      kind: 'heatmap', what: 'the heatmaps', fileName: 'correlations', title: () => this.payload?.title, redraw: () => void this.draw(),
      controls: [el(doc, 'label', { className: 'synthlab-field' }, [diff, el(doc, 'span', { text: 'show |real − synthetic|' })])],
    });
  }

  async update(payload: CorrelationHeatmapPayload): Promise<void> {
    this.payload = payload;
    await this.frame.load();
    await this.draw();
  }

  private async draw(): Promise<void> {
    const p = this.payload, plotly = this.frame.plotly;
    if (!p || !plotly) return;
    const k = p.columns.length;
    const names = p.columns.map((c) => plotText(c) as string);
    const idx = names.map((_, i) => i);
    const text = names.map((r) => names.map((c) => `${r} × ${c}`));
    const diff = absDifference(p.real, p.synthetic);
    const mean = meanOffDiagonal(diff);
    this.frame.info.textContent = `${k} columns · ${p.coefficient}` + (mean !== undefined ? ` · mean |Δ| ${mean.toFixed(3)}` : '');
    const panels: { name: string; z: Matrix; diverging: boolean }[] = [
      { name: 'real', z: p.real, diverging: true }, { name: 'synthetic', z: p.synthetic, diverging: true },
      ...(this.showDiff ? [{ name: '|real − synthetic|', z: diff, diverging: false }] : []),
    ];
    const data: Data[] = panels.map((panel, i) => ({
      type: 'heatmap', name: panel.name, x: idx, y: idx, z: panel.z, text, xaxis: `x${axisSuffix(i)}`, yaxis: `y${axisSuffix(i)}`,
      // |Δ| saturates at 0.5: differences that large are already bad, smaller ones stay visible.
      zmin: panel.diverging ? -1 : 0, zmax: panel.diverging ? 1 : 0.5, colorscale: panel.diverging ? DIVERGING : SEQUENTIAL,
      hoverongaps: false, hovertemplate: `%{text}: %{z:.3f}<extra>${panel.name}</extra>`,
      showscale: i === 0 || !panel.diverging,
      colorbar: { x: panel.diverging ? 1.01 : 1.09, len: 0.9, thickness: 12, outlinewidth: 0 },
    }));
    const theme = readTheme(this.env.document);
    const base = themedLayout(theme);
    const side = Math.max(180, Math.min(420, 60 + k * 24));
    const axis = (i: number, isY: boolean) => ({
      ...(isY ? base.yaxis : base.xaxis), tickvals: idx, ticktext: names, showgrid: false, zeroline: false, automargin: true,
      ...(isY ? { autorange: 'reversed' as const, scaleanchor: `x${axisSuffix(i)}`, showticklabels: i === 0 } : { tickangle: k > 4 ? -45 : 0 }),
    });
    const layout: Partial<Layout> = {
      ...base,
      title: p.title ? { text: plotText(p.title), font: { size: 14 } } : undefined,
      grid: { rows: 1, columns: panels.length, pattern: 'independent', xgap: 0.08 },
      uirevision: 'synthlab',
      height: side + 140,
      margin: { ...base.margin, t: p.title ? 80 : 48, r: 80 },
      annotations: panels.map((panel, i): Partial<Annotation> => ({
        text: panel.name, showarrow: false, xref: `x${axisSuffix(i)} domain` as Annotation['xref'], yref: `y${axisSuffix(i)} domain` as Annotation['yref'],
        x: 0.5, y: 1.02, xanchor: 'center', yanchor: 'bottom', font: { size: 12, color: theme.foreground },
      })),
    };
    panels.forEach((_, i) => {
      (layout as Record<string, unknown>)[`xaxis${axisSuffix(i)}`] = axis(i, false);
      (layout as Record<string, unknown>)[`yaxis${axisSuffix(i)}`] = axis(i, true);
    });
    this.frame.plot.style.height = `${layout.height}px`;
    await plotly.react(this.frame.plot, data, layout, PLOT_CONFIG);
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

export const correlationHeatmapKind: ViewKind<CorrelationHeatmapPayload> = {
  mime: MIME.correlationHeatmap,
  create: (env) => new HeatmapView(env),
};
