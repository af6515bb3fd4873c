/**
 * Synthlab's rich-output MIME types and their payload schemas: the single source of truth
 * shared by the library (which emits them) and the VS Code extension (which renders them).
 *
 * Every payload is a JSON *object* sent under a vendor type, always beside fallbacks
 * (`image/png`, `image/svg+xml` or `text/html`, and `text/plain`) so a notebook reads well in
 * VS Code without our extension, in JupyterLab and on GitHub. This file has no Node imports:
 * the extension bundles it for the browser. Schemas are versioned in the MIME name; a breaking
 * change gets a new `.vN` name, never a silent reshape.
 */

export const MIME = {
  imageGrid: 'application/vnd.synthlab.image-grid.v1+json',
  trainingCurves: 'application/vnd.synthlab.training-curves.v1+json',
  scatter: 'application/vnd.synthlab.scatter.v1+json',
  table: 'application/vnd.synthlab.table.v1+json',
  distributionComparison: 'application/vnd.synthlab.distribution-comparison.v1+json',
  correlationHeatmap: 'application/vnd.synthlab.correlation-heatmap.v1+json',
} as const;

export type SynthlabMime = (typeof MIME)[keyof typeof MIME];

/** A Jupyter MIME bundle: MIME type → data (strings, or JSON objects for `+json` types). */
export type MimeBundle = Record<string, unknown>;

/**
 * One grid of images, stored as a single PNG sprite (row-major cells, no padding) so hundreds
 * of images travel as one compact, losslessly scaled picture.
 */
export interface ImageGridFrame {
  /** What this frame is, e.g. "epoch 3" or "step 1200". */
  label?: string;
  /** Training step or epoch this frame was taken at, when it has one. */
  step?: number;
  /** Base64 PNG (no data: prefix) of `rows × cols` cells of `cellWidth × cellHeight` pixels. */
  png: string;
  cols: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
  /** Number of images (≤ rows·cols; the last row may be partly empty). */
  count: number;
  /** Optional caption per image, in cell order (plain text). */
  captions?: string[];
}

/** `application/vnd.synthlab.image-grid.v1+json`: one or more frames (e.g. one per epoch). */
export interface ImageGridPayload {
  title?: string;
  frames: ImageGridFrame[];
}

export interface CurveSeries {
  name: string;
  x: number[];
  /** Values; `null` marks a missing point (e.g. a metric logged less often). */
  y: (number | null)[];
  /** Which y axis: the left (default) or a right one for series on another scale. */
  axis?: 'left' | 'right';
}

/** `application/vnd.synthlab.training-curves.v1+json`: named series over steps or epochs. */
export interface TrainingCurvesPayload {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
  series: CurveSeries[];
}

/** `application/vnd.synthlab.scatter.v1+json`: a 2-D point set coloured by class or cluster. */
export interface ScatterPayload {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  x: number[];
  y: number[];
  /** One group label per point (class, cluster, identity), or absent for one colour. */
  groups?: (string | number)[];
}

/** `application/vnd.synthlab.table.v1+json`: a preview of a table. */
export interface TablePayload {
  title?: string;
  columns: { name: string; type: string }[];
  rows: (string | number | boolean | null)[][];
  /** Rows in the whole table (the preview may hold fewer). */
  totalRows: number;
}

/**
 * One column, real vs synthetic: a histogram over shared bins (`edges`, one more than the
 * shares) for numbers and datetimes, or bars per category. Shares are fractions of rows.
 */
export interface DistributionPanel {
  column: string;
  kind: 'histogram' | 'bars';
  /** Bin or category labels, one per share. */
  labels: string[];
  /** histogram only: bin edges (labels.length + 1, increasing). */
  edges?: number[];
  real: number[];
  synthetic: number[];
  /** The column-shape metric and its score, e.g. KSComplement 0.97. */
  metric?: string;
  score?: number;
}

/** `application/vnd.synthlab.distribution-comparison.v1+json`: real vs synthetic, one panel per column. */
export interface DistributionComparisonPayload {
  title?: string;
  panels: DistributionPanel[];
}

/** `application/vnd.synthlab.correlation-heatmap.v1+json`: real and synthetic correlation matrices side by side. */
export interface CorrelationHeatmapPayload {
  title?: string;
  /** e.g. "pearson". */
  coefficient: string;
  columns: string[];
  /** columns × columns, null where undefined (a column without variance). */
  real: (number | null)[][];
  synthetic: (number | null)[][];
}

/** Maps each MIME type to its payload type. */
export interface PayloadByMime {
  [MIME.imageGrid]: ImageGridPayload;
  [MIME.trainingCurves]: TrainingCurvesPayload;
  [MIME.scatter]: ScatterPayload;
  [MIME.table]: TablePayload;
  [MIME.distributionComparison]: DistributionComparisonPayload;
  [MIME.correlationHeatmap]: CorrelationHeatmapPayload;
}

// --- Validation: renderers treat payloads as untrusted; every problem is reported by path. ---

type Check = (value: unknown, path: string, errors: string[]) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v, p, e) => { if (typeof v !== 'string') e.push(`${p} must be a string`); };
const finiteNum: Check = (v, p, e) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) e.push(`${p} must be a finite number`);
};
const posInt: Check = (v, p, e) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) e.push(`${p} must be a positive integer`);
};
const bool: Check = (v, p, e) => { if (typeof v !== 'boolean') e.push(`${p} must be true or false`); };

function optional(check: Check): Check {
  return (v, p, e) => { if (v !== undefined) check(v, p, e); };
}

function arrayOf(check: Check, maxErrors = 5): Check {
  return (v, p, e) => {
    if (!Array.isArray(v)) { e.push(`${p} must be an array`); return; }
    const before = e.length;
    for (let i = 0; i < v.length && e.length - before < maxErrors; i++) check(v[i], `${p}[${i}]`, e);
  };
}

