/**
 * Real vs synthetic distributions, one small plot per column (plotly subplots): histograms over
 * the shared bins, or bars per category, with the column-shape score in each panel's title.
 * Clicking "real" or "synthetic" in the legend toggles that side in every panel.
 */
import type { Annotation, Data, Layout } from 'plotly.js-dist';
import { MIME, type DistributionComparisonPayload, type DistributionPanel } from '../../../../kernel-lib/src/display/mime';
import { PALETTE } from '../../../../kernel-lib/src/display/svg-chart';
import type { View, ViewEnv, ViewKind } from '../api';
import { el } from '../dom';
import { axisSuffix, PLOT_CONFIG, themedLayout } from '../plotly';
import { readTheme } from '../theme';
import { PlotFrame } from './plotFrame';
import { plotText } from './plotText';

const REAL = PALETTE[0], SYNTHETIC = PALETTE[1];
const PANEL_HEIGHT = 230;
/** Above this many panels a filter box appears. */
const FILTER_FROM = 6;

function panelTitle(p: DistributionPanel): string {
  const score = p.score !== undefined ? ` · ${p.metric ?? 'score'} ${p.score.toFixed(3)}` : '';
  return `${p.column}${score}`;
}

function panelTraces(p: DistributionPanel, i: number): Data[] {
  const axes = { xaxis: `x${axisSuffix(i)}`, yaxis: `y${axisSuffix(i)}` };
  const common = { type: 'bar' as const, ...axes, hovertemplate: '%{text}: %{y:.1%}', text: p.labels.map((l) => plotText(l) as string), textposition: 'none' as const };
  if (p.kind === 'histogram' && p.edges) {
    const edges = p.edges;
    const x = p.labels.map((_, k) => (edges[k] + edges[k + 1]) / 2), width = p.labels.map((_, k) => edges[k + 1] - edges[k]);
    return [
      { ...common, x, width, y: p.real, name: 'real', legendgroup: 'real', showlegend: i === 0, marker: { color: REAL, opacity: 0.55 } },
      { ...common, x, width, y: p.synthetic, name: 'synthetic', legendgroup: 'synthetic', showlegend: i === 0, marker: { color: SYNTHETIC, opacity: 0.55 } },
    ];
  }
  // Categories by position, labelled on the axis: labels such as "1" or a date must not be re-typed by plotly.
  const x = p.labels.map((_, k) => k);
  return [
    // Side by side within each category (the layout overlays bars, for the histograms).
    { ...common, x, y: p.real, width: 0.4, offset: -0.4, name: 'real', legendgroup: 'real', showlegend: i === 0, marker: { color: REAL } },
    { ...common, x, y: p.synthetic, width: 0.4, offset: 0, name: 'synthetic', legendgroup: 'synthetic', showlegend: i === 0, marker: { color: SYNTHETIC } },
  ];
}

class DistributionsView implements View<DistributionComparisonPayload> {
  private readonly frame: PlotFrame;
  private readonly filter: HTMLInputElement;
  private payload: DistributionComparisonPayload | undefined;

  constructor(private readonly env: ViewEnv) {
    const doc = env.document;
    this.filter = el(doc, 'input', { className: 'synthlab-filter', attrs: { type: 'search', placeholder: 'Filter columns', 'aria-label': 'Filter columns' } });
    this.filter.addEventListener('input', () => void this.draw());
    this.frame = new PlotFrame(env, {
      kind: 'distributions', what: 'the panels', fileName: 'distributions', title: () => this.payload?.title, redraw: () => void this.draw(),
      controls: [this.filter],
    });
  }

  async update(payload: DistributionComparisonPayload): Promise<void> {
    this.payload = payload;
    this.filter.hidden = payload.panels.length <= FILTER_FROM;
    await this.frame.load();
    await this.draw();
  }

  private shownPanels(p: DistributionComparisonPayload): DistributionPanel[] {
    const q = this.filter.value.trim().toLowerCase();
    return q ? p.panels.filter((x) => x.column.toLowerCase().includes(q)) : p.panels;
  }

  private async draw(): Promise<void> {
    const p = this.payload, plotly = this.frame.plotly;
    if (!p || !plotly) return;
    const panels = this.shownPanels(p);
    const cols = Math.min(3, Math.max(1, panels.length));
    const rows = Math.max(1, Math.ceil(panels.length / cols));
    const scores = p.panels.filter((x) => x.score !== undefined).map((x) => x.score as number);
    this.frame.info.textContent = `${panels.length === p.panels.length ? '' : `${panels.length} of `}${p.panels.length} column${p.panels.length === 1 ? '' : 's'}` +
      (scores.length ? ` · mean score ${(scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(3)}` : '');
    const base = themedLayout(readTheme(this.env.document));
    const top = p.title ? 96 : 64, height = 70 + rows * PANEL_HEIGHT;
    const layout: Partial<Layout> = {
      ...base,
      // The legend sits in the top margin at the right, above the first row's panel titles and clear of the title.
      legend: { ...base.legend, x: 1, xanchor: 'right', y: 1 + 36 / (height - top - (base.margin?.b ?? 48)), yanchor: 'bottom' },
      title: p.title ? { text: plotText(p.title), font: { size: 14 } } : undefined,
      grid: { rows, columns: cols, pattern: 'independent', xgap: 0.12, ygap: 0.35 },
      barmode: 'overlay',
      bargap: 0.05,
      hovermode: 'closest',
      uirevision: 'synthlab',
      height,
      margin: { ...base.margin, t: top },
      annotations: panels.map((x, i): Partial<Annotation> => ({
        text: plotText(panelTitle(x)), showarrow: false, xref: `x${axisSuffix(i)} domain` as Annotation['xref'], yref: `y${axisSuffix(i)} domain` as Annotation['yref'],
        x: 0.5, y: 1.02, xanchor: 'center', yanchor: 'bottom', font: { size: 12, color: base.font?.color },
      })),
    };
    panels.forEach((x, i) => {
      const axis = { ...base.xaxis, automargin: true };
      const ax = x.kind === 'bars'
        ? { ...axis, tickvals: x.labels.map((_, k) => k), ticktext: x.labels.map((l) => plotText(l) as string), tickangle: x.labels.length > 6 ? -45 : 0 }
        : axis;
      (layout as Record<string, unknown>)[`xaxis${axisSuffix(i)}`] = ax;
      (layout as Record<string, unknown>)[`yaxis${axisSuffix(i)}`] = { ...base.yaxis, tickformat: '.0%', rangemode: 'tozero' };
    });
    this.frame.plot.style.height = `${layout.height}px`;
    await plotly.react(this.frame.plot, panels.flatMap(panelTraces), layout, PLOT_CONFIG);
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

export const distributionComparisonKind: ViewKind<DistributionComparisonPayload> = {
  mime: MIME.distributionComparison,
  create: (env) => new DistributionsView(env),
};
