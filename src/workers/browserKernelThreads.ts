/**
 * The browser's way to start the boosting fit's helper thread (see core/models/trees/kernelThread):
 * a module Worker nested in the training worker. It needs SharedArrayBuffer, so only a
 * cross-origin isolated page gets it; elsewhere fits run on one thread with the same results.
 * A nested worker ends with its parent, so stopping a run by terminating the training worker
 * stops its helper too.
 */
import { setKernelThreadSpawner, type KernelThreadInit } from '../core/models/trees/kernelThread';

export function useBrowserKernelThreads(): void {
  if (!globalThis.crossOriginIsolated || typeof Worker !== 'function' || (navigator.hardwareConcurrency ?? 1) < 2) return;
  setKernelThreadSpawner((init: KernelThreadInit) => {
    const worker = new Worker(new URL('./kernelThread.worker.ts', import.meta.url), { type: 'module', name: 'kernel-thread' });
    worker.postMessage(init);
    return { terminate: () => worker.terminate() };
  });
}
