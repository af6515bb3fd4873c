/**
 * Pictures of an embedding's evaluation: the ROC curve of verification, the CMC curve of
 * identification, and a 2-D PCA projection of the embeddings coloured by identity.
 */
import { scatter } from '../display/scatter';
import { lineChart } from '../display/line-chart';
import type { RichOutput } from '../display/output';
import { symmetricEigen } from '../linear/linalg';
import type { EmbeddingEvaluation } from './evaluate';

export function rocPlot(evaluation: EmbeddingEvaluation, title = 'Verification ROC (held-out pairs)'): RichOutput {
  const { fpr, tpr } = evaluation.roc;
  return lineChart([{ name: `ROC (AUC ${evaluation.verification.auc.toFixed(3)})`, x: fpr, y: tpr }, { name: 'chance', x: [0, 1], y: [0, 1] }],
    { title, xLabel: 'false accept rate', yLabel: 'true accept rate' });
}

export function cmcPlot(evaluation: EmbeddingEvaluation, title = 'Identification CMC (held-out identities)'): RichOutput {
  const { cmc } = evaluation.identification;
  return lineChart([{ name: 'identification rate', x: cmc.map((_, i) => i + 1), y: cmc }], { title, xLabel: 'rank', yLabel: 'share of probes' });
}

/** The first two principal components of embeddings [n, dim], coloured by label. */
export function projectionPlot(embeddings: Float32Array, labels: ArrayLike<number>, dim: number, title = 'Embeddings (PCA, coloured by identity)'): RichOutput {
  const n = labels.length;
  if (embeddings.length !== n * dim) throw new Error(`projectionPlot: ${embeddings.length} values for ${n} × ${dim}`);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) mean[d] += embeddings[i * dim + d] / n;
  const cov = new Float64Array(dim * dim);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dim; a++) {
      const va = embeddings[i * dim + a] - mean[a];
      for (let b = a; b < dim; b++) cov[a * dim + b] += va * (embeddings[i * dim + b] - mean[b]);
    }
  }
  for (let a = 0; a < dim; a++) for (let b = a; b < dim; b++) cov[b * dim + a] = cov[a * dim + b];
  const { values, vectors } = symmetricEigen(cov, dim);
  // Components sorted by eigenvalue, largest first (whatever order the solver returns).
  const order = Array.from(values, (_, i) => i).sort((p, q) => values[q] - values[p]);
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) {
      const v = embeddings[i * dim + d] - mean[d];
      x[i] += v * vectors.get(d, order[0]);
      y[i] += v * vectors.get(d, order[1]);
    }
  }
  return scatter(x, y, labels, { title, xLabel: 'PC 1', yLabel: 'PC 2' });
}
