import assert from 'node:assert/strict';
import { ADAM_UPDATE } from '../../kernel-lib/src/backend/fused-kernels';
import { MIN_ORT_ELEMENTS } from '../../kernel-lib/src/backend/onnx/kernels/elementwise';
import { Adam } from '../../kernel-lib/src/training/adam';
import type { OnnxBackend } from '../../kernel-lib/src/backend/onnx';
import { tf, useOnnx, values } from './onnx-support';

/** A variable above the size at which the update runs on onnxruntime, one below, one scalar-like. */
const SHAPES = [[3, 9, 13, 17], [5, 7, 11], [1]];
const STEPS = 4;

/** Every state tensor (p, m, v per variable) after STEPS Adam steps on `backend`, and the graph kinds run. */
async function run(backend: string, beta1: number): Promise<{ state: Float32Array[]; kinds: Set<string>; calls: number }> {
  await tf.setBackend(backend);
  const be = tf.backend() as OnnxBackend;
  if (backend === 'onnx') be.profile = new Map();
  const before = tf.memory().numTensors;
  const vars = tf.tidy(() => SHAPES.map((s, i) => tf.variable(tf.tensor(values(s, `p${i}`), s), true, `adam_${backend}_${beta1}_${i}_${Date.now()}`)));
  const opt = new Adam(vars, { learningRate: 0.01, beta1, beta2: 0.99 });
  let calls = 0;
  const count = (info: { kernels: { name: string }[] }) => (calls += info.kernels.filter((k) => k.name === ADAM_UPDATE).length);
  for (let t = 0; t < STEPS; t++) {
    const grads = Object.fromEntries(
      vars.map((v, i) => {
        const g = values(v.shape, `g${t}_${i}`);
        if (t === 0) g.fill(0, 0, 3); // zero gradients: v' = 0, the denominator is ε alone
        return [v.name, tf.tensor(g, v.shape)];
      }),
    );
    count(await tf.profile(() => opt.apply(grads)));
    tf.dispose(Object.values(grads));
  }
  const slots = [...opt.stateVariables('s').values()];
  const state = [...vars, ...slots].map((t) => t.dataSync().slice() as Float32Array);
  opt.dispose();
  tf.dispose(vars);
  assert.equal(tf.memory().numTensors, before, `${backend}: tensors leaked`);
  const kinds = new Set(backend === 'onnx' ? be.profile!.keys() : []);
  if (backend === 'onnx') be.profile = null;
  return { state, kinds, calls };
}

describe('backend/onnx: fused Adam update against the composition on the cpu backend', () => {
  before(() => {
    useOnnx();
    assert.ok(SHAPES[0].reduce((a, b) => a * b) >= MIN_ORT_ELEMENTS && SHAPES[1].reduce((a, b) => a * b) < MIN_ORT_ELEMENTS);
  });
  after(() => tf.setBackend('cpu'));

  for (const beta1 of [0.5, 0.9, 0]) {
    it(`equals the composition bit for bit over ${STEPS} steps (β1 ${beta1})`, async () => {
      const cpu = await run('cpu', beta1);
      const onnx = await run('onnx', beta1);
      assert.equal(cpu.calls, 0);
      assert.equal(onnx.calls, STEPS * SHAPES.length, 'the fused kernel did not run once per variable and step');
      assert.ok(onnx.kinds.has('AdamUpdate'), `the large variable did not go to onnxruntime (ran: ${[...onnx.kinds]})`);
      cpu.state.forEach((s, i) => assert.deepEqual(onnx.state[i], s, `state tensor ${i} differs`));
    });
  }
});
