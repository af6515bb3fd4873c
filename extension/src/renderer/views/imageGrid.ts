/**
 * Image-grid view: one frame (e.g. one epoch) at a time, cells drawn from the frame's PNG sprite
 * as CSS backgrounds at an integer zoom with `image-rendering: pixelated`; captions on hover,
 * a stepper through frames, click to enlarge, save as PNG.
 */
import { MIME, type ImageGridFrame, type ImageGridPayload } from '../../../../kernel-lib/src/display/mime';
import type { View, ViewEnv, ViewKind } from '../api';
import { button, el, fileStem, slider } from '../dom';
import { Lightbox } from './lightbox';
import { composeGrid, loadSprite, type Sprite } from './sprite';

const MAX_ZOOM = 16;
const GAP = 2;
const PLAY_MS = 700;

function frameLabel(f: ImageGridFrame, i: number, n: number): string {
  const name = f.label ?? (f.step !== undefined ? `step ${f.step}` : `frame ${i + 1}`);
  return n > 1 ? `${name} (${i + 1}/${n})` : name;
}

class ImageGridView implements View<ImageGridPayload> {
  readonly root: HTMLElement;
  private payload: ImageGridPayload = { frames: [] };
  private frameIndex = 0;
  private followLast = true;
  private zoom = 0; // 0 = not chosen yet: fit on first draw
  private sprites = new Map<string, Promise<Sprite>>();
  private shown: Sprite | undefined;
  private playTimer: ReturnType<typeof setInterval> | undefined;
  private readonly doc: Document;
  private readonly title: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly tooltip: HTMLElement;
  private readonly frameGroup: HTMLElement;
  private readonly frameSlider: HTMLInputElement;
  private readonly frameText: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private readonly zoomText: HTMLElement;
  private readonly info: HTMLElement;
  private readonly lightbox: Lightbox;
  /** Layout of the cells now in the DOM (cols×rows×count×cell size). */
  private layoutKey = '';

  constructor(private readonly env: ViewEnv) {
    const doc = (this.doc = env.document);
    this.title = el(doc, 'div', { className: 'synthlab-title' });
    const s = slider(doc, 'Frame', { min: 0, max: 0, step: 1, value: 0 }, (v) => this.goTo(v, true));
    this.frameSlider = s.input;
    this.frameText = el(doc, 'span', { className: 'synthlab-frame-label' });
    this.playButton = button(doc, '▶ Play', 'Play through the frames', () => this.togglePlay());
    this.frameGroup = el(doc, 'span', { className: 'synthlab-group synthlab-frames' }, [
      button(doc, '◀', 'Previous frame', () => this.goTo(this.frameIndex - 1, true)),
      this.frameSlider,
      button(doc, '▶', 'Next frame', () => this.goTo(this.frameIndex + 1, true)),
      this.frameText, this.playButton,
    ]);
    this.zoomText = el(doc, 'span', { className: 'synthlab-zoom-label' });
    this.info = el(doc, 'span', { className: 'synthlab-muted' });
    const toolbar = el(doc, 'div', { className: 'synthlab-toolbar' }, [
      this.frameGroup,
      el(doc, 'span', { className: 'synthlab-group' }, [
        button(doc, '−', 'Zoom out', () => this.setZoom(this.zoom - 1)),
        this.zoomText,
        button(doc, '+', 'Zoom in', () => this.setZoom(this.zoom + 1)),
        button(doc, 'Fit', 'Zoom to fit the width', () => this.setZoom(this.fitZoom(this.frame()))),
      ]),
      button(doc, 'Save PNG', 'Save the grid as PNG', () => void this.toPng().then((url) => env.savePng(`${fileStem(this.payload.title, 'image-grid')}.png`, url))),
      this.info,
    ]);
    this.grid = el(doc, 'div', { className: 'synthlab-grid', attrs: { role: 'list' } });
    this.tooltip = el(doc, 'div', { className: 'synthlab-tooltip', attrs: { role: 'tooltip' } });
    this.tooltip.hidden = true;
    this.root = el(doc, 'div', { className: 'synthlab-view synthlab-image-grid' }, [this.title, toolbar, this.grid, this.tooltip]);
    this.root.tabIndex = 0;
    this.root.addEventListener('keydown', (e) => {
      if (this.lightbox.isOpen || e.target !== this.root) return;
      if (e.key === 'ArrowLeft') this.goTo(this.frameIndex - 1, true);
      else if (e.key === 'ArrowRight') this.goTo(this.frameIndex + 1, true);
    });
    this.grid.addEventListener('mouseover', (e) => this.hover(e.target));
    this.grid.addEventListener('mouseleave', () => { this.tooltip.hidden = true; });
    this.grid.addEventListener('click', (e) => {
      const i = this.cellIndex(e.target);
      if (i !== undefined) this.lightbox.open(i);
    });
    this.lightbox = new Lightbox({ root: this.root, frame: () => this.frame(), sprite: () => this.shown, save: (n, u) => env.savePng(n, u) });
  }

