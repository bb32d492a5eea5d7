/**
 * Reads a large CSV on two threads (see core/data/readCsvInTwo): this worker tokenizes the first
 * part while a second worker tokenizes the rest, both reading their own slice of the file.
 * Resolves to null whenever the file is not one the two parts can read exactly as a whole read
 * would (the caller then reads it whole), or the second worker fails.
 */
import * as Comlink from 'comlink';
import type { ReadOptions, ReadResult } from '../core/data/readCsv';
import { finishReadInTwo, HEAD_BYTES, partBytes, planAsciiSplit, PROBE_BYTES, READ_IN_TWO_BYTES, readFirstPart, secondPartOptions } from '../core/data/readCsvInTwo';
import { reviveAsciiTokens, type AsciiTokens } from '../core/data/tokenizeAsciiCsv';
import type { IngestPartApi } from './ingestPart.worker';

export async function readInTwo(file: Blob, options: ReadOptions): Promise<ReadResult | null> {
  if (file.size < READ_IN_TWO_BYTES || typeof Worker === 'undefined') return null;
  // Started first, so that it loads while the cut is planned.
  const worker = new Worker(new URL('./ingestPart.worker.ts', import.meta.url), { type: 'module', name: 'ingest-part' });
  const helper = Comlink.wrap<IngestPartApi>(worker);
  const failed = new Promise<null>((resolve) => {
    worker.addEventListener('error', () => resolve(null));
    worker.addEventListener('messageerror', () => resolve(null));
  });
  try {
    const middle = Math.floor(file.size / 2);
    const [head, probe] = await Promise.all([bytesOf(file.slice(0, HEAD_BYTES)), bytesOf(file.slice(middle, middle + PROBE_BYTES))]);
    const plan = planAsciiSplit(head, probe, middle, file.size, options);
    if (plan === null) return null;
    void helper.load(new Blob([plan.header as BlobPart, file.slice(plan.at)]));
    const firstBytes = partBytes(await bytesOf(file.slice(0, plan.at)));
    const second: Promise<AsciiTokens | null> = Promise.race([helper.tokenize(secondPartOptions(plan, firstBytes)), failed]).catch(() => null);
    const first = readFirstPart(firstBytes, plan, options);
    if (first === null) return null;
    const tokens = await second;
    return finishReadInTwo(first, tokens && reviveAsciiTokens(tokens));
  } finally {
    helper[Comlink.releaseProxy]();
    worker.terminate();
  }
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}
