/** Table preview view: typed columns, click a header to sort, sticky header, PNG export. */
import { MIME, type TablePayload } from '../../../../kernel-lib/src/display/mime';
import type { View, ViewEnv, ViewKind } from '../api';
import { button, el, fileStem } from '../dom';
import { readTheme } from '../theme';

type Cell = TablePayload['rows'][number][number];

export function formatCell(v: Cell): string {
  if (v === null) return 'null';
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Number(v.toPrecision(6)));
  return String(v);
}

/** Nulls last; numbers numerically; the rest as text. */
function compareCells(a: Cell, b: Cell): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

class TableView implements View<TablePayload> {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly table: HTMLTableElement;
  private payload: TablePayload | undefined;
  private sort: { col: number; dir: 1 | -1 } | undefined;

  constructor(private readonly env: ViewEnv) {
    const doc = env.document;
    this.title = el(doc, 'span', { className: 'synthlab-title' });
    this.caption = el(doc, 'span', { className: 'synthlab-muted' });
    this.table = el(doc, 'table', { className: 'synthlab-table' });
    this.root = el(doc, 'div', { className: 'synthlab-view synthlab-table-view' }, [
      el(doc, 'div', { className: 'synthlab-toolbar' }, [
        this.title,
        this.caption,
        button(doc, 'Save PNG', 'Save the table as PNG', () => void this.toPng().then((u) => env.savePng(`${fileStem(this.payload?.title, 'table')}.png`, u))),
      ]),
      el(doc, 'div', { className: 'synthlab-table-wrap' }, [this.table]),
    ]);
  }

  async update(payload: TablePayload): Promise<void> {
    this.payload = payload;
    if (this.sort && this.sort.col >= payload.columns.length) this.sort = undefined;
    this.draw();
  }

  private rows(): TablePayload['rows'] {
    const p = this.payload as TablePayload;
    if (!this.sort) return p.rows;
    const { col, dir } = this.sort;
    return p.rows.slice().sort((a, b) => dir * compareCells(a[col], b[col]));
  }

  private draw(): void {
    const p = this.payload as TablePayload;
    const doc = this.env.document;
    this.title.textContent = p.title ?? '';
    this.title.hidden = !p.title;
    this.caption.textContent = `${p.rows.length.toLocaleString('en-US')} of ${p.totalRows.toLocaleString('en-US')} rows · ${p.columns.length} columns`;
    const head = el(doc, 'tr', {}, p.columns.map((c, i) => {
      const arrow = this.sort?.col === i ? (this.sort.dir === 1 ? ' ▲' : ' ▼') : '';
      const numeric = p.rows.some((r) => typeof r[i] === 'number');
      const th = el(doc, 'th', { className: numeric ? 'num' : '', title: `Sort by ${c.name}`, attrs: { scope: 'col' } }, [
        doc.createTextNode(c.name + arrow), el(doc, 'span', { className: 'synthlab-muted', text: c.type }),
      ]);
      th.addEventListener('click', () => {
        this.sort = this.sort?.col === i ? { col: i, dir: this.sort.dir === 1 ? -1 : 1 } : { col: i, dir: 1 };
        this.draw();
      });
      return th;
    }));
    const body = el(doc, 'tbody', {}, this.rows().map((r) => el(doc, 'tr', {}, r.map((v) =>
      el(doc, 'td', { className: v === null ? 'null' : typeof v === 'number' ? 'num' : '', text: formatCell(v) })))));
    this.table.replaceChildren(el(doc, 'thead', {}, [head]), body);
  }

  /** Draws the rows shown (at most 200) as text on a canvas. */
  async toPng(): Promise<string> {
    const p = this.payload;
    if (!p) throw new Error('the table is not drawn yet');
    const doc = this.env.document, theme = readTheme(doc);
    const rows = this.rows().slice(0, 200);
    const canvas = doc.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this page has no 2-D canvas');
    const font = '13px sans-serif', pad = 8, lineH = 20, scale = 2;
    ctx.font = `bold ${font}`;
    const widths = p.columns.map((c, i) => Math.max(ctx.measureText(c.name).width,
      ...rows.map((r) => { ctx.font = font; return ctx.measureText(formatCell(r[i])).width; })) + 2 * pad);
    canvas.width = Math.ceil(widths.reduce((a, b) => a + b, 0)) * scale || 1;
    canvas.height = (rows.length + 1) * lineH * scale;
    ctx.scale(scale, scale);
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.textBaseline = 'middle';
    const line = (cells: string[], y: number, bold: boolean) => {
      ctx.font = bold ? `bold ${font}` : font;
      ctx.fillStyle = theme.foreground;
      let x = 0;
      cells.forEach((t, i) => { ctx.fillText(t, x + pad, y + lineH / 2); x += widths[i]; });
      ctx.fillStyle = theme.grid;
      ctx.fillRect(0, y + lineH - 1, x, 1);
    };
    line(p.columns.map((c) => c.name), 0, true);
    rows.forEach((r, k) => line(r.map(formatCell), (k + 1) * lineH, false));
    return canvas.toDataURL('image/png');
  }

  dispose(): void {
    this.root.remove();
  }
}

export const tableKind: ViewKind<TablePayload> = {
  mime: MIME.table,
  create: (env) => new TableView(env),
};
