/** The tokenizer's messages, kept apart so its scanning loop stays short and closure-free. */
import { quoted } from './cappedIssues';
import { ImportError, snippetOf, type ImportIssue } from './importIssue';

/** Where in the file a problem is: physical line, 1-based record, and column. */
export interface Where {
  file: string;
  line: number;
  record: number;
  column: { index: number; name: string };
}

const RETRY = 'Close the quote in the file, or read the file again with quotes treated as ordinary characters.';

export function unclosedQuote(w: Where, raw: string, nextQuoteLine?: number): ImportError {
  const why = nextQuoteLine === undefined ? '' : ` (the next quote, on line ${nextQuoteLine}, is followed by more text)`;
  return new ImportError({
    severity: 'error',
    code: 'unclosed-quote',
    message: `Unclosed quote starting at line ${w.line}, column "${w.column.name}" in "${w.file}"${why}; nothing was imported.`,
    line: w.line,
    record: w.record,
    column: w.column,
    snippet: snippetOf(raw),
    action: RETRY,
  });
}

export function fieldTooLong(w: Where, max: number, isQuoted: boolean, raw: string): ImportError {
  return new ImportError({
    severity: 'error',
    code: 'field-too-long',
    message: isQuoted
      ? `The quoted value starting at line ${w.line}, column "${w.column.name}" of "${w.file}" is longer than ${max} characters, the most the studio reads in one value (it may be an unclosed quote); nothing was imported.`
      : `Line ${w.line} of "${w.file}" has a value longer than ${max} characters in column "${w.column.name}"; the studio reads at most ${max} characters per value, so nothing was imported.`,
    line: w.line,
    record: w.record,
    column: w.column,
    snippet: snippetOf(raw),
    action: 'Check the file near that line, or raise the field-length limit.',
  });
}

export function tooManyColumns(file: string, count: number, line: number, max: number): ImportError {
  return new ImportError({
    severity: 'error',
    code: 'too-many-columns',
    message: `"${file}" has ${count} columns on line ${line}; the studio reads at most ${max}.`,
    line,
    action: 'Remove columns before importing, or raise the column limit.',
  });
}

export function tooManyRecords(file: string, max: number, line: number): ImportError {
  return new ImportError({
    severity: 'error',
    code: 'too-many-rows',
    message: `"${file}" has more than ${max} records (reached at line ${line}); the studio reads at most ${max}.`,
    line,
    action: 'Import a sample of the rows, or raise the row limit.',
  });
}

export function tooManyCells(file: string, max: number, line: number): ImportError {
  return new ImportError({
    severity: 'error',
    code: 'too-many-cells',
    message: `"${file}" has more than ${max} cells (reached at line ${line}); the studio reads at most ${max}.`,
    line,
    action: 'Import fewer rows or columns, or raise the cell limit.',
  });
}

export function strayQuote(w: Where, value: string): ImportIssue {
  return {
    severity: 'warning',
    code: 'stray-quote',
    message: `Line ${w.line} of "${w.file}", column "${w.column.name}": the unquoted value ${quoted(value)} contains a quote; it was kept as written.`,
    line: w.line,
    record: w.record,
    column: w.column,
    snippet: snippetOf(value),
    action: 'Kept literally.',
  };
}

export function textAfterQuote(w: Where, value: string): ImportIssue {
  return {
    severity: 'warning',
    code: 'text-after-quote',
    message: `Line ${w.line} of "${w.file}", column "${w.column.name}": text follows the closing quote in ${quoted(value)}; the value was kept exactly as written, quotes included.`,
    line: w.line,
    record: w.record,
    column: w.column,
    snippet: snippetOf(value),
    action: 'Kept literally.',
  };
}

export function quoteSummary(code: 'stray-quote' | 'text-after-quote', file: string, total: number, listed: number): ImportIssue {
  const what = code === 'stray-quote' ? 'unquoted values contain quotes' : 'quoted values have text after the closing quote';
  return {
    severity: 'warning',
    code,
    message: `${total} ${what} in "${file}"; the first ${listed} are listed. All were kept as written.`,
  };
}

export function blankLines(file: string, count: number, firstLine: number): ImportIssue {
  return {
    severity: 'info',
    code: 'blank-lines',
    message: `Skipped ${count} blank line${count === 1 ? '' : 's'} in "${file}" (the first at line ${firstLine}).`,
    line: firstLine,
    action: 'Skipped.',
  };
}
