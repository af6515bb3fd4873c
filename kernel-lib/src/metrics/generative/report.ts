/** All generative metrics of one generated set against the real one, from their features. */
import type { Rng, Seed } from '../../random';
import { diversity, type DiversityResult } from './diversity';
import { memorisation } from './diversity';
import { toMatrix, type FeatureInput } from './features';
import { fidScore } from './fid';
import { kidScore } from './kid';
import { precisionRecall } from './precision-recall';

export interface GenerativeReport {
  fid: number;
  kid: { mean: number; std: number; subsetSize: number };
  precision: number;
  recall: number;
  diversity: DiversityResult;
  memorisation: { meanNearestReal: number; realNeighbourMedian: number; closeFraction: number };
  real: number;
  generated: number;
  dim: number;
  warnings: string[];
}

export function generativeReport(real: FeatureInput, fake: FeatureInput, options: { seed?: Seed | Rng; kidSubsets?: number } = {}): GenerativeReport {
  const x = toMatrix(real, 'real features'), y = toMatrix(fake, 'generated features');
  const warnings: string[] = [];
  const { fid } = fidScore(x, y, { onWarning: (w) => warnings.push(w) });
  const kid = kidScore(x, y, { seed: options.seed, subsets: options.kidSubsets ?? 100 });
  const pr = precisionRecall(x, y);
  const m = memorisation(x, y);
  return {
    fid, kid: { mean: kid.mean, std: kid.std, subsetSize: kid.subsetSize }, precision: pr.precision, recall: pr.recall,
    diversity: diversity(x, y),
    memorisation: { meanNearestReal: m.meanNearestReal, realNeighbourMedian: m.realNeighbourMedian, closeFraction: m.closeFraction },
    real: x.rows, generated: y.rows, dim: x.cols, warnings,
  };
}
