/**
 * What every plotly view shares: a toolbar (the view's own controls, Save PNG, an info line) over
 * the plot element, plotly loaded on first use, a redraw when the theme changes, PNG export and
 * teardown. A view builds its controls, then its frame, and draws into `frame.plot`.
 */
import type { PlotlyHTMLElement } from 'plotly.js-dist';
import type { ViewEnv } from '../api';
import { button, el, fileStem } from '../dom';
import { loadPlotly, plotToPng, type PlotlyModule } from '../plotly';
import { onThemeChange, readTheme } from '../theme';

export interface PlotFrameOptions {
  /** CSS modifier of the view: `synthlab-<kind>`. */
  kind: string;
  /** PNG file name when the payload has no title. */
  fileName: string;
  /** What the view shows, for the Save PNG tooltip and errors ("the chart"). */
  what: string;
  /** The payload's title, read when saving. */
  title: () => string | undefined;
  /** Controls placed before Save PNG. */
  controls?: HTMLElement[];
  redraw: () => void;
}

export class PlotFrame {
  readonly root: HTMLElement;
  readonly plot: HTMLElement;
  readonly info: HTMLElement;
  plotly: PlotlyModule | undefined;
  private readonly stopThemeWatch: () => void;

  constructor(private readonly env: ViewEnv, private readonly options: PlotFrameOptions) {
    const doc = env.document;
    this.info = el(doc, 'span', { className: 'synthlab-muted' });
    this.plot = el(doc, 'div', { className: 'synthlab-plot' });
    const save = () => void this.toPng().then((u) => env.savePng(`${fileStem(options.title(), options.fileName)}.png`, u));
    this.root = el(doc, 'div', { className: `synthlab-view synthlab-${options.kind}` }, [
      el(doc, 'div', { className: 'synthlab-toolbar' }, [...(options.controls ?? []), button(doc, 'Save PNG', `Save ${options.what} as PNG`, save), this.info]),
      this.plot,
    ]);
    this.stopThemeWatch = onThemeChange(doc, options.redraw);
  }

  /** plotly, loaded once for all views. */
  async load(): Promise<PlotlyModule> {
    this.plotly ??= await loadPlotly();
    return this.plotly;
  }

  async toPng(): Promise<string> {
    if (!this.plotly || !this.plot.classList.contains('js-plotly-plot')) throw new Error(`${this.options.what} is not drawn yet`);
    return plotToPng(this.plotly, this.plot as unknown as PlotlyHTMLElement, readTheme(this.env.document));
  }

  dispose(): void {
    this.stopThemeWatch();
    this.plotly?.purge(this.plot);
    this.root.remove();
  }
}
