/**
 * The article's second tool (scikit-learn's generators): a classification set, a regression set
 * with a linear regression fitted on it (the article's figure 2: true vs fitted coefficients,
 * predictions vs targets) and blobs, each plotted so a reader sees the data.
 */
import { datasetScatter, makeBlobs, makeClassification, makeRegression } from '../../datasets';
import type { RichOutput } from '../../display/output';
import { LinearRegression, regressionFigure } from '../../linear';
import { bySize } from '../config';
import type { Stage } from '../stage';

export const sklearnStyleStage: Stage = {
  id: 'sklearn-style',
  title: 'scikit-learn-style data sets and a linear regression',
  description: 'makeClassification, makeRegression and makeBlobs with scikit-learn\'s parameters; an ordinary least squares fit recovers the generating coefficients (figure 2 of the article).',
  async run({ config, rng }) {
    const n = bySize(config.profile, { ci: 500, default: 10_000, full: 1_000_000 });
    const outputs: { caption?: string; output: RichOutput }[] = [];
    const cls = makeClassification({ nSamples: n, nFeatures: 20, nInformative: 2, nRedundant: 2, nClasses: 3, nClustersPerClass: 1, randomState: rng.derive('classification') });
    outputs.push({ caption: 'makeClassification: the two informative features, coloured by class', output: datasetScatter(cls.X, cls.y, { title: 'makeClassification (3 classes)', columns: [cls.informative[0], cls.informative[1]] }) });
    const blobs = makeBlobs({ nSamples: n, centers: 5, nFeatures: 2, randomState: rng.derive('blobs') });
    outputs.push({ caption: 'makeBlobs: 5 centres', output: datasetScatter(blobs.X, blobs.y, { title: 'makeBlobs (5 centres)' }) });
    const reg = makeRegression({ nSamples: n, nFeatures: 10, nInformative: 5, noise: 10, randomState: rng.derive('regression') });
    const model = new LinearRegression().fit(reg.X, reg.y);
    const r2 = model.score(reg.X, reg.y);
    const [coefPlot, predPlot] = regressionFigure(model, reg.X, reg.y, reg.coef);
    outputs.push({ caption: 'Linear regression on makeRegression: true vs fitted coefficients', output: coefPlot });
    outputs.push({ caption: 'Predictions vs targets', output: predPlot });
    let maxCoefError = 0;
    for (let i = 0; i < reg.coef.length; i++) maxCoefError = Math.max(maxCoefError, Math.abs(model.coef[i] - reg.coef[i]));
    const classCounts = Array.from({ length: 3 }, (_, c) => cls.y.reduce((s, y) => s + (y === c ? 1 : 0), 0));
    return {
      outputs,
      numbers: {
        classification: { rows: n, features: 20, informative: cls.informative, redundant: cls.redundant, classCounts },
        regression: { rows: n, r2, intercept: model.intercept, maxCoefError, trueCoef: Array.from(reg.coef), fittedCoef: Array.from(model.coef) },
        blobs: { rows: n, centers: Array.from(blobs.centers.data) },
      },
    };
  },
};
