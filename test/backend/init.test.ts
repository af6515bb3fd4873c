/** backend.init(): which backend runs, why the better ones were not taken, SYNTHLAB_BACKEND. */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { BACKEND_NAMES, describeBackend, init, selectBackend } from '../../kernel-lib/src/backend';

const installed = (pkg: string) => {
  try {
    createRequire(__filename).resolve(pkg);
    return true;
  } catch {
    return false;
  }
};

describe('backend.init', function () {
  this.timeout(60_000);
  let previous = '';
  before(() => {
    previous = tf.getBackend() ?? '';
  });
  after(async () => {
    await tf.setBackend(previous || 'cpu');
  });

  it('SYNTHLAB_BACKEND=cpu forces the cpu backend and says so for every better candidate', async () => {
    const info = await selectBackend({}, { SYNTHLAB_BACKEND: 'cpu' });
    assert.equal(info.name, 'cpu');
    assert.equal(info.tfBackend, 'cpu');
    assert.equal(tf.getBackend(), 'cpu');
    assert.match(info.why, /SYNTHLAB_BACKEND=cpu/);
    assert.deepEqual(info.notTaken.map((t) => t.name), BACKEND_NAMES.slice(0, -1));
    for (const t of info.notTaken) assert.match(t.reason, /not tried: SYNTHLAB_BACKEND=cpu/);
  });

  it('reads SYNTHLAB_BACKEND from the process environment by default', async () => {
    const saved = process.env.SYNTHLAB_BACKEND;
    process.env.SYNTHLAB_BACKEND = 'cpu';
    try {
      assert.equal((await selectBackend({ prefer: 'wasm' })).name, 'cpu', 'the variable beats prefer');
    } finally {
      if (saved === undefined) delete process.env.SYNTHLAB_BACKEND;
      else process.env.SYNTHLAB_BACKEND = saved;
    }
  });

  it('SYNTHLAB_BACKEND=wasm forces wasm, with the training kernels registered', async () => {
    const info = await selectBackend({}, { SYNTHLAB_BACKEND: ' wasm ' });
    assert.equal(info.tfBackend, 'wasm');
    assert.ok(tf.getKernel('Conv2DBackpropFilter', 'wasm'), 'Conv2DBackpropFilter registered on wasm');
    assert.equal(info.threads, 1);
  });

  it('an unknown SYNTHLAB_BACKEND or prefer is an error listing the valid names', async () => {
    await assert.rejects(selectBackend({}, { SYNTHLAB_BACKEND: 'gpu' }),
      (e: Error) => /SYNTHLAB_BACKEND='gpu'/.test(e.message) && BACKEND_NAMES.every((n) => e.message.includes(n)));
    await assert.rejects(selectBackend({ prefer: 'webgl' as never }, {}), /prefer.*'webgl'.*valid names: tfjs-node-gpu, tfjs-node, onnx, wasm, cpu/);
  });

  it('forcing a backend that cannot run here fails with its reason instead of falling back', async function () {
    if (installed('@tensorflow/tfjs-node')) this.skip(); // only meaningful where it is absent
    await assert.rejects(selectBackend({}, { SYNTHLAB_BACKEND: 'tfjs-node' }),
      /SYNTHLAB_BACKEND=tfjs-node: not installed \(optional dependency; its install downloads libtensorflow\)/);
  });

  it('prefer tries that one first and lists the better ones as not tried', async () => {
    const info = await selectBackend({ prefer: 'cpu' }, {});
    assert.equal(info.name, 'cpu');
    assert.match(info.why, /preferred/);
    assert.deepEqual(info.notTaken.map((t) => t.name), ['tfjs-node-gpu', 'tfjs-node', 'onnx', 'wasm']);
    for (const t of info.notTaken) assert.match(t.reason, /not tried: prefer 'cpu'/);
  });

  it('init() takes the best that runs, gives a reason for each better one, and is idempotent', async () => {
    const a = await init({ quiet: true });
    const rank = BACKEND_NAMES.indexOf(a.name);
    assert.ok(rank >= 0);
    assert.deepEqual(a.notTaken.map((t) => t.name), BACKEND_NAMES.slice(0, rank));
    for (const t of a.notTaken) {
      assert.ok(t.reason.length > 10, `${t.name} has a reason`);
      if (!process.env.SYNTHLAB_BACKEND && t.name.startsWith('tfjs-node') && !installed(`@tensorflow/${t.name}`)) {
        assert.equal(t.reason, 'not installed (optional dependency; its install downloads libtensorflow)');
      }
    }
    const forced = process.env.SYNTHLAB_BACKEND?.trim();
    if (forced) assert.equal(a.name, forced);
    // Without libtensorflow a CPU training backend runs: onnx or wasm, never the slow cpu one.
    else if (!installed('@tensorflow/tfjs-node')) assert.ok(a.name === 'onnx' || a.name === 'wasm', `got ${a.name}`);
    await tf.setBackend('cpu');
    const b = await init();
    assert.equal(b, a, 'second call returns the same info');
    assert.equal(tf.getBackend(), a.tfBackend, 'and makes that backend active again');
  });

  it('describeBackend is one line naming the backend and each reason', async () => {
    const info = await selectBackend({ prefer: 'cpu' }, {});
    const line = describeBackend(info);
    assert.equal(line.split('\n').length, 1);
    assert.match(line, /tensor backend 'cpu'/);
    for (const t of info.notTaken) assert.ok(line.includes(`${t.name}: ${t.reason}`));
  });
});
