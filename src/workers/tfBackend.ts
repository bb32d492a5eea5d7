/**
 * Chooses the TensorFlow.js backend of a training worker. On "auto" a short benchmark (a 256 x 256
 * matrix product) runs on every backend this browser can start (WebGPU, WebGL, WebAssembly,
 * plain JavaScript) and the fastest wins: on a machine without a GPU that is WebAssembly, several
 * times faster than WebGL's software rendering; with a GPU, WebGL or WebGPU. The person can
 * override the choice. The WebAssembly binaries are bundled (never fetched from a CDN); WebGPU's
 * code is loaded only where the browser has WebGPU.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { watchBackendContext } from '../core/models/tfBackend';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';

/** In the order they are tried; the fallback order after a failure too. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendMeasure {
  name: BackendName;
  /** Milliseconds per 256 x 256 matrix product; absent when the backend could not start. */
  ms?: number;
  /** Why it could not start. */
  error?: string;
}

export interface BackendChoice {
  name: BackendName;
  reason: string;
  /** The benchmark behind an automatic choice. */
  measures?: BackendMeasure[];
  /**
   * On one model's run only: the sentence telling the person that its GPU backend failed
   * mid-run and another one trained it (e.g. "GPU context lost at epoch 3 ...").
   */
  notice?: string;
}

const START_TIMEOUT_MS = 15_000;
const BENCH_SIZE = 256;
const BENCH_REPEATS = 4;

/** Uses `preference`, or on "auto" the fastest backend; falls back in BACKEND_NAMES order when one cannot start. */
export async function chooseBackend(preference: BackendPreference = 'auto'): Promise<BackendChoice> {
  if (preference === 'auto') return probeBackends();
  const error = await activate(preference, true);
  if (!error) return { name: preference, reason: 'chosen by you' };
  const fallback = await firstWorking(BACKEND_NAMES.filter((b) => b !== preference));
  return { name: fallback, reason: `${preference} could not start here (${error}), so ${fallback} is used` };
}

/** Times every backend that starts and keeps the fastest active. */
export async function probeBackends(): Promise<BackendChoice> {
  const measures: BackendMeasure[] = [];
  for (const name of BACKEND_NAMES) {
    const error = await activate(name);
    if (error) {
      measures.push({ name, error });
      continue;
    }
    try {
      measures.push({ name, ms: await benchmark() });
    } catch (e) {
      measures.push({ name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  const timed = measures.filter((m) => m.ms !== undefined).sort((a, b) => a.ms! - b.ms!);
  const best = timed[0]?.name ?? 'cpu';
  await activate(best);
  const summary = measures.map((m) => (m.ms !== undefined ? `${m.name} ${m.ms.toFixed(1)} ms` : `${m.name} unavailable (${m.error})`)).join(', ');
  return { name: best, reason: `fastest in a short benchmark here: ${summary}`, measures };
}

/** The backend in use, after `fallBackFrom` failed during training (e.g. a lost WebGL context). */
export async function fallBackFrom(failed: BackendName, why: string): Promise<BackendChoice> {
  const name = await firstWorking(BACKEND_NAMES.filter((b) => b !== failed && b !== 'webgpu' && b !== 'webgl'));
  return { name, reason: `${failed} failed during training (${why.replace(/\.$/, '')}), so training went on with ${name}` };
}

async function firstWorking(names: readonly BackendName[]): Promise<BackendName> {
  for (const name of names) if (!(await activate(name))) return name;
  return 'cpu';
}

/**
 * Makes `name` the active backend; returns why it could not start, or null. `chosen`: the person
 * (or an earlier benchmark) picked it, so WebGL may run in software: tfjs refuses a software
 * renderer (SwiftShader, a GPU on the browser's blocklist) unless SOFTWARE_WEBGL_ENABLED is set,
 * and falling back to another backend would ignore the choice. "Auto" still only takes software
 * WebGL when it wins the benchmark, which it rarely does against WebAssembly.
 */
async function activate(name: BackendName, chosen = false): Promise<string | null> {
  try {
    if (name === 'webgl' && chosen) tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
    const started = await withTimeout(start(name), START_TIMEOUT_MS);
    if (!started) return 'it did not initialise';
    await tf.ready();
    // From now on a lost WebGL context is noticed even between two checks of the trainers.
    watchBackendContext();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function start(name: BackendName): Promise<boolean> {
  switch (name) {
    case 'webgpu':
      if (!('gpu' in navigator) || !navigator.gpu) throw new Error('this browser has no WebGPU');
      await import('@tensorflow/tfjs-backend-webgpu');
      return tf.setBackend('webgpu');
    case 'webgl':
      if (typeof OffscreenCanvas === 'undefined') throw new Error('no OffscreenCanvas in workers');
      return tf.setBackend('webgl');
    case 'wasm':
      setWasmPaths({
        'tfjs-backend-wasm.wasm': absolute(wasmUrl),
        'tfjs-backend-wasm-simd.wasm': absolute(wasmSimdUrl),
        'tfjs-backend-wasm-threaded-simd.wasm': absolute(wasmThreadedUrl),
      });
      // The threaded build's pthread workers do not start from a bundled ES-module worker
      // (they reference a global the bundle renames), so the SIMD single-threaded build is used.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      return tf.setBackend('wasm');
    case 'cpu':
      return tf.setBackend('cpu');
  }
}

/** Milliseconds per matrix product, after one warm-up (shader compilation is not counted). */
async function benchmark(): Promise<number> {
  const a = tf.randomUniform([BENCH_SIZE, BENCH_SIZE], -1, 1, 'float32', 1);
  const b = tf.randomUniform([BENCH_SIZE, BENCH_SIZE], -1, 1, 'float32', 2);
  try {
    const warm = tf.matMul(a, b);
    await warm.data();
    warm.dispose();
    const started = performance.now();
    for (let i = 0; i < BENCH_REPEATS; i++) {
      const c = tf.matMul(a, b);
      const values = await c.data();
      c.dispose();
      if (!Number.isFinite(values[0])) throw new Error('it computed a non-finite product');
    }
    return (performance.now() - started) / BENCH_REPEATS;
  } finally {
    a.dispose();
    b.dispose();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`it did not start within ${ms / 1000} s`)), ms))]);
}

function absolute(url: string): string {
  return new URL(url, self.location.href).href;
}
