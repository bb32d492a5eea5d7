import type { ImportIssue } from '../core/data/importIssue';
import type { ReadResult } from '../core/data/readCsv';
import type { SampleInfo, StoredSample } from '../core/data/sampleCsv';
import type { SampleOrigin } from '../core/data/sampleOrigin';

/**
 * A sampled import (sampleCsv): what it is a sample of, its facts for the project state, the
 * sample as CSV (kept in the browser instead of the file, and re-read when a column's type is
 * changed), and the file's lines and records of it (null when read back from storage).
 */
export interface IngestedSample {
  info: SampleInfo;
  stored: StoredSample;
  csv: Blob;
  origin: SampleOrigin | null;
}

/**
 * Import results cross threads as data: an Error subclass would lose its fields on the way.
 * `threads`: how many threads read the file (2 for a large plain-ASCII file, see readInTwo).
 */
export type IngestOutcome = { ok: true; result: ReadResult; threads: 1 | 2; sample?: IngestedSample } | { ok: false; issue: ImportIssue };
