/**
 * The formula tokenizer: hand-written, one pass over the text, no regular expression can
 * backtrack (every pattern is anchored and linear). Positions are 0-based offsets into the
 * formula text (UTF-16 code units, as a text box's selection counts them).
 */

/** An error the user made, with the span of the text to underline. */
export class FormulaError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly length: number,
  ) {
    super(message);
    this.name = 'FormulaError';
  }
}

export type TokenKind =
  | 'number'
  | 'string'
  /** A bare identifier: a column, a function name or a keyword (and, or, not, true, false). */
  | 'name'
  /** A column name written in [brackets] or `backticks`: never a keyword or function. */
  | 'quoted'
  | 'op'
  | '('
  | ')'
  | ','
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The operator, the name, or the decoded text of a string literal. */
  text: string;
  /** The value of a number literal. */
  value: number;
  start: number;
  end: number;
}

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[\p{L}_][\p{L}\p{M}\p{N}_.]*/uy;
const SPACE = /\s+/y;

const TWO_CHAR_OPS = new Set(['<=', '>=', '==', '!=']);
const ONE_CHAR_OPS = new Set(['+', '-', '*', '/', '%', '^', '<', '>']);

/** Mistakes people bring from other languages, with what to write instead. */
const HINTS: ReadonlyArray<[string, string]> = [
  ['**', 'use ^ for powers'],
  ['<>', 'use != for "not equal"'],
  ['&&', 'use and'],
  ['||', 'use or'],
  ['=', 'use == to test equality'],
  ['!', 'use not'],
  ['&', 'use and'],
  ['|', 'use or'],
];

function match(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, tokenText: string, start: number, end: number, value = 0) =>
    tokens.push({ kind, text: tokenText, value, start, end });
  let i = 0;
  while (i < text.length) {
    const space = match(SPACE, text, i);
    if (space) {
      i += space.length;
      continue;
    }
    const ch = text[i];
    const number = match(NUMBER, text, i);
    if (number) {
      const value = Number(number);
      if (!Number.isFinite(value)) throw new FormulaError(`The number ${number} at position ${i} is too large`, i, number.length);
      push('number', number, i, i + number.length, value);
      i += number.length;
      continue;
    }
    const name = match(NAME, text, i);
    if (name) {
      push('name', name, i, i + name.length);
      i += name.length;
      continue;
    }
    if (ch === '"') {
      i = readString(text, i, push);
      continue;
    }
    if (ch === '[' || ch === '`') {
      i = readQuotedName(text, i, ch === '[' ? ']' : '`', push);
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      push(ch, ch, i, i + 1);
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      push('op', two, i, i + 2);
      i += 2;
      continue;
    }
    for (const [wrong, hint] of HINTS) {
      if (text.startsWith(wrong, i)) throw new FormulaError(`Unexpected ${wrong} at position ${i}; ${hint}`, i, wrong.length);
    }
    if (ONE_CHAR_OPS.has(ch)) {
      push('op', ch, i, i + 1);
      i++;
      continue;
    }
    if (ch === "'") throw new FormulaError(`Unexpected ' at position ${i}; text goes in double quotes, like "male"`, i, 1);
    if (ch === ']') throw new FormulaError(`Unexpected ] at position ${i} without an opening [`, i, 1);
    const code = text.codePointAt(i) ?? 0;
    const shown = String.fromCodePoint(code);
    throw new FormulaError(`Unexpected character "${shown}" at position ${i}`, i, shown.length);
  }
  push('eof', '', text.length, text.length);
  return tokens;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', t: '\t' };

/** A "double-quoted" string with \" \\ \n \t escapes. Returns the index after the closing quote. */
function readString(text: string, start: number, push: (kind: TokenKind, t: string, s: number, e: number) => void): number {
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      push('string', out, start, i + 1);
      return i + 1;
    }
    if (ch === '\\') {
      const next = text[i + 1];
      // Object.hasOwn: the escape table is a plain object, and "__proto__" is no escape.
      if (next !== undefined && Object.hasOwn(ESCAPES, next)) {
        out += ESCAPES[next];
        i += 2;
        continue;
      }
      throw new FormulaError(`Unknown escape \\${next ?? ''} at position ${i}; inside text write \\" for a quote and \\\\ for a backslash`, i, next === undefined ? 1 : 2);
    }
    out += ch;
    i++;
  }
  throw new FormulaError(`The text starting at position ${start} has no closing "`, start, text.length - start);
}

/** A column name in [brackets] or `backticks`; the closing character is doubled to include it. */
function readQuotedName(text: string, start: number, close: string, push: (kind: TokenKind, t: string, s: number, e: number) => void): number {
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === close) {
      if (text[i + 1] === close) {
        out += close;
        i += 2;
        continue;
      }
      if (out === '') throw new FormulaError(`Empty column name at position ${start}`, start, i + 1 - start);
      push('quoted', out, start, i + 1);
      return i + 1;
    }
    out += ch;
    i++;
  }
  throw new FormulaError(`The column name starting at position ${start} has no closing ${close}`, start, text.length - start);
}
