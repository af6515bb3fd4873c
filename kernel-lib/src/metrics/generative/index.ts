/** Generative-model metrics on a pluggable feature extractor: FID, KID, precision/recall, diversity, memorisation, Hessian sharpness. */
export { extractFeatures, pixelFeatures, toMatrix } from './features';
export type { FeatureExtractor, FeatureInput, ImageInput } from './features';
export { fidScore, frechetDistance, gaussianStats, traceSqrtProduct } from './fid';
export type { FidResult, GaussianStats } from './fid';
export { kidScore, mmd2Unbiased } from './kid';
export type { KidOptions, KidResult } from './kid';
export { precisionRecall } from './precision-recall';
export type { PrecisionRecall } from './precision-recall';
export { diversity, memorisation } from './diversity';
export type { DiversityResult, MemorisationResult } from './diversity';
export { topHessianEigenvalue } from './hessian';
export type { HessianOptions } from './hessian';
export { generativeReport } from './report';
export type { GenerativeReport } from './report';
export { featureClassifier, FeatureClassifier } from './classifier';
export type { FeatureClassifierOptions } from './classifier';
export { pretrainedFeatures } from './pretrained';
export type { PretrainedOptions, PretrainedExtractor } from './pretrained';
