/** Starts a project worker for one export or import and stops it afterwards. */
import * as Comlink from 'comlink';
import type { ProjectApi } from '../workers/project.worker';

export async function withProjectWorker<T>(use: (api: Comlink.Remote<ProjectApi>) => Promise<T>): Promise<T> {
  const worker = new Worker(new URL('../workers/project.worker.ts', import.meta.url), { type: 'module', name: 'project' });
  const api = Comlink.wrap<ProjectApi>(worker);
  try {
    return await use(api);
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}
