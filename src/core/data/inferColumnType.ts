/**
 * Infers one type per column from all of its raw cells, then builds the column in that type.
 * Inference is strict on purpose: a column is numeric only if every non-missing cell is a plain
 * decimal number, so ZIP codes, big IDs and `1,234` are never silently turned into other values.
 */
import { quoted } from './cappedIssues';
import { CELL_ABSENT, CELL_PLAIN, cellString, trimmedEnd, trimmedStart, type ColumnCells } from './columnCells';
import { encodeStrings } from './encodeStrings';
import type { ImportIssue } from './importIssue';
import { NUM_INVALID, NUM_LEADING_ZERO, NUM_OK, NUM_OVERFLOW, NUM_UNSAFE_INTEGER, isMissingToken, parseBoolean, parseIsoDate, scanNumber } from './parseCell';
import type { Column, ColumnType } from './table';

export interface ColumnContext {
  fileName: string;
  /** Position of the column in the table. */
  index: number;
  name: string;
}

export interface ColumnResult {
  column: Column;
  issues: ImportIssue[];
}

/** Per-status tallies from the first pass, for the type decision and its explanation. */
interface NumberScan {
  nonMissing: number;
  counts: number[];
  firstRow: number[];
}

export function inferColumnType(cells: ColumnCells, ctx: ColumnContext): ColumnResult {
  const n = cells.length;
  const { text, starts, ends, kinds } = cells;
  const missing = new Uint8Array(n);
  // Dropped at the first cell that is not a number: a text column never fills (or pages in) its 8 bytes a row.
  let values: Float64Array | null = new Float64Array(n);
  const out = new Float64Array(1);
  const scan: NumberScan = { nonMissing: 0, counts: [0, 0, 0, 0, 0], firstRow: [-1, -1, -1, -1, -1] };
  const tokens = new Map<string, { count: number; row: number }>();
  for (let i = 0; i < n; i++) {
    const kind = kinds[i];
    if (kind === CELL_ABSENT) {
      missing[i] = 1;
      if (values !== null) values[i] = NaN;
      continue;
    }
    const s = trimmedStart(text, starts[i], ends[i]);
    const e = trimmedEnd(text, s, ends[i]);
    if (kind === CELL_PLAIN && isMissingToken(text, s, e)) {
      missing[i] = 1;
      if (values !== null) values[i] = NaN;
      if (e > s) countToken(tokens, text.slice(s, e), i);
      continue;
    }
    scan.nonMissing++;
    const status = kind === CELL_PLAIN ? scanNumber(text, s, e, out) : NUM_INVALID;
    if (status === NUM_OK) {
      if (values !== null) values[i] = out[0];
    } else {
      values = null;
      if (scan.firstRow[status] < 0) scan.firstRow[status] = i;
    }
    scan.counts[status]++;
  }
  const issues: ImportIssue[] = [];
  if (tokens.size > 0) issues.push(missingTokensIssue(tokens, cells, ctx));
  const make = (type: ColumnType, parts: Partial<Column>): ColumnResult => ({
    column: { name: ctx.name, type, inferredType: type, missing, ...parts },
    issues,
  });

  if (scan.nonMissing === 0) {
    if (n > 0) issues.push(note(ctx, 'all-missing', `Column "${ctx.name}" has no values; it was read as categorical.`));
    return make('categorical', { codes: encodeStrings(cells, missing).codes, categories: [] });
  }
  if (values !== null && scan.counts[NUM_OK] === scan.nonMissing) return make('numeric', { values });
  const booleans = parseAll(cells, missing, (s, e) => {
    const b = parseBoolean(text, s, e);
    return b < 0 ? NaN : b;
  });
  if (booleans) return make('boolean', { values: booleans });
  const dates = parseAll(cells, missing, (s, e) => parseIsoDate(text, s, e));
  if (dates) return make('datetime', { values: dates });

  explainNotNumeric(scan, cells, ctx, issues);
  const encoded = encodeStrings(cells, missing);
  const distinct = encoded.categories.length;
  const counts = scan.counts;
  const digitStrings = counts[NUM_INVALID] === 0;
  let type: ColumnType;
  if (digitStrings && (counts[NUM_LEADING_ZERO] > 0 || counts[NUM_UNSAFE_INTEGER] > 0)) {
    type = distinct >= 0.9 * scan.nonMissing ? 'identifier' : 'categorical';
  } else if (distinct === scan.nonMissing && distinct >= 20 && encoded.distinctWithSpace === 0) {
    type = 'identifier';
  } else if (
    distinct > 0.5 * scan.nonMissing &&
    distinct >= 20 &&
    (encoded.distinctLength / distinct > 20 || encoded.distinctWithSpace * 2 >= distinct)
  ) {
    type = 'text';
  } else if (distinct === scan.nonMissing && distinct >= 20) {
    type = 'identifier';
  } else {
    type = 'categorical';
  }
  return make(type, { codes: encoded.codes, categories: encoded.categories });
}

/**
 * Parses every non-missing cell with `parse` (trimmed range in, NaN for "not this type");
 * returns null at the first failure. Missing rows get NaN.
 */