function object(fields: Record<string, Check>): Check {
  return (v, p, e) => {
    if (!isObject(v)) { e.push(`${p} must be an object`); return; }
    for (const [k, check] of Object.entries(fields)) check(v[k], `${p}.${k}`, e);
  };
}

const numOrNull: Check = (v, p, e) => { if (v !== null) finiteNum(v, p, e); };
const strOrNum: Check = (v, p, e) => {
  if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) e.push(`${p} must be a string or number`);
};
const cell: Check = (v, p, e) => {
  if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) e.push(`${p} must be a string, number, boolean or null`);
};
const base64: Check = (v, p, e) => {
  if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) e.push(`${p} must be base64 PNG data`);
};

const frame = object({
  label: optional(str), step: optional(finiteNum), png: base64, cols: posInt, rows: posInt,
  cellWidth: posInt, cellHeight: posInt, count: (v, p, e) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) e.push(`${p} must be an integer ≥ 0`);
  },
  captions: optional(arrayOf(str)),
});

const panel = object({
  column: str,
  kind: (v, p, e) => { if (v !== 'histogram' && v !== 'bars') e.push(`${p} must be "histogram" or "bars"`); },
  labels: arrayOf(str), edges: optional(arrayOf(finiteNum)), real: arrayOf(finiteNum), synthetic: arrayOf(finiteNum),
  metric: optional(str), score: optional(finiteNum),
});

const schemas: Record<SynthlabMime, Check> = {
  [MIME.distributionComparison]: object({ title: optional(str), panels: arrayOf(panel) }),
  [MIME.correlationHeatmap]: object({
    title: optional(str), coefficient: str, columns: arrayOf(str), real: arrayOf(arrayOf(numOrNull)), synthetic: arrayOf(arrayOf(numOrNull)),
  }),
  [MIME.imageGrid]: object({ title: optional(str), frames: arrayOf(frame) }),
  [MIME.trainingCurves]: object({
    title: optional(str), xLabel: optional(str), yLabel: optional(str), logY: optional(bool),
    series: arrayOf(object({
      name: str, x: arrayOf(finiteNum), y: arrayOf(numOrNull),
      axis: optional((v, p, e) => { if (v !== 'left' && v !== 'right') e.push(`${p} must be "left" or "right"`); }),
    })),
  }),
  [MIME.scatter]: object({
    title: optional(str), xLabel: optional(str), yLabel: optional(str),
    x: arrayOf(finiteNum), y: arrayOf(finiteNum), groups: optional(arrayOf(strOrNum)),
  }),
  [MIME.table]: object({
    title: optional(str),
    columns: arrayOf(object({ name: str, type: str })),
    rows: arrayOf(arrayOf(cell)),
    totalRows: (v, p, e) => { if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) e.push(`${p} must be an integer ≥ 0`); },
  }),
};

/**
 * Checks a payload against its MIME type's schema and cross-field rules.
 * Returns the list of problems (empty when valid), each naming the field at fault.
 */
export function validatePayload(mime: string, payload: unknown): string[] {
  const check = schemas[mime as SynthlabMime];
  if (!check) return [`unknown Synthlab MIME type: ${mime}`];
  const errors: string[] = [];
  check(payload, 'payload', errors);
  if (errors.length > 0 || !isObject(payload)) return errors;
  if (mime === MIME.imageGrid) {
    const frames = payload.frames as ImageGridFrame[];
    frames.forEach((f, i) => {
      if (f.count > f.rows * f.cols) errors.push(`payload.frames[${i}].count ${f.count} exceeds rows·cols = ${f.rows * f.cols}`);
      if (f.captions && f.captions.length > f.count) errors.push(`payload.frames[${i}].captions has ${f.captions.length} entries for ${f.count} images`);
    });
  } else if (mime === MIME.trainingCurves) {
    (payload.series as CurveSeries[]).forEach((s, i) => {
      if (s.x.length !== s.y.length) errors.push(`payload.series[${i}] ("${s.name}") has ${s.x.length} x values but ${s.y.length} y values`);
    });
  } else if (mime === MIME.scatter) {
    const p = payload as unknown as ScatterPayload;
    if (p.x.length !== p.y.length) errors.push(`payload.x has ${p.x.length} values but payload.y has ${p.y.length}`);
    if (p.groups && p.groups.length !== p.x.length) errors.push(`payload.groups has ${p.groups.length} values for ${p.x.length} points`);
  } else if (mime === MIME.distributionComparison) {
    (payload.panels as DistributionPanel[]).forEach((q, i) => {
      const n = q.labels.length;
      if (q.real.length !== n || q.synthetic.length !== n) errors.push(`payload.panels[${i}] ("${q.column}") has ${n} labels but ${q.real.length} real and ${q.synthetic.length} synthetic shares`);
      if (q.kind === 'histogram' && (!q.edges || q.edges.length !== n + 1)) errors.push(`payload.panels[${i}] ("${q.column}") is a histogram and needs ${n + 1} edges`);
    });
  } else if (mime === MIME.correlationHeatmap) {
    const p = payload as unknown as CorrelationHeatmapPayload;
    const k = p.columns.length;
    for (const side of ['real', 'synthetic'] as const) {
      if (p[side].length !== k || p[side].some((r) => r.length !== k)) errors.push(`payload.${side} must be ${k} × ${k} (one row and column per name)`);
    }
  } else if (mime === MIME.table) {
    const p = payload as unknown as TablePayload;
    p.rows.forEach((r, i) => {
      if (r.length !== p.columns.length && errors.length < 5) errors.push(`payload.rows[${i}] has ${r.length} cells for ${p.columns.length} columns`);
    });
  }
  return errors;
}
