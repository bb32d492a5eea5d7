/**
 * Node's way to start the boosting fit's helper thread (see core/models/trees/kernelThread):
 * a worker_threads Worker running kernelThread.worker.ts. The CLI and the benchmarks register
 * it at start-up; the thread is unref'd so it never keeps the process alive.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { setKernelThreadSpawner, type KernelThreadInit } from '../core/models/trees/kernelThread';

/**
 * The CLI runs as TypeScript through tsx, whose loader a worker thread does not inherit, so the
 * thread registers it before importing its entry.
 */
const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./kernelThread.worker.ts', import.meta.url).href)}); })`;

/** Registers the helper when the machine has a second core for it. */
export function useNodeKernelThreads(): void {
  if (availableParallelism() < 2) return;
  setKernelThreadSpawner((init: KernelThreadInit) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: init });
    worker.unref();
    // A helper that fails only costs speed: the fit sums both halves itself when it is not ready.
    worker.on('error', () => undefined);
    return { terminate: () => void worker.terminate() };
  });
}
