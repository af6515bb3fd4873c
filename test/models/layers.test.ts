import assert from 'node:assert/strict';
import * as tf from '../../kernel-lib/src/tf';
import { Rng } from '../../kernel-lib/src/random';
import { ParamSet } from '../../kernel-lib/src/models/params';
import { Weight } from '../../kernel-lib/src/models/spectral-norm';
import { BatchNorm, reluMaxPool2x, SelfAttention } from '../../kernel-lib/src/models/layers';
import { hingeLossD, hingeLossG, bceLossD, nonSaturatingLossG, klDivergence } from '../../kernel-lib/src/models/losses';
import { useCpu } from './helpers';

const TRAIN = { training: true, updateStats: true };

describe('models: layers and losses', () => {
  before(useCpu);

  it('spectral norm drives the top singular value of W/σ to 1 as u converges', () => {
    const p = new ParamSet('sn', new Rng(1));
    const w = new Weight(p, 'w', [3, 3, 4, 6], { kind: 'normal', std: 1 }, true);
    const plain = new Weight(p, 'plain', [3, 3, 4, 6], { kind: 'normal', std: 1 }, false);
    assert.ok(plain.spectralNormOfNormalised() > 3, 'an unnormalised N(0,1) 36×6 matrix has σ well above 1');
    for (let i = 0; i < 30; i++) tf.dispose(tf.tidy(() => w.value(TRAIN)));
    const sigma = w.spectralNormOfNormalised();
    assert.ok(Math.abs(sigma - 1) < 1e-3, `σ(W/σ̂) = ${sigma}`);
    p.dispose();
  });

  it('the normalised weight is differentiable in W and u is not trained', () => {
    const p = new ParamSet('sn', new Rng(2));
    const w = new Weight(p, 'w', [5, 3], { kind: 'glorot' }, true);
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(w.value({ training: true, updateStats: false }))) as tf.Scalar, p.trainable());
    assert.deepEqual(Object.keys(grads), [w.w.name]);
    assert.ok(Number.isFinite(tf.sum(grads[w.w.name]).dataSync()[0]));
    tf.dispose(grads);
    p.dispose();
  });

  it('self-attention: γ = 0 makes it the identity; shapes and maps are right; gradients reach γ', () => {
    const p = new ParamSet('attn', new Rng(3));
    const a = new SelfAttention(p, 'a', 16);
    const x = tf.randomNormal([2, 4, 4, 16], 0, 1, 'float32', 1) as tf.Tensor4D;
    const maps: tf.Tensor3D[] = [];
    const y = tf.tidy(() => a.apply(x, { training: false, updateStats: false, attention: maps }));
    assert.equal(tf.max(tf.abs(tf.sub(y, x))).dataSync()[0], 0);
    assert.deepEqual(maps[0].shape, [2, 16, 4]);
    const rowSums = tf.sum(maps[0], 2).dataSync();
    assert.ok(rowSums.every((s) => Math.abs(s - 1) < 1e-5), 'softmax over pooled positions');
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(a.apply(x, { training: true, updateStats: false }))) as tf.Scalar, p.trainable());
    assert.ok(Math.abs(grads[a.gamma.name].dataSync()[0]) > 0, 'γ gets a gradient');
    // θ/φ/g only matter once γ ≠ 0: their gradient is exactly 0 at γ = 0.
    tf.dispose([x, y, grads, ...maps]);
    p.dispose();
    assert.throws(() => new SelfAttention(new ParamSet('bad', new Rng(1)), 'b', 12), /multiple of 8/);
  });

  it('conditional batch norm: per-class γ, β; normalises with batch statistics in training', () => {
    const p = new ParamSet('bn', new Rng(4));
    const bn = new BatchNorm(p, 'bn', 2, 3);
    bn.gamma.assign(tf.tensor2d([[1, 1], [2, 2], [1, 1]]));
    bn.beta.assign(tf.tensor2d([[0, 0], [0, 0], [5, 5]]));
    const x = tf.randomNormal([3, 2, 2, 2], 3, 2, 'float32', 2) as tf.Tensor4D;
    const labels = tf.tensor1d([0, 1, 2], 'int32');
    const y = bn.apply(x, { training: true, updateStats: true, labels });
    const per = tf.moments(y, [1, 2, 3]);
    const means = per.mean.dataSync();
    assert.ok(means[2] > means[0] + 3, 'class 2 shifted by β = 5');
    const [m0] = bn.mean.dataSync();
    assert.ok(m0 > 0.1 && m0 < 0.5, `running mean moved 10 % towards ~3 (got ${m0})`);
    assert.throws(() => bn.apply(x, { training: true, updateStats: false }), /pass labels/);
    tf.dispose([x, labels, y, per.mean, per.variance]);
    p.dispose();
  });

  it('reluMaxPool2x equals maxPool(relu(x)) in values and gradients, ties and batch 1 included', () => {
    const rng = new Rng(5);
    for (const shape of [[1, 6, 8, 3], [2, 5, 7, 4]] as [number, number, number, number][]) {
      // Half-steps: many equal values, zeros and all-negative windows.
      const n = shape.reduce((a, b) => a * b);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const x = tf.tensor4d(Float32Array.from({ length: n }, () => Math.round(rng.normal() * 2) / 2), shape);
        const w = tf.randomNormal([shape[0], shape[1] >> 1, shape[2] >> 1, shape[3]], 0, 1, 'float32', 6);
        const old = (t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(tf.relu(t) as tf.Tensor4D, 2, 2, 'valid'), w));
        const fused = (t: tf.Tensor) => tf.sum(tf.mul(reluMaxPool2x(t as tf.Tensor4D), w));
        assert.deepEqual(reluMaxPool2x(x).dataSync(), tf.maxPool(tf.relu(x) as tf.Tensor4D, 2, 2, 'valid').dataSync());
        // Equal up to the sign of zero (old: dy·0 where relu is off).
        const unsigned = (t: tf.Tensor) => Array.from(t.dataSync(), (v) => v + 0);
        assert.deepEqual(unsigned(tf.grad(fused)(x)), unsigned(tf.grad(old)(x)), `gradients for x [${shape}]`);
      });
      assert.equal(tf.memory().numTensors, before);
    }
  });

  it('hinge and BCE losses on known logits', () => {
    const real = tf.tensor1d([2, 0.5, -1]);
    const fake = tf.tensor1d([-2, 0, 1]);
    // D: mean(relu(1 − r)) = (0 + 0.5 + 2)/3; mean(relu(1 + f)) = (0 + 1 + 2)/3.
    assert.ok(Math.abs(hingeLossD(real, fake).dataSync()[0] - (2.5 / 3 + 3 / 3)) < 1e-6);
    assert.ok(Math.abs(hingeLossG(fake).dataSync()[0] - 1 / 3) < 1e-6);
    const sp = (v: number) => Math.log1p(Math.exp(v));
    const bceD = (sp(-2) + sp(-0.5) + sp(1)) / 3 + (sp(-2) + sp(0) + sp(1)) / 3;
    assert.ok(Math.abs(bceLossD(real, fake).dataSync()[0] - bceD) < 1e-6);
    assert.ok(Math.abs(nonSaturatingLossG(fake).dataSync()[0] - (sp(2) + sp(0) + sp(-1)) / 3) < 1e-6);
    const kl = klDivergence(tf.tensor2d([[0, 0], [1, 0]]), tf.tensor2d([[0, 0], [0, Math.log(4)]])).dataSync();
    assert.ok(Math.abs(kl[0]) < 1e-7, 'KL(N(0,1) ‖ N(0,1)) = 0');
    // 0.5·(μ²) + 0.5·(σ² − 1 − log σ²) = 0.5 + 0.5·(4 − 1 − log 4)
    assert.ok(Math.abs(kl[1] - (0.5 + 0.5 * (3 - Math.log(4)))) < 1e-5);
    tf.dispose([real, fake]);
  });
});
