import type { ImportIssue } from '../core/data/importIssue';
import type { ReadResult } from '../core/data/readCsv';

/**
 * Import results cross threads as data: an Error subclass would lose its fields on the way.
 * `threads`: how many threads read the file (2 for a large plain-ASCII file, see readInTwo).
 */
export type IngestOutcome = { ok: true; result: ReadResult; threads: 1 | 2 } | { ok: false; issue: ImportIssue };
