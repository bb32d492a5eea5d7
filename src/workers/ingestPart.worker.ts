/**
 * The second thread of a large file read in two (readCsvInTwo): reads the part after the cut as
 * soon as it is asked to, tokenizes it once the first part's record count is known, and hands the
 * tokens back with their buffers moved, not copied. Started by the ingest worker, so cancelling an
 * import (terminating that worker) ends this one too: Chromium stops it at its next pause or, busy,
 * after a delay (a second or so, in a probe on 2026-11-30).
 */
import * as Comlink from 'comlink';
import { partBytes, tokenizeSecondPart, type PartBytes, type SplitPlan } from '../core/data/readCsvInTwo';
import { asciiTokensBuffers, type AsciiTokens } from '../core/data/tokenizeAsciiCsv';

let part: Promise<PartBytes> | null = null;

const api = {
  /** Starts reading the second part (the plan's header, then the file from the cut) and counting its line feeds. */
  load(blob: Blob): void {
    part = blob.arrayBuffer().then((buffer) => partBytes(new Uint8Array(buffer)));
  },
  async tokenize(options: SplitPlan['tokenize']): Promise<AsciiTokens | null> {
    if (part === null) return null;
    const second = await part;
    part = null;
    const tokens = tokenizeSecondPart(second, options);
    return tokens === null ? null : Comlink.transfer(tokens, asciiTokensBuffers(tokens));
  },
};

export type IngestPartApi = typeof api;
Comlink.expose(api);
