import type { ImportIssue } from './importIssue';

/**
 * Collects per-row issues of one kind but keeps only the first `limit`: a file with a million
 * bad rows must not produce a million issues. The total still reaches the user via `summary`.
 */
export class CappedIssues {
  readonly items: ImportIssue[] = [];
  count = 0;
  constructor(readonly limit = 20) {}

  /** Counts one more issue; true when the caller should build it and `push` it. */
  take(): boolean {
    this.count++;
    return this.items.length < this.limit;
  }

  push(issue: ImportIssue): void {
    this.items.push(issue);
  }

  /** Appends the kept issues, plus `summary(total)` when some were left out. */
  flushInto(out: ImportIssue[], summary: (total: number) => ImportIssue): void {
    out.push(...this.items);
    if (this.count > this.items.length) out.push(summary(this.count));
  }
}

export function quoted(value: string, max = 40): string {
  const cut = value.length > max ? value.slice(0, max - 1) + '…' : value;
  return `"${cut.replace(/[\r\n\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'))}"`;
}
