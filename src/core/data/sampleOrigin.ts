/**
 * Where a sample's lines and records come from in the file it was drawn from (sampleCsv), so that
 * every message about a sampled row names the file's own line and record, not the sample's.
 */
export interface SampleOrigin {
  /** The file's physical line of each line of the sample: `lines[l - 1]` for sample line `l`. */
  lines: ArrayLike<number>;
  /** The file's 0-based record index of each record of the sample (record 0 is the file's first). */
  records: ArrayLike<number>;
}

/** The file's line for 1-based sample line `line`; the line itself when there is no origin. */
export function originalLine(origin: SampleOrigin | undefined, line: number): number {
  return origin ? origin.lines[line - 1] : line;
}

/** The file's 1-based record for 1-based sample record `record` (the header, when there is one, is record 1). */
export function originalRecord(origin: SampleOrigin | undefined, record: number): number {
  return origin ? origin.records[record - 1] + 1 : record;
}
