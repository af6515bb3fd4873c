export { tripletLoss, tripletStats, pairwiseSquaredDistances } from './triplet';
export type { Mining, TripletStats } from './triplet';
export { PkSampler } from './sampler';
export type { PkBatchOptions } from './sampler';
export { evaluateEmbeddings } from './evaluate';
export type { EmbeddingEvaluation, EvaluateOptions } from './evaluate';
