/**
 * Points as a 2-D scatter, coloured by group (class, cluster, identity): the `scatter.v1` payload
 * for our renderer, an SVG fallback (GitHub, JupyterLab) and a text summary.
 */
import { MIME, type ScatterPayload } from './mime';
import { RichOutput } from './output';
import { svgChart, type SvgSeries } from './svg-chart';

export interface ScatterOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Most points sent to the notebook; larger sets are thinned by an even stride. Default 5000. */
  maxPoints?: number;
  /** Extra SVG-only series drawn under the points (e.g. a y = x reference line). */
  svgExtras?: SvgSeries[];
  /** Extra text for the text/plain rendering. */
  summary?: string;
  /** Legend name of the points when there are no groups. Default "points". */
  name?: string;
}

/**
 * Points (x[i], y[i]) with optional groups as a RichOutput. Non-finite points are dropped.
 * @example display(scatter(X.column(0), X.column(1), y, { title: 'makeBlobs' }))
 */
export function scatter(
  x: ArrayLike<number>, y: ArrayLike<number>, groups?: ArrayLike<number> | readonly string[] | null, options: ScatterOptions = {},
): RichOutput {
  if (x.length !== y.length) throw new RangeError(`scatter: x has ${x.length} values but y has ${y.length}`);
  if (groups && groups.length !== x.length) throw new RangeError(`scatter: groups has ${groups.length} values for ${x.length} points`);
  const maxPoints = options.maxPoints ?? 5000;
  if (!(Number.isInteger(maxPoints) && maxPoints >= 1)) throw new RangeError(`scatter: maxPoints must be a positive integer, got ${maxPoints}`);
  const stride = Math.max(1, Math.ceil(x.length / maxPoints));
  const px: number[] = [], py: number[] = [], pg: (string | number)[] = [];
  for (let i = 0; i < x.length; i += stride) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    px.push(x[i]);
    py.push(y[i]);
    if (groups) pg.push(groups[i]);
  }
  const payload: ScatterPayload = {
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.xLabel !== undefined ? { xLabel: options.xLabel } : {}),
    ...(options.yLabel !== undefined ? { yLabel: options.yLabel } : {}),
    x: px, y: py,
    ...(groups ? { groups: pg } : {}),
  };
  const byGroup = new Map<string | number, { x: number[]; y: number[] }>();
  pg.forEach((g, i) => {
    const s = byGroup.get(g) ?? { x: [], y: [] };
    s.x.push(px[i]);
    s.y.push(py[i]);
    byGroup.set(g, s);
  });
  const keys = [...byGroup.keys()].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
  const series: SvgSeries[] = groups
    ? keys.map((g) => ({ name: String(g), kind: 'points', ...(byGroup.get(g) as { x: number[]; y: number[] }) }))
    : [{ name: options.name ?? 'points', kind: 'points', x: px, y: py }];
  const extras = options.svgExtras ?? [];
  const svg = svgChart([...series, ...extras], {
    title: options.title, xLabel: options.xLabel, yLabel: options.yLabel, legend: groups ? keys.length <= 12 : extras.length > 0,
  });
  const shown = px.length < x.length ? ` (showing ${px.length})` : '';
  const groupText = groups ? `, ${keys.length} groups: ${keys.slice(0, 10).map((g) => `${g} ×${(byGroup.get(g) as { x: number[] }).x.length}`).join(', ')}${keys.length > 10 ? ', …' : ''}` : '';
  return new RichOutput({
    [MIME.scatter]: payload,
    'image/svg+xml': svg,
    'text/plain': `${options.title ?? 'scatter'}: ${x.length} points${shown}${groupText}${options.summary ? `; ${options.summary}` : ''}`,
  });
}
