import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { labelsToTensor, matrixToTensor, targetsToTensor } from '../../kernel-lib/src/datasets/convert';
import { Matrix } from '../../kernel-lib/src/datasets/matrix';
import { makeBlobs } from '../../kernel-lib/src/datasets/clusters';

describe('datasets/Matrix and conversions', () => {
  it('indexes row-major, converts to nested arrays and back, transposes', () => {
    const m = Matrix.fromArray([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(m.shape, [2, 3]);
    assert.equal(m.get(1, 2), 6);
    assert.deepEqual(Array.from(m.column(1)), [2, 5]);
    assert.deepEqual(m.transpose().toArray(), [[1, 4], [2, 5], [3, 6]]);
    m.row(0)[0] = 10;
    assert.equal(m.get(0, 0), 10, 'row() is a view');
    assert.throws(() => new Matrix(new Float64Array(5), 2, 3), /2 × 3 needs 6 values, got 5/);
    assert.throws(() => m.column(3), /column 3 is outside 0..2/);
  });

  it('converts a generated set to tfjs tensors (float32 X, int32 or one-hot y) without leaking', async () => {
    await tf.setBackend('cpu');
    const { X, y } = makeBlobs({ nSamples: 50, nFeatures: 3, centers: 4, randomState: 1 });
    const before = tf.memory().numTensors;
    const xt = matrixToTensor(X);
    const yt = labelsToTensor(y);
    const oneHot = labelsToTensor(y, 4);
    const targets = targetsToTensor(X.column(0));
    assert.deepEqual(xt.shape, [50, 3]);
    assert.equal(xt.dtype, 'float32');
    assert.deepEqual(Array.from(xt.dataSync()), Array.from(X.toFloat32()));
    assert.equal(yt.dtype, 'int32');
    assert.deepEqual(Array.from(yt.dataSync()), Array.from(y));
    assert.deepEqual(oneHot.shape, [50, 4]);
    assert.deepEqual(Array.from(tf.tidy(() => tf.argMax(oneHot, 1).dataSync())), Array.from(y));
    assert.equal(targets.shape[0], 50);
    tf.dispose([xt, yt, oneHot, targets]);
    assert.equal(tf.memory().numTensors, before);
    assert.throws(() => labelsToTensor(y, 2), /y\[\d+\] = [23] is outside 0..1/);
  });
});
