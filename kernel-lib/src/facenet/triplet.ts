/**
 * Triplet loss on L2-normalised embeddings with online mining inside a batch (FaceNet,
 * Schroff et al. 2015; batch-hard / batch-all, Hermans et al. 2017). Distances are squared
 * Euclidean, margin α = 0.2 by default:  L(a, p, n) = max(0, d(a,p) − d(a,n) + α).
 *
 * - 'batch-hard': per anchor, its farthest positive and nearest negative; mean over anchors.
 * - 'batch-all': every valid triplet; mean over the active ones (loss > 0), as Hermans et al.
 * - 'semi-hard': per (anchor, positive) pair, the nearest negative farther than the positive
 *   (d(a,n) > d(a,p)); when none exists, the farthest negative (as TF-Addons does); mean over pairs.
 * Statistics (not differentiated): the share of active triplets and the triplet accuracy, the
 * share of all valid triplets with d(a,p) + α < d(a,n).
 */
import * as tf from '../tf';

export type Mining = 'batch-hard' | 'batch-all' | 'semi-hard';

export interface TripletStats {
  /** Share of all valid (a, p, n) triplets with positive loss. */
  activeFraction: number;
  /** Share of all valid triplets with d(a,p) + margin < d(a,n). */
  tripletAccuracy: number;
  /** Valid triplets in the batch. */
  triplets: number;
}

/** Pairwise squared distances of rows of x [B, D] → [B, B], clipped at 0 against round-off. */
export function pairwiseSquaredDistances(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const sq = tf.sum(tf.square(x), 1);
    const dot = tf.matMul(x, x, false, true);
    return tf.relu(tf.add(tf.sub(tf.expandDims(sq, 1), tf.mul(dot, 2)), tf.expandDims(sq, 0))) as tf.Tensor2D;
  });
}

function checkLabels(labels: ArrayLike<number>, batch: number): void {
  if (labels.length !== batch) throw new Error(`tripletLoss: ${labels.length} labels for a batch of ${batch} embeddings`);
}

/** Triplet statistics from a distance matrix (plain numbers; no gradients). */
export function tripletStats(dist: Float32Array | number[], labels: ArrayLike<number>, margin = 0.2): TripletStats {
  const B = labels.length;
  let total = 0, active = 0, correct = 0;
  for (let a = 0; a < B; a++) for (let p = 0; p < B; p++) {
    if (p === a || labels[p] !== labels[a]) continue;
    const dap = dist[a * B + p];
    for (let n = 0; n < B; n++) {
      if (labels[n] === labels[a]) continue;
      const dan = dist[a * B + n];
      total++;
      if (dap - dan + margin > 0) active++;
      if (dap + margin < dan) correct++;
    }
  }
  return { activeFraction: total ? active / total : 0, tripletAccuracy: total ? correct / total : 0, triplets: total };
}

/**
 * The triplet loss of a batch with the chosen mining, and its statistics.
 * @param embeddings [B, D], normally L2-normalised
 * @param labels identity of each row; the batch needs ≥ 2 identities and some identity with ≥ 2 rows
 */
export function tripletLoss(embeddings: tf.Tensor2D, labels: ArrayLike<number>, options: { margin?: number; mining?: Mining } = {}): { loss: tf.Scalar; stats: TripletStats } {
  const margin = options.margin ?? 0.2;
  const mining = options.mining ?? 'batch-hard';
  const B = embeddings.shape[0];
  checkLabels(labels, B);
  const pos = new Float32Array(B * B), neg = new Float32Array(B * B);
  let hasPos = false, hasNeg = false;
  for (let a = 0; a < B; a++) for (let b = 0; b < B; b++) {
    if (labels[a] === labels[b]) { if (a !== b) { pos[a * B + b] = 1; hasPos = true; } } else { neg[a * B + b] = 1; hasNeg = true; }
  }
  if (!hasPos || !hasNeg) {
    throw new Error(`tripletLoss: the batch needs two images of one identity and at least two identities (labels: ${Array.from(labels).slice(0, 12).join(',')}${B > 12 ? ',…' : ''})`);
  }
  let stats: TripletStats = { activeFraction: 0, tripletAccuracy: 0, triplets: 0 };
  const loss = tf.tidy(() => {
    const dist = pairwiseSquaredDistances(embeddings);
    const distValues = dist.dataSync() as Float32Array;
    stats = tripletStats(distValues, labels, margin);
    const posMask = tf.tensor2d(pos, [B, B]);
    const negMask = tf.tensor2d(neg, [B, B]);
    if (mining === 'batch-hard') {
      const hardestPos = tf.max(tf.mul(dist, posMask), 1);
      const big = tf.add(tf.max(dist), 1);
      const hardestNeg = tf.min(tf.add(dist, tf.mul(tf.sub(1, negMask), big)), 1);
      // Anchors without a positive contribute nothing.
      const hasP = tf.cast(tf.greater(tf.sum(posMask, 1), 0), 'float32');
      const per = tf.mul(tf.relu(tf.add(tf.sub(hardestPos, hardestNeg), margin)), hasP);
      return tf.div(tf.sum(per), tf.sum(hasP)) as tf.Scalar;
    }
    if (mining === 'batch-all') {
      const dap = tf.reshape(dist, [B, B, 1]);
      const dan = tf.reshape(dist, [B, 1, B]);
      const valid = tf.mul(tf.reshape(posMask, [B, B, 1]), tf.reshape(negMask, [B, 1, B]));
      const l = tf.mul(tf.relu(tf.add(tf.sub(dap, dan), margin)), valid);
      // The active count is a constant of the batch (counted on the host, no gradient through it).
      const activeCount = Math.round(stats.activeFraction * stats.triplets);
      return tf.div(tf.sum(l), Math.max(activeCount, 1)) as tf.Scalar;
    }
    // semi-hard: choose negatives on the host, then gather so gradients flow through d(a,n).
    const pairsA: number[] = [], pairsP: number[] = [], chosenN: number[] = [];
    for (let a = 0; a < B; a++) for (let p = 0; p < B; p++) {
      if (!pos[a * B + p]) continue;
      const dap = distValues[a * B + p];
      let best = -1, bestD = Infinity, far = -1, farD = -Infinity;
      for (let n = 0; n < B; n++) {
        if (!neg[a * B + n]) continue;
        const d = distValues[a * B + n];
        if (d > dap && d < bestD) { bestD = d; best = n; }
        if (d > farD) { farD = d; far = n; }
      }
      pairsA.push(a); pairsP.push(p); chosenN.push(best >= 0 ? best : far);
    }
    const flat = tf.reshape(dist, [B * B]);
    const dapT = tf.gather(flat, tf.tensor1d(pairsA.map((a, i) => a * B + pairsP[i]), 'int32'));
    const danT = tf.gather(flat, tf.tensor1d(pairsA.map((a, i) => a * B + chosenN[i]), 'int32'));
    return tf.mean(tf.relu(tf.add(tf.sub(dapT, danT), margin))) as tf.Scalar;
  });
  return { loss, stats };
}
