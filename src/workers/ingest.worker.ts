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
import { CsvSampler, readSampledCsv, readStoredSample, storedSample, type CsvSample, type SampleOptions, type SampleRequest, type StoredSample } from '../core/data/sampleCsv';

/** Share of the progress bar spent streaming the file into a sample; reading the sample takes the rest. */
const STREAM_SHARE = 0.8;

const api = {
  /** Takes the file itself (a Blob is passed by reference), so the main thread never copies its bytes. */
  read(file: Blob, options: Omit<ReadOptions, 'onProgress'>, onProgress?: (fraction: number) => void): Promise<IngestOutcome> {
    return outcomeOf(options.fileName, async () => {
      const readOptions = { ...options, onProgress };
      const inTwo = await readInTwo(file, readOptions);
      const result = inTwo ?? readCsv(new Uint8Array(await file.arrayBuffer()), readOptions);
      return { ok: true, result, threads: inTwo ? 2 : 1 };
    });
  },

  /**
   * Streams the file and reads a random sample of its rows (sampleCsv): the file is never held
   * whole, so this works for files larger than the memory the page can spare.
   */
  sample(file: Blob, options: SampleOptions, request: SampleRequest, onProgress?: (fraction: number) => void): Promise<IngestOutcome> {
    return outcomeOf(options.fileName, async () => {
      const sampler = new CsvSampler(options, request);
      const reader = file.stream().getReader();
      let streamed = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        sampler.push(value);
        streamed += value.length;
        onProgress?.((STREAM_SHARE * streamed) / Math.max(1, file.size));
      }
      return sampledOutcome(sampler.finish(), request, { ...options, onProgress: (f) => onProgress?.(STREAM_SHARE + (1 - STREAM_SHARE) * f) });
    });
  },

  /** Reads a sample kept in the browser after an earlier sampled import, after a reload. */
  readStoredSample(csv: Blob, options: SampleOptions, stored: StoredSample): Promise<IngestOutcome> {
    return outcomeOf(options.fileName, async () => {
      const result = readStoredSample(new Uint8Array(await csv.arrayBuffer()), stored, options);
      return { ok: true, result, threads: 1, sample: { info: result.sample, stored, csv, origin: null } };
    });
  },
};

function sampledOutcome(sample: CsvSample, request: SampleRequest, options: ReadOptions): IngestOutcome {
  const result = readSampledCsv(sample, request, options);
  return { ok: true, result, threads: 1, sample: { info: result.sample, stored: storedSample(sample, request), csv: new Blob([sample.bytes as BlobPart]), origin: sample.origin } };
}

/** The outcome of reading, the table's buffers moved; an import error, or any other, as data. */
async function outcomeOf(fileName: string, reading: () => Promise<IngestOutcome>): Promise<IngestOutcome> {
  try {
    const outcome = await reading();
    return outcome.ok ? Comlink.transfer(outcome, tableBuffers(outcome.result.table)) : outcome;
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, issue: error.issue };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issue: { severity: 'error', code: 'internal', message: `"${fileName}" could not be read: ${message}` },
    };
  }
}

export type IngestApi = typeof api;
Comlink.expose(api);
