export { MIME, validatePayload } from './mime';
export type {
  MimeBundle, SynthlabMime, PayloadByMime, ImageGridPayload, ImageGridFrame, TrainingCurvesPayload,
  CurveSeries, ScatterPayload, TablePayload,
} from './mime';
export { RichOutput, escapeXml } from './output';
export { encodePng } from './png';
export { display, liveDisplay } from './display';
export type { DisplayHandle, DisplayOptions } from './display';
export { useNotebookDisplay, inNotebook, pendingDisplays } from './transport';
export type { NotebookDisplayModule } from './transport';
export { imageGrid, imageGridFrames } from './image-grid';
export type { ImagesInput, RawImage, PixelRange, GridFrameInput, ImageGridOptions } from './image-grid';
export { lineChart } from './line-chart';
export { scatter } from './scatter';
export type { ScatterOptions } from './scatter';
export type { LineChartOptions, SeriesInput } from './line-chart';
export { svgChart, niceTicks, PALETTE } from './svg-chart';
export type { SvgSeries, SvgChartOptions } from './svg-chart';
export { progress, Progress } from './progress';
export type { ProgressOptions, ProgressInfo } from './progress';
