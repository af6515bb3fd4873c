/**
 * The live view of a run. In a notebook: one chart per metric group and a grid of samples from
 * a fixed latent batch, each updated in place (the grid keeps every frame so the user can scroll
 * back through training). Elsewhere: a terminal progress bar with the latest metrics.
 */
import * as tf from '../tf';
import { liveDisplay, type DisplayHandle } from '../display/display';
import { imageGridFrames, type RawImage } from '../display/image-grid';
import { lineChart } from '../display/line-chart';
import { Progress } from '../display/progress';
import { inNotebook } from '../display/transport';
import type { History } from './history';
import type { ChartGroup } from './types';

export type ViewMode = 'auto' | 'notebook' | 'terminal' | 'none';

/** One kept sample grid. */
export interface SampleFrame {
  step: number;
  label: string;
  images: RawImage[];
}

/** Copies a [N,H,W,C] tensor out as raw float images (the tensor is left to the caller). */
export function toRawImages(images: tf.Tensor4D): RawImage[] {
  const [n, h, w, c] = images.shape;
  const data = images.dataSync() as Float32Array;
  const size = h * w * c;
  return Array.from({ length: n }, (_, i) => ({ data: data.slice(i * size, (i + 1) * size), width: w, height: h, channels: c as 1 | 3 }));
}

export class TrainingView {
  private readonly notebook: boolean;
  private readonly progress: Progress | null;
  private charts: DisplayHandle[] = [];
  private grid: DisplayHandle | null = null;
  private lastDraw = -Infinity;

  constructor(mode: ViewMode, private readonly label: string, total: number, start: number, private readonly groups: ChartGroup[], private readonly intervalMs = 1000) {
    this.notebook = mode === 'notebook' || (mode === 'auto' && inNotebook());
    const bar = mode === 'terminal' || (mode === 'auto' && !this.notebook);
    this.progress = bar ? new Progress({ total, label, unit: 'step' }) : null;
    if (this.progress && start > 0) this.progress.tick(start);
  }

  /** After each step: the progress bar; the charts at most once per interval (or when forced). */
  step(history: History, latest: Record<string, number>, force = false): void {
    this.progress?.tick(1, latest);
    if (!this.notebook) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    const groups = this.groups.length ? this.groups : [{ title: this.label, keys: Object.keys(history.metrics) }];
    groups.forEach((g, i) => {
      const series = g.keys.filter((k) => history.metrics[k]).map((k) => ({ name: k, x: history.steps, y: history.metrics[k] }));
      if (!series.length) return;
      const out = lineChart(series, { title: g.title, xLabel: 'step' });
      if (this.charts[i]) this.charts[i].update(out);
      else this.charts[i] = liveDisplay(out);
    });
  }

  samples(frames: SampleFrame[]): void {
    if (!this.notebook || frames.length === 0) return;
    const out = imageGridFrames(frames.map((f) => ({ images: f.images, label: f.label, step: f.step })), { title: `${this.label} samples`, range: 'auto' });
    if (this.grid) this.grid.update(out);
    else this.grid = liveDisplay(out);
  }

  finish(info: Record<string, number | string> = {}): void {
    this.progress?.finish(info);
  }
}
