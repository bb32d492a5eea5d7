/**
 * Starts a fresh ingest worker per file. Cancelling terminates it: the reader is
 * synchronous inside the worker, and termination is the only stop that always works.
 */
import * as Comlink from 'comlink';
import type { IngestApi } from '../workers/ingest.worker';
import type { IngestOutcome } from '../workers/ingestOutcome';
import type { ReadOptions } from '../core/data/readCsv';
import type { SampleRequest, StoredSample } from '../core/data/sampleCsv';
import { workerFailure } from './workerFailure';

export interface IngestJob {
  outcome: Promise<IngestOutcome | { ok: false; cancelled: true }>;
  cancel(): void;
}

/** How to read: the whole file, a random sample streamed from it, or a sample kept in the browser (`file` is then its CSV). */
export type IngestMode = { whole: true } | { sample: SampleRequest } | { stored: StoredSample };

export function startIngest(
  file: Blob,
  options: Omit<ReadOptions, 'onProgress'>,
  onProgress: (fraction: number) => void,
  mode: IngestMode = { whole: true },
): IngestJob {
  const worker = new Worker(new URL('../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' });
  const api = Comlink.wrap<IngestApi>(worker);
  let cancel: () => void = () => undefined;
  const cancelled = new Promise<{ ok: false; cancelled: true }>((resolve) => {
    cancel = () => resolve({ ok: false, cancelled: true });
  });
  const work =
    'sample' in mode
      ? api.sample(file, options, mode.sample, Comlink.proxy(onProgress))
      : 'stored' in mode
        ? api.readStoredSample(file, options, mode.stored)
        : api.read(file, options, Comlink.proxy(onProgress));
  const crashed = workerFailure(worker).then(
    (reason): IngestOutcome => ({
      ok: false,
      issue: { severity: 'error', code: 'worker-crash', message: `Reading "${options.fileName}" failed inside the browser: ${reason || 'the reader stopped'}. Nothing was imported.` },
    }),
  );
  const outcome = Promise.race([work, crashed, cancelled]).finally(() => {
    api[Comlink.releaseProxy]();
    worker.terminate();
  });
  return { outcome, cancel };
}
