/** Starts a bundle worker for one export and stops it afterwards: exports are rare. */
import * as Comlink from 'comlink';
import { tableBuffers, type Table } from '../core/data/table';
import type { BundleApi, ExportRequest } from '../workers/bundle.worker';

export async function buildBundleZip(request: ExportRequest, table: Table): Promise<Uint8Array> {
  const worker = new Worker(new URL('../workers/bundle.worker.ts', import.meta.url), { type: 'module', name: 'bundle' });
  const api = Comlink.wrap<BundleApi>(worker);
  try {
    return await api.exportZip(request, Comlink.transfer(table, tableBuffers(table)));
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}
