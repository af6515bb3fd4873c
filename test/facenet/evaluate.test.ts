import assert from 'node:assert/strict';
import { Rng } from '../../kernel-lib/src/random';
import { evaluateEmbeddings } from '../../kernel-lib/src/facenet/evaluate';

/** Unit embeddings: identity centres on the sphere plus noise of the given size. */
function embeddings(identities: number, per: number, dim: number, noise: number, seed: number): { e: Float32Array; labels: Int32Array } {
  const rng = new Rng(seed);
  const e = new Float32Array(identities * per * dim), labels = new Int32Array(identities * per);
  for (let id = 0; id < identities; id++) {
    const c = rng.fillNormal(new Float64Array(dim));
    for (let k = 0; k < per; k++) {
      const i = id * per + k;
      labels[i] = id;
      let norm = 0;
      for (let d = 0; d < dim; d++) { const v = c[d] / Math.sqrt(dim) + rng.normal(0, noise); e[i * dim + d] = v; norm += v * v; }
      for (let d = 0; d < dim; d++) e[i * dim + d] /= Math.sqrt(norm);
    }
  }
  return { e, labels };
}

describe('facenet/evaluateEmbeddings', () => {
  it('scores separated identities near perfect and random embeddings near chance', () => {
    const good = embeddings(40, 5, 16, 0.05, 1);
    const g = evaluateEmbeddings(good.e, good.labels, 16, { seed: 2, pairsPerFold: 100 });
    assert.ok(g.verification.accuracy.mean > 0.98, `accuracy ${g.verification.accuracy.mean}`);
    assert.ok(g.verification.auc > 0.99 && g.identification.rank1 > 0.95 && g.clustering.kMeans.nmi > 0.95);
    assert.ok(g.triplet.accuracy > 0.95 && g.classification.f1 > 0.95);

    const rnd = embeddings(40, 5, 16, 10, 3); // noise swamps the centres
    const r = evaluateEmbeddings(rnd.e, rnd.labels, 16, { seed: 2, pairsPerFold: 100 });
    assert.ok(Math.abs(r.verification.auc - 0.5) < 0.1, `random auc ${r.verification.auc}`);
    assert.ok(r.identification.rank1 < 0.2, `random rank-1 ${r.identification.rank1}`);
    assert.ok(r.verification.accuracy.mean < g.verification.accuracy.mean - 0.3);
    assert.match(g.classification.definitions, /specificity = TN\/\(TN\+FP\)/);
  });
});
