/** The page's one prediction worker, started when the person first predicts and kept for the page's life. */
import * as Comlink from 'comlink';
import type { PredictApi } from '../workers/predict.worker';

let remote: Comlink.Remote<PredictApi> | null = null;

export function predictWorker(): Comlink.Remote<PredictApi> {
  if (!remote) {
    const worker = new Worker(new URL('../workers/predict.worker.ts', import.meta.url), { type: 'module', name: 'predict' });
    remote = Comlink.wrap<PredictApi>(worker);
  }
  return remote;
}

/** Hands bundle bytes to the worker by transfer (the caller's copy is emptied). */
export function loadBundleZip(zip: Uint8Array, fileName: string) {
  return predictWorker().load(Comlink.transfer(zip, [zip.buffer as ArrayBuffer]), fileName);
}
