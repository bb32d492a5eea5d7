/**
 * Makes sure TensorFlow.js has a backend before training. Hosts that care (the web worker picks
 * WASM) set theirs first; anywhere else (Node CLI, tests) this settles on the pure-JS 'cpu'
 * backend instead of letting tfjs probe WebGL, which does not exist there.
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