  private frame(): ImageGridFrame { return this.payload.frames[this.frameIndex]; }

  async update(payload: ImageGridPayload): Promise<void> {
    if (payload.frames.length === 0) throw new Error('payload.frames is empty: an image grid needs at least one frame');
    this.payload = payload;
    const n = payload.frames.length;
    // While training appends frames, stay on the newest unless the user picked an older one.
    this.frameIndex = this.followLast ? n - 1 : Math.min(this.frameIndex, n - 1);
    this.title.textContent = payload.title ?? '';
    this.title.hidden = !payload.title;
    this.frameGroup.hidden = n < 2;
    this.frameSlider.max = String(n - 1);
    this.releaseUnused();
    await this.show();
  }

  private releaseUnused(): void {
    const keep = new Set(this.payload.frames.map((f) => f.png));
    for (const [png, sprite] of this.sprites) {
      if (keep.has(png)) continue;
      this.sprites.delete(png);
      void sprite.then((s) => URL.revokeObjectURL(s.url), () => undefined);
    }
  }

  private sprite(i: number): Promise<Sprite> {
    const f = this.payload.frames[i];
    let p = this.sprites.get(f.png);
    if (!p) {
      p = loadSprite(this.doc, f, `payload.frames[${i}]`);
      this.sprites.set(f.png, p);
      p.catch(() => this.sprites.delete(f.png));
    }
    return p;
  }

  private async show(): Promise<void> {
    const i = this.frameIndex;
    const f = this.frame();
    const sprite = await this.sprite(i);
    if (i !== this.frameIndex) return; // a newer step superseded this one
    this.shown = sprite;
    if (this.zoom === 0) this.zoom = this.fitZoom(f);
    this.frameSlider.value = String(i);
    this.frameText.textContent = frameLabel(f, i, this.payload.frames.length);
    this.info.textContent = `${f.count} image${f.count === 1 ? '' : 's'} · ${f.cellWidth}×${f.cellHeight} px`;
    this.drawCells(f, sprite);
    this.applyZoom();
    if (this.lightbox.isOpen) this.lightbox.close();
  }

  /** Rebuilds the cells only when the layout changed; a new frame of the same shape swaps the sprite. */
  private drawCells(f: ImageGridFrame, sprite: Sprite): void {
    const g = this.grid;
    g.style.setProperty('--synthlab-sprite', `url("${sprite.url}")`);
    const key = `${f.cols}x${f.rows}x${f.count}x${f.cellWidth}x${f.cellHeight}`;
    if (this.layoutKey !== key) {
      this.layoutKey = key;
      g.style.gridTemplateColumns = `repeat(${Math.min(f.cols, Math.max(1, f.count))}, max-content)`;
      for (const [k, v] of [['--cw', f.cellWidth], ['--ch', f.cellHeight], ['--sw', f.cols * f.cellWidth], ['--sh', f.rows * f.cellHeight]] as const) {
        g.style.setProperty(k, String(v));
      }
      const cells: HTMLElement[] = [];
      for (let i = 0; i < f.count; i++) {
        const cell = this.doc.createElement('div');
        cell.className = 'synthlab-cell';
        cell.setAttribute('role', 'img');
        cell.dataset.index = String(i);
        cell.style.setProperty('--c', String(i % f.cols));
        cell.style.setProperty('--r', String(Math.floor(i / f.cols)));
        cells.push(cell);
      }
      g.replaceChildren(...cells);
    }
    const cells = g.children;
    for (let i = 0; i < cells.length; i++) cells[i].setAttribute('aria-label', f.captions?.[i] ?? `image ${i + 1}`);
  }

