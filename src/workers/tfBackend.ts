/**
 * Chooses the TensorFlow.js backend for this worker. The WASM backend is several times
 * faster than plain JS on machines without a GPU; its binaries are bundled (never fetched
 * from a CDN) and it falls back to the CPU backend when WebAssembly cannot start.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type BackendName = 'wasm' | 'cpu';

export interface BackendChoice {
  name: BackendName;
  reason: string;
}

let choice: Promise<BackendChoice> | null = null;

export function chooseBackend(preferred?: BackendName): Promise<BackendChoice> {
  if (!choice || preferred) choice = select(preferred);
  return choice;
}

async function select(preferred?: BackendName): Promise<BackendChoice> {
  if (preferred === 'cpu') {
    await tf.setBackend('cpu');
    return { name: 'cpu', reason: 'chosen by you' };
  }
  try {
    setWasmPaths({
      'tfjs-backend-wasm.wasm': absolute(wasmUrl),
      'tfjs-backend-wasm-simd.wasm': absolute(wasmSimdUrl),
      'tfjs-backend-wasm-threaded-simd.wasm': absolute(wasmThreadedUrl),
    });
    // The threaded build's pthread workers do not start from a bundled ES-module worker
    // (they reference a global the bundle renames), so the SIMD single-threaded build is used.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return { name: 'wasm', reason: 'WebAssembly with SIMD: several times faster than plain JavaScript on machines without a GPU' };
    }
  } catch {
    // fall through to the CPU backend below
  }
  await tf.setBackend('cpu');
  return { name: 'cpu', reason: 'WebAssembly could not start here, so plain JavaScript is used' };
}

function absolute(url: string): string {
  return new URL(url, self.location.href).href;
}
