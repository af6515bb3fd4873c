/**
 * Pins onnxruntime-node's internal synchronous binding: if an upgrade changes it, these fail
 * loudly instead of the onnx backend misbehaving.
 */
import assert from 'node:assert/strict';
import { getKernelsForBackend } from '@tensorflow/tfjs-core';
import { GraphBuilder } from '../../kernel-lib/src/backend/onnx/graph';
import { ONNX_KERNEL_NAMES, registerOnnxBackend, type OnnxBackend } from '../../kernel-lib/src/backend/onnx';
import { loadOrt, OrtSession, PINNED_ORT_VERSION } from '../../kernel-lib/src/backend/onnx/ort';
import { tf } from './onnx-support';

describe('backend/onnx: the onnxruntime binding', () => {
  it('loads the pinned onnxruntime-node version and its internal binding', () => {
    const ort = loadOrt();
    assert.equal(ort.version, PINNED_ORT_VERSION, 'onnxruntime-node was upgraded: re-check ort.ts against its dist/binding');
    assert.equal(typeof ort.binding.binding.InferenceSession, 'function');
  });

  it('runs a graph synchronously and returns typed arrays of the declared shapes', () => {
    const g = new GraphBuilder();
    const a = g.input([2, 3]);
    const b = g.input([3]);
    g.output(g.op('Mul', [a, b]), [2, 3]);
    g.output(g.op('ReduceSum', [a, g.ints([1])], { keepdims: 0 }), [2]);
    g.output(g.op('Greater', [a, b]), [2, 3], 'bool');
    const s = new OrtSession(loadOrt(), g.build(), { threads: 1 });
    assert.deepEqual(s.inputNames, ['x0', 'x1']);
    assert.deepEqual(s.outputNames, ['y0', 'y1', 'y2']);
    // No await: the results are there when run() returns.
    const [y0, y1, y2] = s.run({ x0: s.tensor(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]), x1: s.tensor(Float32Array.from([10, 0, -1]), [3]) }, 3);
    assert.ok(y0.data instanceof Float32Array);
    assert.deepEqual([...y0.data], [10, 0, -3, 40, 0, -6]);
    assert.deepEqual([...y0.dims], [2, 3]);
    assert.deepEqual([...y1.data], [6, 15]);
    assert.ok(y2.data instanceof Uint8Array, 'bool outputs come back as Uint8Array, as tfjs stores them');
    assert.deepEqual([...y2.data], [0, 1, 1, 0, 1, 1]);
    s.dispose();
  });

  it('reports a malformed graph with onnxruntime\'s message', () => {
    const g = new GraphBuilder();
    g.output(g.op('NoSuchOp', [g.input([2])]), [2]);
    assert.throws(() => new OrtSession(loadOrt(), g.build(), { threads: 1 }), /NoSuchOp/);
  });

  it('registers the onnx backend with every cpu kernel plus its own', async () => {
    const r = registerOnnxBackend({ threads: 2 });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    const names = new Set(getKernelsForBackend('onnx').map((k) => k.kernelName));
    for (const k of getKernelsForBackend('cpu')) assert.ok(names.has(k.kernelName), `cpu kernel ${k.kernelName} missing on onnx`);
    for (const k of ONNX_KERNEL_NAMES) assert.ok(names.has(k), `onnx kernel ${k} missing`);
    await tf.setBackend('onnx');
    assert.equal((tf.backend() as OnnxBackend).threads, 2);
    registerOnnxBackend({ threads: 1 });
    await tf.setBackend('onnx');
    assert.equal((tf.backend() as OnnxBackend).threads, 1);
  });

  it('rejects a bad thread count with a reason', () => {
    const r = registerOnnxBackend({ threads: 0 });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /threads/);
  });
});
