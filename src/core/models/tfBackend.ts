/**
 * Makes sure TensorFlow.js has a backend before training. Hosts that care (the web worker picks
 * WASM) set theirs first; anywhere else (Node CLI, tests) this settles on the pure-JS 'cpu'
 * backend instead of letting tfjs probe WebGL, which does not exist there.
 *
 * It also watches the WebGL context the trainers compute on. A lost context (a driver reset, a
 * GPU out of memory, the browser reclaiming it) does not make tfjs throw: reads come back as
 * zeros or leftovers and "you simply keep on training garbage" (tfjs #756). So the trainers call
 * `assertBackendIntact` after every read of the GPU and stop the fit with BackendLostError.
 */
import * as tf from '@tensorflow/tfjs';

export async function ensureTfBackend(): Promise<string> {
  if (!tf.engine().backendName) {
    await tf.setBackend('cpu');
    if (tf.env().getBool('IS_NODE')) {
      // The cpu backend prints a "install tfjs-node" banner on first use in Node; the CLI's
      // stderr is reserved for one-sentence errors, so mark the banner as already shown.
      (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
    }
  }
  await tf.ready();
  return tf.getBackend();
}

/** The GPU's context went away during a fit: every number computed since is untrustworthy. */
export class BackendLostError extends Error {
  constructor(readonly epoch: number) {
    super(`GPU context lost at epoch ${epoch}.`);
    this.name = 'BackendLostError';
  }
}

/** By name, not `instanceof`: the trainers are loaded as separate chunks, which may carry their own copy of this module. */
export function isBackendLost(error: unknown): error is BackendLostError {
  return error instanceof Error && error.name === 'BackendLostError' && typeof (error as BackendLostError).epoch === 'number';
}

/** The parts of a WebGL context (tfjs's `MathBackendWebGL.gpgpu.gl`) this module touches. */
interface WatchedContext {
  isContextLost(): boolean;
  canvas?: { addEventListener?(type: string, listener: () => void): void } | null;
}

/** Contexts that reported `webglcontextlost`: lost for good, even after the browser restores them. */
const lostContexts = new WeakSet<object>();
const watchedContexts = new WeakSet<object>();

/** The WebGL context of a tfjs backend, or null for backends without one (wasm, cpu, webgpu). */
export function webglContextOf(backend: unknown): WatchedContext | null {
  const gl = (backend as { gpgpu?: { gl?: unknown } } | null)?.gpgpu?.gl as WatchedContext | undefined;
  return gl && typeof gl.isContextLost === 'function' ? gl : null;
}

/**
 * Whether `backend`'s WebGL context is lost. The event listener matters as much as the poll: when
 * the page asks to keep a lost context (tfjs does), the browser may restore it before the next
 * poll, but tfjs's textures and programs died with the old one, so a restored context is no use.
 */
export function webglContextLost(backend: unknown): boolean {
  const gl = webglContextOf(backend);
  if (!gl) return false;
  if (!watchedContexts.has(gl)) {
    watchedContexts.add(gl);
    gl.canvas?.addEventListener?.('webglcontextlost', () => lostContexts.add(gl));
  }
  return lostContexts.has(gl) || gl.isContextLost();
}

/** Starts listening for the loss of the active backend's context (worker start-up calls it). */
export function watchBackendContext(): void {
  webglContextLost(activeBackend());
}

/** Throws BackendLostError when the active backend's WebGL context has been lost. */
export function assertBackendIntact(epoch: number): void {
  if (webglContextLost(activeBackend())) throw new BackendLostError(epoch);
}

/** The active backend without `tf.backend()`'s side effects (it would start one when none is set). */
function activeBackend(): unknown {
  return (tf.engine() as unknown as { backendInstance?: unknown }).backendInstance ?? null;
}

/**
 * Runs a training step or a read of the GPU; its result counts only if the context survived it.
 * A lost context can also surface as tfjs's own error ("Unable to create WebGLTexture"), which
 * then becomes BackendLostError too.
 */
export function onIntactBackend<T>(epoch: number, work: () => T): T {
  let value: T;
  try {
    value = work();
  } catch (error) {
    assertBackendIntact(epoch);
    throw error;
  }
  assertBackendIntact(epoch);
  return value;
}
