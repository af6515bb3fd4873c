/**
 * Progress of long work: a bar that updates in place in a notebook (HTML + text), or a bar with
 * rate and ETA on the terminal (stderr; one line per 10 % when stderr is not a TTY).
 */
import { liveDisplay, type DisplayHandle } from './display';
import { RichOutput, escapeXml } from './output';
import { inNotebook } from './transport';

export interface ProgressOptions {
  total: number;
  label?: string;
  /** Unit shown in the rate, e.g. 'step', 'img' (default 'it'). */
  unit?: string;
  /** Minimum milliseconds between redraws (default 200). */
  intervalMs?: number;
  /** Where terminal output goes (default process.stderr). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Wall clock (for tests). */
  now?: () => number;
}

export type ProgressInfo = Record<string, number | string>;

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

function formatInfo(info: ProgressInfo): string {
  return Object.entries(info).map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`).join(' ');
}

export class Progress {
  private done_ = 0;
  private info: ProgressInfo = {};
  private readonly start: number;
  private lastDraw = -Infinity;
  private lastDecile = -1;
  private lastPrinted = -1;
  private handle: DisplayHandle | null = null;
  private finished = false;
  private readonly notebook: boolean;

  constructor(private readonly options: ProgressOptions) {
    if (!(options.total >= 0)) throw new RangeError(`progress: total must be ≥ 0, got ${options.total}`);
    this.start = this.now();
    this.notebook = !options.stream && inNotebook();
    this.draw(true);
  }

  private now(): number {
    return (this.options.now ?? performance.now.bind(performance))();
  }

  /** Advances by `n` and records the latest metrics (shown next to the bar). */
  tick(n = 1, info?: ProgressInfo): void {
    this.done_ = Math.min(this.options.total, this.done_ + n);
    if (info) this.info = { ...this.info, ...info };
    this.draw(false);
  }

  /** Marks the work finished and draws the final state. */
  finish(info?: ProgressInfo): void {
    if (this.finished) return;
    if (info) this.info = { ...this.info, ...info };
    this.finished = true;
    this.draw(true);
  }

  get completed(): number {
    return this.done_;
  }

  /** "label  42% |█████     | 42/100 [0:12<0:16, 3.4 step/s] loss=0.3" */
  line(width = 24): string {
    const { total, label, unit = 'it' } = this.options;
    const elapsed = (this.now() - this.start) / 1000;
    const frac = total > 0 ? this.done_ / total : 1;
    const rate = elapsed > 0 ? this.done_ / elapsed : 0;
    const eta = rate > 0 ? (total - this.done_) / rate : Infinity;
    const filled = Math.round(frac * width);
    const bar = '█'.repeat(filled) + ' '.repeat(width - filled);
    const extra = formatInfo(this.info);
    return `${label ? label + ' ' : ''}${String(Math.floor(frac * 100)).padStart(3)}% |${bar}| ${this.done_}/${total} ` +
      `[${formatDuration(elapsed)}<${this.finished ? '0:00' : formatDuration(eta)}, ${rate.toPrecision(3)} ${unit}/s]${extra ? ' ' + extra : ''}`;
  }

  private output(): RichOutput {
    const { total, label } = this.options;
    const pct = total > 0 ? (100 * this.done_) / total : 100;
    const text = this.line();
    const html = `<div style="font-family:monospace;font-size:12px">${label ? `<b>${escapeXml(label)}</b> ` : ''}` +
      `<progress value="${this.done_}" max="${Math.max(total, 1)}" style="width:240px;vertical-align:middle"></progress> ` +
      `${escapeXml(text.slice(text.indexOf('%') - 3))}<span hidden>${pct}</span></div>`;
    return new RichOutput({ 'text/html': html, 'text/plain': text });
  }

  private draw(force: boolean): void {
    const t = this.now();
    if (!force && t - this.lastDraw < (this.options.intervalMs ?? 200) && this.done_ < this.options.total) return;
    this.lastDraw = t;
    if (this.notebook) {
      if (this.handle) this.handle.update(this.output());
      else this.handle = liveDisplay(this.output());
      return;
    }
    const stream = this.options.stream ?? process.stderr;
    if (stream.isTTY) {
      const cols = stream.columns ?? 100;
      stream.write(`\r${this.line().slice(0, cols - 1).padEnd(cols - 1)}${this.finished ? '\n' : ''}`);
      return;
    }
    const decile = this.options.total > 0 ? Math.floor((10 * this.done_) / this.options.total) : 10;
    if (decile !== this.lastDecile || (this.finished && this.lastPrinted !== this.done_)) {
      this.lastDecile = decile;
      this.lastPrinted = this.done_;
      stream.write(this.line() + '\n');
    }
  }
}

/**
 * Starts a progress display.
 * @example const p = progress({ total: steps, label: 'SAGAN', unit: 'step' }); for (...) p.tick(1, { dLoss }); p.finish();
 */
export function progress(options: ProgressOptions): Progress {
  return new Progress(options);
}
