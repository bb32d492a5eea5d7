/**
 * Reads one CSV off the main thread. One worker per import, so "Cancel" simply
 * terminates it and the dataset already loaded elsewhere is untouched.
 */
import * as Comlink from 'comlink';
import { readCsv, type ReadOptions } from '../core/data/readCsv';
import { ImportError } from '../core/data/importIssue';
import { tableBuffers } from '../core/data/table';
import type { IngestOutcome } from './ingestOutcome';
import { readInTwo } from './readInTwo';

const api = {
  /** Takes the file itself (a Blob is passed by reference), so the main thread never copies its bytes. */
  async read(file: Blob, options: Omit<ReadOptions, 'onProgress'>, onProgress?: (fraction: number) => void): Promise<IngestOutcome> {
    try {
      const readOptions = { ...options, onProgress };
      const inTwo = await readInTwo(file, readOptions);
      const result = inTwo ?? readCsv(new Uint8Array(await file.arrayBuffer()), readOptions);
      const outcome: IngestOutcome = { ok: true, result, threads: inTwo ? 2 : 1 };
      return Comlink.transfer(outcome, tableBuffers(result.table));
    } catch (error) {
      if (error instanceof ImportError) return { ok: false, issue: error.issue };
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        issue: { severity: 'error', code: 'internal', message: `"${options.fileName}" could not be read: ${message}` },
      };
    }
  },
};

export type IngestApi = typeof api;
Comlink.expose(api);