  private fitZoom(f: ImageGridFrame): number {
    const width = this.root.clientWidth || this.root.parentElement?.clientWidth || 720;
    const cols = Math.min(f.cols, Math.max(1, f.count));
    const z = Math.floor((width - 4 + GAP) / cols / f.cellWidth) || 1;
    // Tiny images get enlarged, but not past the point where one image fills the view.
    return Math.max(1, Math.min(MAX_ZOOM, z, Math.floor(256 / f.cellWidth) || 1));
  }

  private setZoom(z: number): void {
    this.zoom = Math.max(1, Math.min(MAX_ZOOM, Math.round(z)));
    this.applyZoom();
  }

  private applyZoom(): void {
    this.grid.style.setProperty('--z', String(this.zoom));
    this.zoomText.textContent = `${this.zoom}×`;
  }

  private goTo(i: number, byUser: boolean): void {
    const n = this.payload.frames.length;
    if (n === 0) return;
    this.frameIndex = ((i % n) + n) % n;
    if (byUser) this.followLast = this.frameIndex === n - 1;
    void this.show().catch((e: unknown) => this.showFrameError(e));
  }

  private showFrameError(e: unknown): void {
    this.grid.replaceChildren(el(this.doc, 'div', { className: 'synthlab-error', attrs: { role: 'alert' }, text: e instanceof Error ? e.message : String(e) }));
    this.layoutKey = '';
  }

  private togglePlay(): void {
    if (this.playTimer !== undefined) {
      clearInterval(this.playTimer);
      this.playTimer = undefined;
      this.playButton.textContent = '▶ Play';
      return;
    }
    this.playButton.textContent = '⏸ Pause';
    this.playTimer = setInterval(() => this.goTo(this.frameIndex + 1, true), PLAY_MS);
  }

  private cellIndex(target: EventTarget | null): number | undefined {
    const cell = (target as Element | null)?.closest?.('.synthlab-cell') as HTMLElement | null | undefined;
    return cell?.dataset.index !== undefined ? Number(cell.dataset.index) : undefined;
  }

  private hover(target: EventTarget | null): void {
    const i = this.cellIndex(target);
    if (i === undefined) { this.tooltip.hidden = true; return; }
    const f = this.frame();
    const caption = f.captions?.[i];
    this.tooltip.textContent = caption !== undefined ? `${caption}\n#${i + 1}` : `#${i + 1}`;
    const cell = this.grid.children[i] as HTMLElement;
    const rootBox = this.root.getBoundingClientRect(), box = cell.getBoundingClientRect();
    this.tooltip.style.left = `${box.left - rootBox.left}px`;
    this.tooltip.style.top = `${box.bottom - rootBox.top + 2}px`;
    this.tooltip.hidden = false;
  }

  async toPng(): Promise<string> {
    const sprite = await this.sprite(this.frameIndex);
    return composeGrid(this.doc, sprite, this.frame(), this.zoom || 1, GAP);
  }

  dispose(): void {
    if (this.playTimer !== undefined) clearInterval(this.playTimer);
    this.lightbox.close();
    for (const p of this.sprites.values()) void p.then((s) => URL.revokeObjectURL(s.url), () => undefined);
    this.sprites.clear();
    this.root.remove();
  }
}

export const imageGridKind: ViewKind<ImageGridPayload> = {
  mime: MIME.imageGrid,
  create: (env) => new ImageGridView(env),
};
