/**
 * A structured report of one problem found while reading a file. Every problem the
 * reader meets becomes one of these; nothing is changed silently.
 */
export type IssueSeverity = 'error' | 'warning' | 'info';

export interface ImportIssue {
  severity: IssueSeverity;
  /** A stable machine-readable code, e.g. 'empty-file', 'ragged-row', 'unclosed-quote'. */
  code: string;
  /** One sentence for a person, naming the file, line or column involved. */
  message: string;
  /** 1-based physical line in the file, where one applies. */
  line?: number;
  /** 1-based data record (not counting the header), where one applies. */
  record?: number;
  column?: { index: number; name: string };
  /** At most 120 characters of the raw text, control characters escaped. */
  snippet?: string;
  /** What the reader did about it. */
  action?: string;
}

/** Thrown (and returned across threads as data) when a file cannot be imported at all. */
export class ImportError extends Error {
  readonly issue: ImportIssue;
  constructor(issue: ImportIssue) {
    super(issue.message);
    this.name = 'ImportError';
    this.issue = issue;
  }
}

/** At most `max` characters of `text` for a report, control characters escaped (the escapes count too). */
export function snippetOf(text: string, max = 120): string {
  const escaped = text.slice(0, max).replace(/[\u0000-\u001f\u007f]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    return '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
  });
  return escaped.length > max || text.length > max ? escaped.slice(0, max - 1) + '…' : escaped;
}
