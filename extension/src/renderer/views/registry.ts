/** Which view draws which Synthlab MIME type. A new output kind is one module plus one line here. */
import type { SynthlabMime } from '../../../../kernel-lib/src/display/mime';
import type { ViewKind } from '../api';
import { imageGridKind } from './imageGrid';
import { trainingCurvesKind } from './curves';
import { scatterKind } from './scatter';
import { tableKind } from './table';
import { distributionComparisonKind } from './distributions';
import { correlationHeatmapKind } from './heatmap';

// Payload types differ per kind; the entry validates before handing a payload over.
const kinds: ViewKind<never>[] = [
  imageGridKind, trainingCurvesKind, scatterKind, tableKind, distributionComparisonKind, correlationHeatmapKind,
] as ViewKind<never>[];

export const VIEW_KINDS: ReadonlyMap<string, ViewKind<unknown>> = new Map(
  kinds.map((k) => [k.mime, k as unknown as ViewKind<unknown>]),
);

/** The MIME types this renderer draws (package.json's notebookRenderer list must equal it). */
export const RENDERED_MIMES: readonly SynthlabMime[] = kinds.map((k) => k.mime);
