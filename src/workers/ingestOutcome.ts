import type { ImportIssue } from '../core/data/importIssue';
import type { ReadResult } from '../core/data/readCsv';

/** Import results cross threads as data: an Error subclass would lose its fields on the way. */
export type IngestOutcome = { ok: true; result: ReadResult } | { ok: false; issue: ImportIssue };
