/**
 * Guesses the delimiter by how consistently each candidate splits the first records into the
 * same number of fields. Characters inside quotes are skipped, so `a;b;"x,y,z"` is not read as
 * comma-separated and a quoted multi-line value does not break the count.
 */
import { ImportError } from './importIssue';

export const DELIMITER_CANDIDATES: readonly string[] = [',', ';', '\t', '|'];

export interface DelimiterScore {
  delimiter: string;
  /** The most common number of fields per record. */
  fieldCount: number;
  /** Share of the sampled records that have `fieldCount` fields. */
  consistency: number;
}

export interface SniffedDialect {
  delimiter: string;
  /** 1 when the choice is clear (or manual); lower when candidates are close. */
  confidence: number;
  /** True when no candidate splits the records: the file has one column. */
  singleColumn: boolean;
  /** Every candidate that splits the records, best first. */
  scores: DelimiterScore[];
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

export function sniffDialect(text: string, manualDelimiter?: string, maxRecords = 50): SniffedDialect {
  if (manualDelimiter !== undefined) {
    checkDelimiter(manualDelimiter);
    return { delimiter: manualDelimiter, confidence: 1, singleColumn: false, scores: [] };
  }
  const scores: DelimiterScore[] = [];
  for (const delimiter of DELIMITER_CANDIDATES) {
    const counts = fieldCounts(text, delimiter.charCodeAt(0), maxRecords);
    const score = scoreCounts(delimiter, counts);
    if (score.fieldCount > 1) scores.push(score);
  }
  // Stable sort: on equal scores the candidate order above decides (comma first).
  scores.sort((a, b) => b.consistency - a.consistency || b.fieldCount - a.fieldCount);
  if (scores.length === 0) return { delimiter: ',', confidence: 1, singleColumn: true, scores };
  const best = scores[0];
  const runnerUp = scores[1];
  const close = runnerUp !== undefined && runnerUp.consistency >= best.consistency - 0.1;
  return { delimiter: best.delimiter, confidence: close ? best.consistency * 0.5 : best.consistency, singleColumn: false, scores };
}

/** A manual delimiter may be any single character except a quote or a line break. */
export function checkDelimiter(delimiter: string): void {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new ImportError({
      severity: 'error',
      code: 'bad-delimiter',
      message: `The delimiter must be one character other than a quote or a line break; got ${JSON.stringify(delimiter)}.`,
      action: 'Pick a single-character delimiter.',
    });
  }
}

function scoreCounts(delimiter: string, counts: number[]): DelimiterScore {
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
  let fieldCount = 0;
  let best = 0;
  for (const [count, f] of freq) {
    if (f > best || (f === best && count > fieldCount)) {
      best = f;
      fieldCount = count;
    }
  }
  return { delimiter, fieldCount, consistency: counts.length ? best / counts.length : 0 };
}

/** Fields per record for the first `maxRecords` non-blank records, reading at most ~1 M characters. */
function fieldCounts(text: string, delim: number, maxRecords: number): number[] {
  const n = text.length;
  const budget = Math.min(n, 1 << 20);
  const counts: number[] = [];
  let pos = 0;
  while (pos < budget && counts.length < maxRecords) {
    let c = text.charCodeAt(pos);
    if (c === LF || c === CR) {
      pos++;
      continue;
    }
    let fields = 1;
    let fieldStart = true;
    while (pos < budget) {
      c = text.charCodeAt(pos);
      if (fieldStart && c === QUOTE) {
        let close = text.indexOf('"', pos + 1);
        while (close !== -1 && text.charCodeAt(close + 1) === QUOTE) close = text.indexOf('"', close + 2);
        pos = close === -1 ? n : close + 1;
        fieldStart = false;
        continue;
      }
      if (c === delim) {
        fields++;
        fieldStart = true;
      } else if (c === LF || c === CR) {
        break;
      } else {
        fieldStart = false;
      }
      pos++;
    }
    counts.push(fields);
  }
  return counts;
}
