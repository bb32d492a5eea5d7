/**
 * Decides which records become table rows when their field count differs from the header's.
 * Field counts are checked here rather than by the parser, so every mismatch is reported with
 * its physical line, its record number and the values involved.
 */
import { CappedIssues, quoted } from './cappedIssues';
import { fieldCount, fieldText, type CsvTokens } from './csvTokens';
import { ImportError, snippetOf, type ImportIssue } from './importIssue';
import { originalRecord, type SampleOrigin } from './sampleOrigin';

export type RaggedRows = 'error' | 'pad' | 'drop';

export interface RowContext {
  fileName: string;
  names: readonly string[];
  hasHeader: boolean;
  /** When the records are a sample of a file: its lines and records, for messages. */
  origin?: SampleOrigin;
}

/** Record indexes of the table's rows, in order. Throws ImportError for a mismatch in 'error' mode. */
export function selectRows(tokens: CsvTokens, firstRecord: number, mode: RaggedRows, ctx: RowContext, issues: ImportIssue[]): Uint32Array {
  const width = ctx.names.length;
  const total = tokens.recordCount - firstRecord;
  let rows = new Uint32Array(Math.max(0, total));
  let kept = 0;
  const padded = new CappedIssues();
  let dropped = 0;
  let firstDroppedLine = 0;
  const { recordFirstField: first } = tokens;
  for (let r = firstRecord; r < tokens.recordCount; r++) {
    if (first[r + 1] - first[r] === width) {
      rows[kept++] = r;
      continue;
    }
    if (mode === 'error') {
      const issue = mismatch(tokens, r, originalRecord(ctx.origin, r + 1) - firstRecord, ctx);
      throw new ImportError({ ...issue, message: `${issue.message}; nothing was imported.` });
    }
    if (mode === 'pad') {
      rows[kept++] = r;
      if (padded.take()) {
        const issue = mismatch(tokens, r, originalRecord(ctx.origin, r + 1) - firstRecord, ctx);
        const long = fieldCount(tokens, r) > width;
        padded.push({
          ...issue,
          severity: 'warning',
          message: `${issue.message}; ${long ? 'the extra values were left out' : 'the missing cells were read as missing'}.`,
          action: long ? 'Truncated.' : 'Padded with missing values.',
        });
      }
    } else {
      if (dropped === 0) firstDroppedLine = tokens.recordLine[r];
      dropped++;
    }
  }
  padded.flushInto(issues, (count) => ({
    severity: 'warning',
    code: 'ragged-row',
    message: `${count} rows of "${ctx.fileName}" do not have ${width} fields; they were padded or truncated (the first ${padded.limit} are listed).`,
    action: 'Padded or truncated.',
  }));
  if (dropped > 0) {
    issues.push(droppedRowsIssue(ctx.fileName, dropped, width, firstDroppedLine));
    rows = rows.subarray(0, kept);
  }
  return rows;
}

/** The note on rows left out for their field count (raggedRows 'drop'). */
export function droppedRowsIssue(fileName: string, dropped: number, width: number, firstLine: number): ImportIssue {
  return {
    severity: 'warning',
    code: 'ragged-row',
    message: `${dropped} row${dropped === 1 ? '' : 's'} of "${fileName}" with a number of fields other than ${width} ${dropped === 1 ? 'was' : 'were'} left out (the first on line ${firstLine}).`,
    line: firstLine,
    action: 'Dropped.',
  };
}

/** `Line 7 of "d.csv" has 5 fields but the header has 4 (record 6)`: the start of every ragged-row message. */
export function fieldCountMismatch(line: number, fileName: string, count: number, hasHeader: boolean, width: number, record: number): string {
  return `Line ${line} of "${fileName}" has ${count} field${count === 1 ? '' : 's'} but ${hasHeader ? 'the header has' : 'the first row has'} ${width} (record ${record})`;
}

/** The mismatch sentence without its ending, e.g. `Line 7 of "d.csv" has 5 fields but the header has 4 (record 6): extra values "x"`. */
function mismatch(tokens: CsvTokens, r: number, record: number, ctx: RowContext): ImportIssue {
  const width = ctx.names.length;
  const count = fieldCount(tokens, r);
  const line = tokens.recordLine[r];
  let detail: string;
  if (count > width) {
    const extra: string[] = [];
    for (let j = width; j < Math.min(count, width + 5); j++) extra.push(quoted(fieldText(tokens, r, j), 30));
    detail = `extra values ${extra.join(', ')}${count - width > 5 ? ', …' : ''}`;
  } else {
    const absent = ctx.names.slice(count, Math.min(width, count + 5)).map((name) => `"${name}"`);
    detail = `no values for ${absent.join(', ')}${width - count > 5 ? ', …' : ''}`;
  }
  const start = tokens.recordStart[r];
  const end = tokens.fieldEnds[tokens.recordFirstField[r + 1] - 1];
  return {
    severity: 'error',
    code: 'ragged-row',
    message: `${fieldCountMismatch(line, ctx.fileName, count, ctx.hasHeader, width, record)}: ${detail}`,
    line,
    record,
    snippet: snippetOf(tokens.text.slice(start, Math.min(end, start + 120))),
    action: 'Choose to pad short rows and cut long ones, or to drop those rows.',
  };
}
