/**
 * The tokenizer's output: field boundaries as offsets into the decoded text, never as strings.
 *
 * Only each field's raw end (the offset of the delimiter or line break that closed it) and a
 * flag byte are stored; its raw start is one past the previous field's end, or the record's
 * start. That keeps a 20-million-cell file at 5 bytes per cell until a column is built, and lets
 * columns be gathered without touching the text again.
 */

export const QUOTE = 0x22;

/** Field flags: the field is quoted; its content has `""` pairs; spaces follow its closing quote. */
export const FIELD_QUOTED = 1;
export const FIELD_ESCAPED = 2;
export const FIELD_SPACE_AFTER_QUOTE = 4;

export interface CsvTokens {
  text: string;
  recordCount: number;
  /** Index into `fieldEnds` of each record's first field; `recordCount + 1` entries. */
  recordFirstField: Uint32Array;
  /** Offset in `text` where each record starts. */
  recordStart: Uint32Array;
  /** 1-based physical line on which each record starts. */
  recordLine: Uint32Array;
  /** Exclusive raw end of each field. */
  fieldEnds: Uint32Array;
  /** FIELD_* bits of each field; 0 for unquoted fields and quoted ones kept literally. */
  fieldFlags: Uint8Array;
}

export function fieldCount(tokens: CsvTokens, record: number): number {
  return tokens.recordFirstField[record + 1] - tokens.recordFirstField[record];
}

/** Cell kinds in a content range: a plain slice, a slice whose `""` pairs need unescaping, or no cell at all. */
export const CELL_PLAIN = 0;
export const CELL_ESCAPED = 1;
export const CELL_ABSENT = 2;

/**
 * Writes the content range of field `field` (record `record`, position `index`) into
 * `out[0..1]` and returns its cell kind. Quoted fields lose their quotes here, not in the
 * tokenizer, so that unquoted fields (nearly all of them) never pay for it.
 */
export function fieldContent(tokens: CsvTokens, record: number, index: number, out: Uint32Array): number {
  const field = tokens.recordFirstField[record] + index;
  const rawStart = index === 0 ? tokens.recordStart[record] : tokens.fieldEnds[field - 1] + 1;
  return contentRange(tokens.text, rawStart, tokens.fieldEnds[field], tokens.fieldFlags[field], out);
}

/** Content range and cell kind of a field given its raw range and flags (the hot path of column building). */
export function contentRange(text: string, rawStart: number, rawEnd: number, flags: number, out: Uint32Array): number {
  if (flags === 0) {
    out[0] = rawStart;
    out[1] = rawEnd;
    return CELL_PLAIN;
  }
  let close = rawEnd - 1;
  if (flags & FIELD_SPACE_AFTER_QUOTE) while (text.charCodeAt(close) !== QUOTE) close--;
  out[0] = rawStart + 1;
  out[1] = close;
  return flags & FIELD_ESCAPED ? CELL_ESCAPED : CELL_PLAIN;
}

const scratch = new Uint32Array(2);

/** The exact text of one field, quotes removed and `""` unescaped. */
export function fieldText(tokens: CsvTokens, record: number, index: number): string {
  const kind = fieldContent(tokens, record, index, scratch);
  const raw = tokens.text.slice(scratch[0], scratch[1]);
  return kind === CELL_ESCAPED ? raw.replaceAll('""', '"') : raw;
}

/** All fields of one record as strings (for headers, previews and error messages). */
export function recordTexts(tokens: CsvTokens, record: number): string[] {
  const n = fieldCount(tokens, record);
  const out: string[] = new Array<string>(n);
  for (let j = 0; j < n; j++) out[j] = fieldText(tokens, record, j);
  return out;
}
