/**
 * Fault injection for the end-to-end tests (reliability notes T1: WebGL context loss), inert in
 * normal use. It acts only when a test has set `self.__studioTestFaults` inside a training
 * worker, which Playwright does with `worker.evaluate`: a worker's global scope is out of reach of
 * every page script, URL and stored setting, so nothing a person or a page does can trigger it.
 */
import * as tf from '@tensorflow/tfjs';

export interface TestFaults {
  /** Lose the WebGL context once, when `model` reports epoch `epoch` (of any fit: fold or hold-out). */
  loseWebglContext?: { model: string; epoch: number };
  /** Set by the hook: the epoch at which it lost the context. */
  lostAtEpoch?: number;
}

/** Called as each epoch of `model` is reported, on whatever backend is active. */
export function injectTestFaults(model: string, epoch: number): void {
  const faults = (self as unknown as { __studioTestFaults?: TestFaults }).__studioTestFaults;
  const lose = faults?.loseWebglContext;
  if (!faults || !lose || lose.model !== model || lose.epoch !== epoch || tf.getBackend() !== 'webgl') return;
  // tfjs's MathBackendWebGL keeps its context at `.gpgpu.gl` (on an OffscreenCanvas in a worker).
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext } }).gpgpu?.gl;
  const extension = gl?.getExtension('WEBGL_lose_context');
  if (!extension) return;
  delete faults.loseWebglContext;
  faults.lostAtEpoch = epoch;
  extension.loseContext();
}
