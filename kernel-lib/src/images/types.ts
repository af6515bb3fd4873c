/** Shared shapes of the image domain: pixel format, load reports, batches. */
import type { Tensor4D } from '../tf';

/** Float range of pixels handed to models: GANs/VAEs usually want [-1,1], FaceNet either. */
export type ImageRange = '[-1,1]' | '[0,1]';

/** How an image of another aspect ratio becomes a square: crop the centre, pad, or stretch. */
export type CropMode = 'center' | 'pad' | 'stretch';

/** What every loaded image is turned into. */
export interface ImageFormat {
  /** Output height and width in pixels (a number for a square). */
  readonly height: number;
  readonly width: number;
  /** 1 = grayscale, 3 = RGB. Alpha is flattened onto `background`. */
  readonly channels: 1 | 3;
  readonly range: ImageRange;
}

/** Why a file was left out. */
export type SkipReason = 'empty' | 'not-an-image' | 'corrupt' | 'unsupported' | 'too-small' | 'outside-identity';

export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
  /** The decoder's message or our own explanation. */
  readonly detail: string;
}

/** What a loader saw: files found, kept, skipped (with reasons) and warnings. Plain JSON. */
export interface LoadReport {
  readonly root: string;
  filesSeen: number;
  imagesKept: number;
  skipped: SkippedFile[];
  warnings: string[];
}

/** One batch: images [B,H,W,C] float32 in the set's range, labels (-1 when unlabelled). */
export interface ImageBatch {
  readonly images: Tensor4D;
  readonly labels: Int32Array;
  /** Positions in the data set the batch was read from. */
  readonly indices: Int32Array;
}

export function emptyReport(root: string): LoadReport {
  return { root, filesSeen: 0, imagesKept: 0, skipped: [], warnings: [] };
}

/** A one-paragraph human summary of a report (counts per reason, first few files). */
export function describeReport(report: LoadReport, maxFiles = 10): string {
  const byReason = new Map<string, number>();
  for (const s of report.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
  const reasons = [...byReason].map(([r, n]) => `${n} ${r}`).join(', ');
  const lines = [`${report.root}: ${report.filesSeen} files seen, ${report.imagesKept} images kept, ${report.skipped.length} skipped${reasons ? ` (${reasons})` : ''}`];
  for (const s of report.skipped.slice(0, maxFiles)) lines.push(`  skipped ${s.path}: ${s.reason} (${s.detail})`);
  if (report.skipped.length > maxFiles) lines.push(`  … and ${report.skipped.length - maxFiles} more`);
  for (const w of report.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}
