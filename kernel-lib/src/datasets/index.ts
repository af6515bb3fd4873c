/**
 * scikit-learn's sample generators (sklearn.datasets.make_*) in TypeScript: same parameters
 * (camelCase), same refusals, seeded by our Rng, results as dense typed arrays (`Matrix`).
 * Same distributions as sklearn, not the same numbers: our Rng is not numpy's.
 * @example
 * const { X, y, coef } = datasets.makeRegression({ nSamples: 1000, nFeatures: 20, noise: 5, randomState: 42 });
 * const model = new linear.LinearRegression().fit(X, y);
 * for (const out of linear.regressionFigure(model, X, y, coef)) display(out);   // the article's figure 2
 * const blobs = datasets.makeBlobs({ nSamples: 500, centers: 4, randomState: 1 });
 * display(datasets.datasetScatter(blobs.X, blobs.y, { title: 'makeBlobs' }));
 */
export { Matrix } from './matrix';
export type { RandomState, LabelledSet, RegressionSet } from './types';
export { makeClassification } from './classification';
export type { MakeClassificationOptions, ClassificationSet } from './classification';
export { makeRegression, makeLowRankMatrix, makeFriedman1, makeFriedman2, makeFriedman3, makeSparseUncorrelated } from './regression';
export type { MakeRegressionOptions, RegressionProblem, MakeLowRankMatrixOptions, FriedmanOptions } from './regression';
export { makeBlobs, makeMoons, makeCircles } from './clusters';
export type { MakeBlobsOptions, BlobsSet, TwoShapeOptions } from './clusters';
export { makeSCurve, makeSwissRoll } from './manifolds';
export type { ManifoldOptions, ManifoldSet } from './manifolds';
export { makeGaussianQuantiles, makeHastie10_2 } from './quantiles';
export type { MakeGaussianQuantilesOptions } from './quantiles';
export { makeMultilabelClassification } from './multilabel';
export type { MakeMultilabelOptions, MultilabelSet, CsrMatrix } from './multilabel';
export { makeBiclusters, makeCheckerboard } from './biclusters';
export type { BiclusterOptions, BiclusterSet } from './biclusters';
export { makeSpdMatrix, makeSparseSpdMatrix } from './matrices';
export type { MakeSparseSpdMatrixOptions } from './matrices';
export { matrixToTensor, labelsToTensor, targetsToTensor } from './convert';
export { datasetScatter } from './plot';
