/** Click-to-enlarge for one image of a grid: crops it from the sprite and scales it up crisply. */
import type { ImageGridFrame } from '../../../../kernel-lib/src/display/mime';
import { button, el } from '../dom';
import { cropCell, type Sprite } from './sprite';

export interface LightboxHost {
  readonly root: HTMLElement;
  frame(): ImageGridFrame;
  sprite(): Sprite | undefined;
  save(fileName: string, dataUrl: string): void;
}

/** Largest integer scale that keeps the enlarged image within `box` px. */
const enlargeScale = (w: number, h: number, box: number) => Math.max(1, Math.floor(Math.min(box / w, box / h)));

export class Lightbox {
  private overlay: HTMLElement | undefined;
  private index = 0;

  constructor(private readonly host: LightboxHost) {}

  get isOpen(): boolean { return this.overlay !== undefined; }

  open(index: number): void {
    const frame = this.host.frame();
    const sprite = this.host.sprite();
    if (!sprite || frame.count === 0) return;
    this.index = Math.min(Math.max(0, index), frame.count - 1);
    const doc = this.host.root.ownerDocument;
    const scale = enlargeScale(frame.cellWidth, frame.cellHeight, 320);
    const canvas = cropCell(doc, sprite, frame, this.index, scale);
    canvas.className = 'synthlab-enlarged';
    const caption = frame.captions?.[this.index];
    const overlay = el(doc, 'div', { className: 'synthlab-lightbox', attrs: { role: 'dialog', 'aria-label': 'enlarged image' } }, [
      canvas,
      el(doc, 'div', { className: 'synthlab-caption', text: caption ?? '' }),
      el(doc, 'div', { className: 'synthlab-toolbar' }, [
        button(doc, '◀', 'Previous image', () => this.open(this.index - 1)),
        el(doc, 'span', { className: 'synthlab-muted', text: `${this.index + 1} / ${frame.count} · ${frame.cellWidth}×${frame.cellHeight} px` }),
        button(doc, '▶', 'Next image', () => this.open(this.index + 1)),
        button(doc, 'Save PNG', 'Save this image as PNG', () => this.host.save(`image-${this.index + 1}.png`, cropCell(doc, sprite, frame, this.index, scale).toDataURL('image/png'))),
        button(doc, 'Close', 'Close (Esc)', () => this.close()),
      ]),
    ]);
    overlay.tabIndex = -1;
    overlay.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
      else if (e.key === 'ArrowLeft') this.open(this.index - 1);
      else if (e.key === 'ArrowRight') this.open(this.index + 1);
    });
    this.overlay?.remove();
    this.overlay = overlay;
    // The overlay covers the view; make the view tall enough to hold the enlarged image.
    this.host.root.style.minHeight = `${frame.cellHeight * scale + 90}px`;
    this.host.root.append(overlay);
    overlay.focus();
  }

  close(): void {
    this.overlay?.remove();
    this.overlay = undefined;
    this.host.root.style.minHeight = '';
  }
}
