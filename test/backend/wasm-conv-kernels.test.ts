/**
 * Synthlab's wasm conv kernels against the cpu backend: the kernels directly (forward) and through
 * tf.grads (the gradients that use them), over strides 1/2/3, 'same'/'valid', odd sizes, batch 1.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { assertSameOnWasm, normal, probe, t4, useWasmAndCpu } from './wasm-support';
import { conv2DBackpropFilterConfig } from '../../kernel-lib/src/backend/wasm/kernels/Conv2DBackpropFilter';
import { conv2DBackpropInputConfig } from '../../kernel-lib/src/backend/wasm/kernels/Conv2DBackpropInput';
import { depthwiseConv2dNativeBackpropFilterConfig } from '../../kernel-lib/src/backend/wasm/kernels/DepthwiseConv2dNativeBackpropFilter';
import { depthwiseConv2dNativeBackpropInputConfig } from '../../kernel-lib/src/backend/wasm/kernels/DepthwiseConv2dNativeBackpropInput';
import { notProvided } from '../../kernel-lib/src/backend/wasm/kernels';

interface Case { n: number; h: number; w: number; k: number; s: number; pad: 'same' | 'valid'; cin: number; cout: number }

// Odd and even sizes, kernels smaller than, equal to and larger than the stride, batch 1 and 2.
const cases: Case[] = [];
for (const s of [1, 2, 3]) {
  for (const pad of ['same', 'valid'] as const) {
    cases.push({ n: 1, h: 7, w: 9, k: 3, s, pad, cin: 3, cout: 5 });
    cases.push({ n: 2, h: 10, w: 8, k: 4, s, pad, cin: 4, cout: 2 });
  }
}
cases.push({ n: 1, h: 9, w: 9, k: 1, s: 2, pad: 'same', cin: 2, cout: 3 });
// ≥ 16 input channels: Conv2DBackpropInput takes its one-conv-per-phase form.
for (const s of [2, 3]) {
  for (const pad of ['same', 'valid'] as const) cases.push({ n: 1, h: 9, w: 7, k: 4, s, pad, cin: 16, cout: 3 });
}
cases.push({ n: 2, h: 8, w: 8, k: 3, s: 2, pad: 'same', cin: 17, cout: 5 });
cases.push({ n: 2, h: 11, w: 6, k: 5, s: 2, pad: 'valid', cin: 3, cout: 4 });

const label = (c: Case) => `x [${c.n},${c.h},${c.w},${c.cin}] k${c.k} s${c.s} ${c.pad} -> ${c.cout}`;
const outSize = (c: Case, size: number) => (c.pad === 'same' ? Math.ceil(size / c.s) : Math.ceil((size - c.k + 1) / c.s));

describe('backend/wasm conv kernels vs cpu', function () {
  this.timeout(60_000);
  useWasmAndCpu();

  it('registers our kernels on wasm, replacing the stock Conv2DBackpropInput', () => {
    for (const k of [conv2DBackpropFilterConfig, conv2DBackpropInputConfig, depthwiseConv2dNativeBackpropFilterConfig, depthwiseConv2dNativeBackpropInputConfig]) {
      assert.equal(tf.getKernel(k.kernelName, 'wasm')?.kernelFunc, k.kernelFunc, k.kernelName);
    }
  });

  it('wasm lacks only the cpu kernels we decided not to provide', () => {
    const wasm = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
    const missing = tf.getKernelsForBackend('cpu').map((k) => k.kernelName).filter((k) => !wasm.has(k)).sort();
    assert.deepEqual(missing, Object.keys(notProvided).sort());
  });

  it('Conv2DBackpropFilter and Conv2DBackpropInput (direct kernel calls)', async () => {
    for (const c of cases) {
      const dyShape = [c.n, outSize(c, c.h), outSize(c, c.w), c.cout];
      const x = normal([c.n, c.h, c.w, c.cin], 1);
      const dy = normal(dyShape, 2);
      const w = normal([c.k, c.k, c.cin, c.cout], 3);
      const attrs = { strides: c.s, pad: c.pad, dataFormat: 'NHWC' };
      await assertSameOnWasm(`dW ${label(c)}`, () => [
        tf.engine().runKernel('Conv2DBackpropFilter', { x: t4(x), dy: t4(dy) }, { ...attrs, filterShape: [c.k, c.k, c.cin, c.cout] }) as tf.Tensor,
      ]);
      await assertSameOnWasm(`dx ${label(c)}`, () => [
        tf.engine().runKernel('Conv2DBackpropInput', { dy: t4(dy), filter: t4(w) }, { ...attrs, inputShape: [c.n, c.h, c.w, c.cin] }) as tf.Tensor,
      ]);
    }
  });

  it('gradients of conv2d and conv2dTranspose (x and filter)', async () => {
    for (const c of cases) {
      const x = normal([c.n, c.h, c.w, c.cin], 4);
      const w = normal([c.k, c.k, c.cin, c.cout], 5);
      await assertSameOnWasm(`grads conv2d ${label(c)}`, () =>
        tf.grads((a: tf.Tensor, b: tf.Tensor) => probe(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.s, c.pad), 6))([t4(x), t4(w)]));
      // conv2dTranspose maps dy-shaped input back to x's shape; its filter is [k, k, cin, cout] too.
      const y = normal([c.n, outSize(c, c.h), outSize(c, c.w), c.cout], 7);
      await assertSameOnWasm(`conv2dTranspose + grads ${label(c)}`, () => {
        const f = (a: tf.Tensor, b: tf.Tensor) => tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [c.n, c.h, c.w, c.cin], c.s, c.pad);
        return [f(t4(y), t4(w)), ...tf.grads((a: tf.Tensor, b: tf.Tensor) => probe(f(a, b), 8))([t4(y), t4(w)])];
      });
    }
  });

  it('depthwiseConv2d gradients (DepthwiseConv2dNativeBackpropFilter/Input), multipliers 1 and 2', async () => {
    for (const c of cases) {
      for (const m of [1, 2]) {
        const x = normal([c.n, c.h, c.w, c.cin], 9);
        const w = normal([c.k, c.k, c.cin, m], 10);
        await assertSameOnWasm(`grads depthwise ${label(c)} m${m}`, () =>
          tf.grads((a: tf.Tensor, b: tf.Tensor) => probe(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.s, c.pad), 11))([t4(x), t4(w)]));
      }
    }
  });

  it('separableConv2d gradients (depthwise then pointwise)', async () => {
    const x = normal([1, 9, 7, 3], 12);
    const dw = normal([3, 3, 3, 2], 13);
    const pw = normal([1, 1, 6, 4], 14);
    await assertSameOnWasm('separableConv2d', () =>
      tf.grads((a: tf.Tensor, b: tf.Tensor, p: tf.Tensor) =>
        probe(tf.separableConv2d(a as tf.Tensor4D, b as tf.Tensor4D, p as tf.Tensor4D, 2, 'same'), 15))([t4(x), t4(dw), t4(pw)]));
  });

  it('rejects dilated depthwise gradients and NCHW with a clear error', async () => {
    await tf.setBackend('wasm');
    const dy = tf.zeros([1, 4, 4, 2]);
    const w = tf.zeros([3, 3, 2, 1]);
    assert.throws(() => tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy, filter: w },
      { strides: 1, dilations: 2, pad: 'same', inputShape: [1, 4, 4, 2] }), /dilations must be 1/);
    assert.throws(() => tf.engine().runKernel('Conv2DBackpropFilter', { x: dy, dy },
      { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [1, 1, 2, 2] }), /NHWC/);
    tf.dispose([dy, w]);
  });
});
