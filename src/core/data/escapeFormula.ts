/**
 * CSV/formula injection guard (OWASP "CSV Injection", CWE-1236): a spreadsheet runs a cell that
 * starts with = + - @ (or a tab, CR or LF, which some of them skip before looking) as a
 * formula, so such text gets a leading single quote. A quote is used rather than a tab or
 * space because a prefix of whitespace is not a safe fix (Symfony CVE-2021-41270).
 *
 * Plain numbers are left alone: "-1.5" or "+3" is a number to every spreadsheet, not a
 * formula, and quoting it would turn real negative values into text. The check looks only at the
 * first character, so a multi-line value such as "=1+1\nnote" is escaped too (papaparse's
 * own option misses it).
 */

const FORMULA_START = /^[=+\-@\t\r\n]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when `text` would be read as a formula by a spreadsheet. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** `text` made safe to open in a spreadsheet: prefixed with `'` when it would start a formula. */
export function escapeFormula(text: string): string {
  return looksLikeFormula(text) ? "'" + text : text;
}
