/**
 * Context-loss detection (reliability notes T1): a lost WebGL context is noticed by poll and by
 * event, turns the fit's next check into "GPU context lost at epoch N", and the trainers stop
 * there instead of going on with garbage. Node has no WebGL, so the active cpu backend is given a
 * stand-in context with the two members the detection reads (`isContextLost`, the canvas's
 * `webglcontextlost` event), shaped as tfjs's MathBackendWebGL holds it (`gpgpu.gl`).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBackendIntact, BackendLostError, ensureTfBackend, isBackendLost, onIntactBackend, webglContextLost } from './tfBackend';
import { trainDense } from './trainDense';
import { trainNetwork } from './trainNetwork';

/** A context that can be lost (`lose`) and restored, with a canvas that fires `webglcontextlost`. */
function fakeContext() {
  let lost = false;
  const listeners: (() => void)[] = [];
  const gl = {
    isContextLost: () => lost,
    canvas: { addEventListener: (type: string, listener: () => void) => type === 'webglcontextlost' && listeners.push(listener) },
  };
  return {
    backend: { gpgpu: { gl } },
    gl,
    lose(event = true) {
      lost = true;
      if (event) listeners.forEach((l) => l());
    },
    restore() {
      lost = false;
    },
  };
}

type Patched = { gpgpu?: unknown };

beforeAll(async () => {
  await ensureTfBackend();
});

afterEach(() => {
  delete (tf.backend() as unknown as Patched).gpgpu;
});

describe('webglContextLost', () => {
  it('is false for backends without a WebGL context', () => {
    expect(webglContextLost(null)).toBe(false);
    expect(webglContextLost(tf.backend())).toBe(false);
    expect(webglContextLost({ gpgpu: {} })).toBe(false);
  });

  it('sees a lost context by poll', () => {
    const fake = fakeContext();
    expect(webglContextLost(fake.backend)).toBe(false);
    fake.lose(false);
    expect(webglContextLost(fake.backend)).toBe(true);
  });

  it('remembers a loss reported by event after the browser restored the context', () => {
    const fake = fakeContext();
    expect(webglContextLost(fake.backend)).toBe(false); // starts listening
    fake.lose();
    fake.restore();
    expect(fake.gl.isContextLost()).toBe(false);
    expect(webglContextLost(fake.backend)).toBe(true);
  });
});

describe('onIntactBackend', () => {
  it('passes results and errors through while the context is intact', () => {
    (tf.backend() as unknown as Patched).gpgpu = fakeContext().backend.gpgpu;
    expect(onIntactBackend(1, () => 42)).toBe(42);
    expect(() => onIntactBackend(1, () => { throw new Error('a real bug'); })).toThrow('a real bug');
  });

  it('turns a result read after the loss, and tfjs\'s own error about it, into BackendLostError', () => {
    const fake = fakeContext();
    (tf.backend() as unknown as Patched).gpgpu = fake.backend.gpgpu;
    expect(() => onIntactBackend(4, () => (fake.lose(), 0))).toThrow(new BackendLostError(4));
    expect(() => onIntactBackend(5, () => { throw new Error('Unable to create WebGLTexture.'); })).toThrow('GPU context lost at epoch 5.');
    expect(() => assertBackendIntact(6)).toThrow('GPU context lost at epoch 6.');
  });

  it('is recognised by name, as the worker does across chunks', () => {
    expect(isBackendLost(new BackendLostError(3))).toBe(true);
    expect(isBackendLost(Object.assign(new Error('GPU context lost at epoch 3.'), { name: 'BackendLostError', epoch: 3 }))).toBe(true);
    expect(isBackendLost(new Error('GPU context lost at epoch 3.'))).toBe(false);
  });
});

describe('the trainers stop at the epoch the context was lost', () => {
  const rows = 120;
  const X = Float32Array.from({ length: rows * 2 }, (_, i) => Math.sin(i * 1.3));
  const classes = Int32Array.from({ length: rows }, (_, r) => (X[r * 2] > 0 ? 1 : 0));
  const targets = Float32Array.from({ length: rows * 2 }, (_, i) => (classes[i >> 1] === (i & 1) ? 1 : 0));

  it('trainNetwork: lost while epoch 3 is reported, the fit ends with "GPU context lost at epoch 3"', async () => {
    const fake = fakeContext();
    (tf.backend() as unknown as Patched).gpgpu = fake.backend.gpgpu;
    const epochs: number[] = [];
    const config = { hidden: [8], activation: 'relu' as const, dropout: 0, batchNorm: false, epochs: 20, learningRate: 0.01, batchSize: 32, l2: 0, patience: 50, validationFraction: 0 };
    const before = tf.memory().numTensors;
    const fit = trainNetwork({ X, rows, cols: 2, targets, outputs: 2, loss: 'softmax' }, config, {
      seed: 1,
      onProgress: (p) => {
        epochs.push(p.epoch);
        if (p.epoch === 3) fake.lose();
      },
    });
    await expect(fit).rejects.toThrow('GPU context lost at epoch 3.');
    await expect(fit).rejects.toSatisfy(isBackendLost);
    // No epoch ran on the lost context, and the fit's tensors were released.
    expect(epochs).toEqual([1, 2, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trainDense: lost mid-epoch (by poll only), the next step stops the fit at that epoch', async () => {
    const fake = fakeContext();
    (tf.backend() as unknown as Patched).gpgpu = fake.backend.gpgpu;
    const epochs: number[] = [];
    const params = { epochs: 20, learningRate: 0.05, batchSize: 16, l1: 0, l2: 0, patience: 50, validationFraction: 0 };
    // Each of the 8 steps of an epoch polls twice (after the step, after reading its loss), and
    // the epoch's end once: the 26th poll falls in the 5th step of epoch 2.
    let polls = 0;
    const isContextLost = fake.gl.isContextLost;
    fake.gl.isContextLost = () => {
      if (++polls === 17 + 9) fake.lose(false);
      return isContextLost();
    };
    const fit = trainDense({ X, rows, cols: 2, targets, outputs: 2, loss: 'softmax' }, params, { seed: 1, onProgress: (p) => epochs.push(p.epoch) });
    await expect(fit).rejects.toThrow('GPU context lost at epoch 2.');
    expect(epochs).toEqual([1]);
  });
});
