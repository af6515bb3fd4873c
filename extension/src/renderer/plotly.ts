/**
 * plotly.js, loaded on first use (it is most of the bundle's weight, in its own chunk), and the
 * pieces every plot view shares: theme-coloured layout, config, PNG export.
 */
import type { Config, Layout, PlotlyHTMLElement } from 'plotly.js-dist';
import type { ThemeColors } from './theme';

export type PlotlyModule = typeof import('plotly.js-dist').default;

let loading: Promise<PlotlyModule> | undefined;

export function loadPlotly(): Promise<PlotlyModule> {
  loading ??= import('plotly.js-dist').then((m) => (m as unknown as { default?: PlotlyModule }).default ?? (m as unknown as PlotlyModule));
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** Colours and fonts of a plot in the current VS Code theme. */
export function themedLayout(theme: ThemeColors): Partial<Layout> {
  const axis = { gridcolor: theme.grid, zerolinecolor: theme.grid, linecolor: theme.grid, color: theme.foreground };
  return {
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: theme.foreground, family: 'var(--vscode-font-family, sans-serif)', size: 12 },
    xaxis: axis,
    yaxis: axis,
    legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0, font: { color: theme.foreground } },
    hoverlabel: { bgcolor: theme.background, font: { color: theme.foreground }, bordercolor: theme.grid },
    modebar: { bgcolor: 'rgba(0,0,0,0)', color: theme.muted, activecolor: theme.foreground },
    margin: { l: 60, r: 24, t: 40, b: 48 },
  };
}

/** Subplot i's axis suffix: plotly names the first axes `xaxis`/`x`, then `xaxis2`/`x2`... */
export const axisSuffix = (i: number): string => (i === 0 ? '' : String(i + 1));

/** No plotly logo link, no cloud, no download button (exports go through our Save PNG). */
export const PLOT_CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  scrollZoom: false,
  modeBarButtonsToRemove: ['toImage'],
};

export async function plotToPng(plotly: PlotlyModule, gd: PlotlyHTMLElement, theme: ThemeColors): Promise<string> {
  // The page background is transparent in the plot; give the PNG the theme's background.
  const box = (gd as unknown as HTMLElement).getBoundingClientRect();
  const url = await plotly.toImage(gd, { format: 'png', width: Math.max(320, Math.round(box.width)), height: Math.max(240, Math.round(box.height)), scale: 2 });
  return flatten(url, theme.background, (gd as unknown as HTMLElement).ownerDocument);
}

async function flatten(dataUrl: string, background: string, doc: Document): Promise<string> {
  const img = doc.createElement('img');
  img.src = dataUrl;
  await img.decode();
  const canvas = doc.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) return dataUrl;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0);
  return canvas.toDataURL('image/png');
}
