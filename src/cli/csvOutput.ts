/**
 * CSV text for the CLI's outputs: RFC 4180 quoting, "\n" line ends, a header row. Text that a
 * spreadsheet would run as a formula is escaped (escapeFormula) in every CSV the CLI writes.
 */
import { escapeFormula } from '../core/data/escapeFormula';

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** Numbers as the shortest text that reads back to the same value; NaN and infinities as empty fields. */
export function numberField(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/**
 * A CSV document from a header and columns of ready-made field texts (all the same length).
 * Plain numbers pass unchanged; any other text starting with = + - @ or a tab or line break
 * gets a leading quote, so the file is safe to open in a spreadsheet.
 */
export function toCsv(header: readonly string[], columns: readonly (readonly string[])[]): string {
  const rows = columns.length ? columns[0].length : 0;
  const safe = (text: string) => csvField(escapeFormula(text));
  const parts: string[] = [header.map(safe).join(',')];
  for (let r = 0; r < rows; r++) parts.push(columns.map((c) => safe(c[r])).join(','));
  return parts.join('\n') + '\n';
}
