export { qualityReport, diagnosticReport } from './report';
export type { QualityReport, QualityReportOptions, DiagnosticReport, ColumnScore, PairScore, PropertyScore } from './report';
export {
  ksComplement, tvComplement, correlationSimilarity, contingencySimilarity, discretize, cramersV,
  boundaryAdherence, categoryAdherence, keyUniqueness, tableStructure, pearson, spearman,
} from './metrics';
export { dcrMetrics, newRowSynthesis } from './privacy';
export type { DcrResult, PrivacyOptions } from './privacy';
export { DEFINITIONS } from './definitions';
export { mlEfficacy } from './efficacy';
export type { EfficacyOptions, EfficacyResult, EfficacyScore } from './efficacy';
export { distributionPlot, correlationHeatmaps } from './plots';
export type { DistributionPlotOptions } from './plots';
