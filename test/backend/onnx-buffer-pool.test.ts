import assert from 'node:assert/strict';
import { OnnxBackend } from '../../kernel-lib/src/backend/onnx';
import { BufferPool, POOL_MIN_LENGTH } from '../../kernel-lib/src/backend/onnx/buffer-pool';
import { batchNormReluPool2x } from '../../kernel-lib/src/models/ops';
import { tf, useOnnx, values } from './onnx-support';

/** The storage array of a tensor on the current backend. */
function storage(t: tf.Tensor): Float32Array {
  return (tf.backend() as OnnxBackend).data.get(t.dataId).values as Float32Array;
}

/** A max pool (typed-array kernel, pooled output) of x [2,16,16,c]: 128·c outputs. */
function pooled(x: tf.Tensor4D): tf.Tensor4D {
  return tf.maxPool(x, 2, 2, 'valid');
}

describe('backend/onnx: recycled output buffers', function () {
  before(async () => {
    useOnnx();
    await tf.setBackend('onnx');
  });

  describe('BufferPool', () => {
    it('recycles a released buffer of the same length only', () => {
      const pool = new BufferPool();
      const a = pool.take(2048);
      pool.stored(a);
      pool.release(a);
      assert.equal(pool.bytesFree, 2048 * 4);
      assert.notEqual(pool.take(4096), a);
      assert.equal(pool.take(2048), a);
      assert.equal(pool.bytesFree, 0);
    });

    it('never recycles a buffer that was read out, stored twice, stored as a view, or never stored', () => {
      const pool = new BufferPool();
      const [read, twice, viewed, unstored] = [0, 1, 2, 3].map(() => pool.take(2048));
      pool.stored(read);
      pool.disown(read);
      pool.stored(twice);
      pool.stored(twice);
      pool.stored(viewed);
      pool.stored(viewed.subarray(0, 10));
      for (const b of [read, twice, viewed, unstored]) pool.release(b);
      assert.equal(pool.bytesFree, 0);
    });

    it('leaves arrays it did not create alone, and small ones to the heap', () => {
      const pool = new BufferPool();
      const user = new Float32Array(2048);
      pool.stored(user);
      pool.release(user);
      const small = pool.take(POOL_MIN_LENGTH - 1);
      pool.stored(small);
      pool.release(small);
      assert.equal(pool.bytesFree, 0);
    });

    it('keeps at most perLength buffers per length and totalBytes in all', () => {
      const pool = new BufferPool({ perLength: 2, totalBytes: 5 * 2048 * 4 });
      const take = (n: number) => {
        const b = pool.take(n);
        pool.stored(b);
        return b;
      };
      for (const b of [take(2048), take(2048), take(2048)]) pool.release(b);
      assert.equal(pool.bytesFree, 2 * 2048 * 4);
      for (const b of [take(4096), take(4096)]) pool.release(b);
      assert.equal(pool.bytesFree, 4 * 2048 * 4);
      pool.clear();
      assert.equal(pool.bytesFree, 0);
    });
  });

  describe('on the backend', () => {
    it('a disposed output buffer becomes a later output of the same size', () => {
      const x = tf.tensor4d(values([2, 16, 16, 8], 'pool-a'), [2, 16, 16, 8]);
      const y1 = pooled(x);
      const buf = storage(y1).buffer;
      y1.dispose();
      const y2 = pooled(x);
      assert.equal(storage(y2).buffer, buf, 'the buffer was not recycled: the tests below would prove nothing');
      tf.dispose([x, y2]);
    });

    it('values a user read (dataSync, data, bufferSync) keep them after the tensor is disposed and its size is reused', async () => {
      const x = tf.tensor4d(values([2, 16, 16, 8], 'pool-b'), [2, 16, 16, 8]);
      // Later outputs come from other values, so a reused buffer would show.
      const other = tf.tensor4d(values([2, 16, 16, 8], 'pool-b2'), [2, 16, 16, 8]);
      const reads: [string, (y: tf.Tensor) => Promise<ArrayLike<number>>][] = [
        ['dataSync', async (y) => y.dataSync()],
        ['data', async (y) => y.data()],
        ['bufferSync', async (y) => y.bufferSync().values],
      ];
      for (const [how, read] of reads) {
        const y = pooled(x);
        const got = (await read(y)) as Float32Array;
        const kept = Float32Array.from(got);
        y.dispose();
        const later = Array.from({ length: 4 }, () => pooled(other));
        for (const t of later) assert.notEqual(storage(t).buffer, got.buffer, `${how}: a read array was reused`);
        assert.deepEqual(got, kept, `${how}: a read array changed`);
        tf.dispose(later);
      }
      tf.dispose([x, other]);
    });

    it('arrays given to tf.tensor are never reused', () => {
      const n = 2 * 8 * 8 * 8;
      const user = values([n], 'pool-user');
      const kept = Float32Array.from(user);
      const t = tf.tensor4d(user, [2, 8, 8, 8]);
      tf.tidy(() => tf.neg(pooled(tf.reshape(tf.concat([t, t], 1), [2, 16, 16, 4]))));
      t.dispose();
      const x = tf.tensor4d(values([2, 16, 16, 8], 'pool-c'), [2, 16, 16, 8]);
      const outs = Array.from({ length: 4 }, () => pooled(x));
      for (const o of outs) assert.notEqual(storage(o).buffer, user.buffer);
      assert.deepEqual(user, kept);
      tf.dispose([x, ...outs]);
    });

    it('a slice that views a pooled output keeps its values after the output is disposed', () => {
      const x = tf.tensor4d(values([2, 16, 16, 8], 'pool-d'), [2, 16, 16, 8]);
      const y = pooled(x);
      const s = tf.slice(y, [1], [1]); // the cpu Slice kernel returns a subarray of y's storage
      // Copied from the storage: a read through tfjs would itself keep the buffer out of the pool.
      const expected = Float32Array.from(storage(s));
      y.dispose();
      const other = tf.tensor4d(values([2, 16, 16, 8], 'pool-d2'), [2, 16, 16, 8]);
      const later = Array.from({ length: 4 }, () => pooled(other));
      assert.deepEqual(s.dataSync(), expected);
      tf.dispose([x, other, s, ...later]);
    });

    it('a training loop holds bounded memory: tensors steady, free buffers the same after every step, within the limits', () => {
      const be = tf.backend() as OnnxBackend;
      const pool = be.pool;
      const x = tf.variable(tf.tensor4d(values([4, 16, 16, 16], 'pool-e'), [4, 16, 16, 16]));
      const scale = tf.variable(tf.ones([16]) as tf.Tensor1D);
      const offset = tf.variable(tf.zeros([16]) as tf.Tensor1D);
      const opt = tf.train.sgd(0.01);
      const before = tf.memory().numTensors;
      const step = () =>
        opt.minimize(() => {
          const { y } = batchNormReluPool2x(x, 1e-5, scale, offset);
          return tf.mean(tf.square(tf.maxPool(y, 2, 2, 'valid')));
        });
      for (let i = 0; i < 3; i++) step();
      const settled = pool.bytesFree;
      assert.ok(settled > 0, 'nothing was recycled');
      for (let i = 0; i < 40; i++) step();
      assert.equal(tf.memory().numTensors, before);
      // Each step frees what it takes: the free lists end every step the same.
      assert.equal(pool.bytesFree, settled);
      assert.ok(pool.bytesFree <= pool.limits.totalBytes);
      opt.dispose();
      tf.dispose([x, scale, offset]);
    });

    it('disposing the backend drops its free buffers', () => {
      const be = new OnnxBackend(1);
      const info = be.makeTensorInfo([2048], 'float32', be.outputBuffer(2048));
      be.disposeData(info.dataId);
      assert.equal(be.pool.bytesFree, 2048 * 4);
      be.dispose();
      assert.equal(be.pool.bytesFree, 0);
    });
  });
});