export function parseAll(cells: ColumnCells, missing: Uint8Array, parse: (s: number, e: number) => number): Float64Array | null {
  const { text, starts, ends, kinds, length } = cells;
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    if (missing[i]) {
      values[i] = NaN;
      continue;
    }
    if (kinds[i] !== CELL_PLAIN) return null;
    const s = trimmedStart(text, starts[i], ends[i]);
    const v = parse(s, trimmedEnd(text, s, ends[i]));
    if (Number.isNaN(v)) return null;
    values[i] = v;
  }
  return values;
}

function countToken(tokens: Map<string, { count: number; row: number }>, token: string, row: number): void {
  const seen = tokens.get(token);
  if (seen) seen.count++;
  else tokens.set(token, { count: 1, row });
}

function note(ctx: ColumnContext, code: string, message: string, row?: number, cells?: ColumnCells): ImportIssue {
  const issue: ImportIssue = { severity: 'info', code, message, column: { index: ctx.index, name: ctx.name } };
  if (row !== undefined && cells) issue.line = cells.lineOf(row);
  return issue;
}

function missingTokensIssue(tokens: Map<string, { count: number; row: number }>, cells: ColumnCells, ctx: ColumnContext): ImportIssue {
  const list = [...tokens].map(([token, { count, row }]) => `${quoted(token)} (${count}×, first on line ${cells.lineOf(row)})`);
  const firstRow = Math.min(...[...tokens.values()].map((t) => t.row));
  return {
    ...note(ctx, 'missing-tokens', `Column "${ctx.name}": ${list.join(', ')} ${tokens.size === 1 ? 'was' : 'were'} read as missing.`, firstRow, cells),
    action: 'Read as missing.',
  };
}

const NUMBER_WITH_COMMAS = /^[+-]?\d+(,\d+)+(\.\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Says why a column that is almost numeric was read as text, naming the first cell that decided it. */
function explainNotNumeric(scan: NumberScan, cells: ColumnCells, ctx: ColumnContext, issues: ImportIssue[]): void {
  const { counts, firstRow, nonMissing } = scan;
  const at = (row: number) => `line ${cells.lineOf(row)}: ${quoted(cellString(cells, row).trim())}`;
  if (counts[NUM_LEADING_ZERO] > 0 && counts[NUM_INVALID] === 0) {
    const row = firstRow[NUM_LEADING_ZERO];
    issues.push(note(ctx, 'leading-zeros', `Column "${ctx.name}" has numbers with leading zeros (${at(row)}); it looks like an identifier and was kept as text so the zeros are not lost.`, row, cells));
  }
  if (counts[NUM_UNSAFE_INTEGER] > 0) {
    const row = firstRow[NUM_UNSAFE_INTEGER];
    issues.push(note(ctx, 'unsafe-integer', `Column "${ctx.name}" has integers too long to store exactly as numbers (${at(row)}); it was kept as text.`, row, cells));
  }
  if (counts[NUM_OVERFLOW] > 0) {
    const row = firstRow[NUM_OVERFLOW];
    issues.push(note(ctx, 'number-overflow', `Column "${ctx.name}" has a number too large to store (${at(row)}); it was kept as text.`, row, cells));
  }
  const invalid = counts[NUM_INVALID];
  if (invalid === 0) return;
  const first = firstRow[NUM_INVALID];
  const firstText = cellString(cells, first).trim();
  if (NUMBER_WITH_COMMAS.test(firstText) && allInvalidMatch(scan, cells, NUMBER_WITH_COMMAS)) {
    const thousands = allInvalidMatch(scan, cells, THOUSANDS);
    issues.push(
      note(
        ctx,
        thousands ? 'thousands-separator' : 'decimal-comma',
        thousands
          ? `Column "${ctx.name}" looks like numbers written with a thousands separator (${at(first)}); it was kept as text. Remove the separators (or change the delimiter) to read it as numbers.`
          : `Column "${ctx.name}" looks like numbers written with a decimal comma (${at(first)}); it was kept as text. Re-export the file with decimal points to read it as numbers.`,
        first,
        cells,
      ),
    );
    return;
  }
  if (counts[NUM_OK] >= 0.8 * nonMissing) {
    issues.push(
      note(ctx, 'mixed-types', `Column "${ctx.name}": ${counts[NUM_OK]} of ${nonMissing} values are numbers, but not all (${at(first)}), so it was read as text. Change its type to numeric to treat the others as missing.`, first, cells),
    );
  }
}

function allInvalidMatch(scan: NumberScan, cells: ColumnCells, pattern: RegExp): boolean {
  const out = new Float64Array(1);
  for (let i = scan.firstRow[NUM_INVALID]; i < cells.length; i++) {
    if (cells.kinds[i] === CELL_ABSENT) continue;
    const s = trimmedStart(cells.text, cells.starts[i], cells.ends[i]);
    const e = trimmedEnd(cells.text, s, cells.ends[i]);
    if (isMissingToken(cells.text, s, e) || (cells.kinds[i] === CELL_PLAIN && scanNumber(cells.text, s, e, out) === NUM_OK)) continue;
    if (!pattern.test(cellString(cells, i).trim())) return false;
  }
  return true;
}
