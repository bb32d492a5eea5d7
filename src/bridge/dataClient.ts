/** The page's one data worker, started lazily and kept for the page's life. */
import * as Comlink from 'comlink';
import type { DataApi } from '../workers/data.worker';
import { tableBuffers } from '../core/data/table';

let remote: Comlink.Remote<DataApi> | null = null;

export function dataWorker(): Comlink.Remote<DataApi> {
  if (!remote) {
    const worker = new Worker(new URL('../workers/data.worker.ts', import.meta.url), { type: 'module', name: 'data' });
    remote = Comlink.wrap<DataApi>(worker);
  }
  return remote;
}

/** Hands a freshly read table (by transfer) and its file (a Blob, by reference) to the data worker. */
export function adoptDataset(
  table: import('../core/data/table').Table,
  file: Blob,
  options: Omit<import('../core/data/readCsv').ReadOptions, 'onProgress'>,
) {
  return dataWorker().setDataset(Comlink.transfer(table, tableBuffers(table)), file, options);
}
