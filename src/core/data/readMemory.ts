/**
 * How much memory reading a CSV takes, estimated before it is read so the studio can warn instead
 * of letting the tab run out. The multiples are the reader's measured peaks, rounded up (`npm run
 * bench`, 2026-11-30: 2.7-2.9x the file for plain ASCII, read from its bytes; 4.5x for other files,
 * which are decoded into one string first).
 */
import type { ImportIssue } from './importIssue';
import { countLineFeeds } from './tokenizeAsciiCsv';

export const READ_MEMORY_MULTIPLE = { plainAscii: 3, text: 5 } as const;

/** Bytes the reader needs at its peak for a file of `fileBytes` (the file itself included). */
export function readMemoryBytes(fileBytes: number, plainAscii: boolean): number {
  return fileBytes * (plainAscii ? READ_MEMORY_MULTIPLE.plainAscii : READ_MEMORY_MULTIPLE.text);
}

/** A warning when reading the file likely needs more than `availableBytes`, else null. */
export function readMemoryWarning(fileName: string, fileBytes: number, plainAscii: boolean, availableBytes: number): ImportIssue | null {
  const needed = readMemoryBytes(fileBytes, plainAscii);
  if (needed <= availableBytes) return null;
  const size = (bytes: number) =>
    bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : bytes >= 1024 ** 2 ? `${Math.round(bytes / 1024 ** 2)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return {
    severity: 'warning',
    code: 'memory',
    message:
      `Reading "${fileName}" (${size(fileBytes)}) takes about ${size(needed)} of memory, more than this browser can likely spare ` +
      `(about ${size(availableBytes)}); the tab may run out of memory and reload. The saved project comes back after a reload.`,
    action: 'Close other tabs, or import a random sample of the rows instead (the button beside this message).',
  };
}

/** The most rows a sampled import keeps: the size the studio is measured and tested at (1M rows x 20 columns). */
export const SAMPLE_ROWS_MAX = 1_000_000;
export const SAMPLE_SEED = 42;

/**
 * Rows of a random sample that reading fits in `availableBytes`, for rows of about `bytesPerRow`
 * bytes: at most SAMPLE_ROWS_MAX, at least 1,000. Estimated as for text (5x), whatever the file.
 */
export function sampleRowsWithin(availableBytes: number, bytesPerRow: number): number {
  const fitting = Math.floor(availableBytes / READ_MEMORY_MULTIPLE.text / Math.max(1, bytesPerRow));
  return Math.max(1000, Math.min(SAMPLE_ROWS_MAX, fitting));
}

/** Bytes per row of a file, from its first bytes (at least one line). */
export function bytesPerRow(head: Uint8Array): number {
  return head.length / Math.max(1, countLineFeeds(head, 0, head.length));
}
