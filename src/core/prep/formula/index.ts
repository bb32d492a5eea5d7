/**
 * Derived columns from a small, safe formula language.
 *
 * The text is read by our own tokenizer and recursive-descent parser (parse.ts), type-checked
 * against the table's columns (check.ts) and run by a tree-walking interpreter that fills one
 * buffer per node for all rows at once (evaluate.ts). Nothing is ever passed to `eval`,
 * `Function` or `with`, and user text is never used as a property key: columns are looked up
 * in a Map or by comparing names, so `__proto__` and `constructor` are ordinary column names.
 *
 * The language
 * - Numbers: 3, 0.5, .5, 1e-3. Text: "male", with \" for a quote, \\ for a backslash, \n, \t.
 *   true and false.
 * - Columns: a bare name (Fare, sepal.length, _id) or, for any other name, [Beak Length (mm)]
 *   or `Beak Length (mm)`; a closing ] or ` inside the name is doubled.
 * - Operators, loosest first: or; and; not; < <= > >= == != (not chained); + -; * / %;
 *   unary -; ^ (right-associative, so 2^3^2 = 512 and -2^2 = -4 as in Python); calls, ( ).
 * - Functions (names ignore case): see FUNCTIONS in functions.ts and `formulaHelp`.
 * - Keywords (and, or, not, true, false) ignore case too; a column with such a name goes in
 *   brackets.
 *
 * Types: numbers (numeric columns), true/false (boolean columns), text (categorical, text and
 * identifier columns) and dates (datetime columns, epoch ms UTC). Nothing converts implicitly;
 * a mismatch is an error at check time with the span of the offending part. Text is compared
 * with == and != only. A date compared with a text literal reads it as a date
 * (Date >= "2020-01-31"); date - date is a number of days. The result must be a number
 * (numeric column), true/false (boolean column, 0/1) or text (categorical column).
 *
 * Runtime semantics (see evaluate.ts): missing in, missing out, except isMissing, coalesce and
 * the unchosen branch of if; division by zero and out-of-domain math (log(0), sqrt(-1),
 * overflow) give missing, not an error. A literal divisor of zero (x / 0, x % (2 - 2)) is an
 * error at check time.
 *
 * Errors carry a 0-based position and a length into the text; messages that mention a
 * position use the same 0-based count.
 *
 * Limits: MAX_FORMULA_LENGTH characters, MAX_FORMULA_DEPTH levels of nesting and
 * MAX_FORMULA_NODES nodes, so that no formula can hang the interpreter or overflow the stack;
 * each node costs one pass over the rows.
 */
import type { Column, ColumnType, Table } from '../../data/table';
import { checkFormula, type Kind } from './check';
import { Evaluation, constantNumber } from './evaluate';
import { FORMULA_HELP, type FormulaHelpEntry } from './functions';
import { MAX_FORMULA_LENGTH, isKeyword, parseFormula } from './parse';
import { FormulaError } from './tokenize';

export { MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, MAX_FORMULA_NODES } from './parse';
export type { FormulaHelpEntry } from './functions';

export type FormulaResultType = 'numeric' | 'boolean' | 'categorical';

export interface FormulaErrorInfo {
  message: string;
  /** 0-based offset of the first character to underline. */
  position: number;
  /** How many characters to underline; 0 at the end of the text. */
  length: number;
}

export type CompiledFormula =
  | {
      ok: true;
      type: FormulaResultType;
      /** The columns the formula reads, in order of first use. */
      columns: string[];
      /**
       * Runs the formula over `rows` of `table` (all rows when left out). Columns are found by
       * name; throws if one is absent or its type differs from the one checked.
       */
      evaluate(table: Table, rows?: ArrayLike<number>): Column;
    }
  | { ok: false; error: FormulaErrorInfo };

const RESULT_TYPE: Record<Exclude<Kind, 'date'>, FormulaResultType> = { number: 'numeric', boolean: 'boolean', text: 'categorical' };

/** Parses and type-checks a formula against the table's columns. Never throws. */
export function compileFormula(text: string, columns: Array<{ name: string; type: ColumnType }>): CompiledFormula {
  try {
    if (text.length > MAX_FORMULA_LENGTH) {
      throw new FormulaError(
        `The formula is too long: ${text.length.toLocaleString('en-US')} characters, at most ${MAX_FORMULA_LENGTH.toLocaleString('en-US')}`,
        MAX_FORMULA_LENGTH,
        text.length - MAX_FORMULA_LENGTH,
      );
    }
    const root = parseFormula(text);
    const { ir, columns: used } = checkFormula(text, root, columns, constantNumber);
    const kind = ir.type as Exclude<Kind, 'date'>;
    const name = text.trim();
    return {
      ok: true,
      type: RESULT_TYPE[kind],
      columns: used,
      evaluate(table: Table, rows?: ArrayLike<number>): Column {
        const run = new Evaluation(table, rows ?? null);
        return run.toColumn(run.run(ir), kind, name);
      },
    };
  } catch (e) {
    if (e instanceof FormulaError) return { ok: false, error: { message: e.message, position: e.position, length: e.length } };
    // Not reachable by design (the fuzz tests check it); a safety net so the UI never crashes.
    return { ok: false, error: { message: 'The formula could not be read', position: 0, length: text.length } };
  }
}

/** The function and operator reference the formula editor lists. */
export const formulaHelp: FormulaHelpEntry[] = FORMULA_HELP.map((entry) => ({ ...entry }));

const BARE_NAME = /^[\p{L}_][\p{L}\p{M}\p{N}_.]*$/u;

/** How to write a column in a formula: bare when it can be, else in [brackets]. */
export function formulaColumnReference(name: string): string {
  return BARE_NAME.test(name) && !isKeyword(name) ? name : `[${name.replaceAll(']', ']]')}]`;
}
