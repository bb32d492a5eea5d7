/**
 * The type checker: turns the syntax tree into a typed program (IR) for the interpreter, or
 * throws a FormulaError pointing at the offending part of the text.
 *
 * Four value kinds exist in a formula: numbers (numeric columns), true/false values (boolean
 * columns), text (categorical, text and identifier columns) and dates (datetime columns).
 * Nothing converts between them implicitly.
 */
import type { ColumnType } from '../../data/table';
import { FUNCTIONS_BY_NAME, type FunctionSpec } from './functions';
import type { BinaryOp, Node } from './parse';
import { closestName } from './suggest';
import { FormulaError } from './tokenize';

export type Kind = 'number' | 'boolean' | 'text' | 'date';

export type ArithOp = '+' | '-' | '*' | '/' | '%' | '^' | 'days';
export type MathOp = 'neg' | 'log' | 'log10' | 'log1p' | 'exp' | 'sqrt' | 'abs' | 'floor' | 'ceil';
export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type DatePart = 'year' | 'month' | 'day' | 'weekday' | 'hour' | 'minute';
export type TextMap = 'lower' | 'upper' | 'trim';

/** The typed program. Numbers, true/false (1/0) and dates (epoch ms) share `num`; NaN is missing. */
export type IR =
  | { op: 'const'; type: Kind; num: number; str: string }
  | { op: 'column'; type: Kind; name: string }
  | { op: 'arith'; type: 'number'; code: ArithOp; a: IR; b: IR }
  | { op: 'math'; type: 'number'; code: MathOp; a: IR }
  | { op: 'round'; type: 'number'; a: IR; digits: number }
  | { op: 'compare'; type: 'boolean'; code: CompareOp; a: IR; b: IR }
  | { op: 'textEquals'; type: 'boolean'; negate: boolean; a: IR; b: IR }
  | { op: 'logic'; type: 'boolean'; and: boolean; a: IR; b: IR }
  | { op: 'not'; type: 'boolean'; a: IR }
  | { op: 'minmax'; type: Kind; max: boolean; args: IR[] }
  | { op: 'if'; type: Kind; cond: IR; a: IR; b: IR }
  | { op: 'isMissing'; type: 'boolean'; a: IR }
  | { op: 'coalesce'; type: Kind; args: IR[] }
  | { op: 'datePart'; type: 'number'; code: DatePart; a: IR }
  | { op: 'concat'; type: 'text'; args: IR[] }
  | { op: 'textMap'; type: 'text'; code: TextMap; a: IR }
  | { op: 'length'; type: 'number'; a: IR }
  | { op: 'contains'; type: 'boolean'; a: IR; b: IR };

/** A checked subtree: its program, the syntax it came from, and whether it reads no column. */
interface Checked {
  ir: IR;
  node: Node;
  constant: boolean;
}

export interface CheckResult {
  ir: IR;
  /** Referenced columns, in order of first use. */
  columns: string[];
}

/** Evaluates a constant subtree (one that reads no column) to its number; NaN when missing. */
export type ConstantEvaluator = (ir: IR) => number;

const KIND_WORD: Record<Kind, string> = { number: 'a number', boolean: 'true/false', text: 'text', date: 'a date' };
const EXPECTED: Record<Kind, string> = { number: 'a number', boolean: 'a true/false value', text: 'text', date: 'a date' };
/** The formula kind of a column type; null for a value that is no ColumnType. */
export function kindOfColumnType(type: ColumnType): Kind | null {
  switch (type) {
    case 'numeric':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'datetime':
      return 'date';
    case 'categorical':
    case 'text':
    case 'identifier':
      return 'text';
    default:
      return null;
  }
}

const ARITH: ReadonlySet<BinaryOp> = new Set(['+', '-', '*', '/', '%', '^']);
const ORDERING: ReadonlySet<BinaryOp> = new Set(['<', '<=', '>', '>=']);

export function checkFormula(
  text: string,
  root: Node,
  columns: ReadonlyArray<{ name: string; type: ColumnType }>,
  constantValue: ConstantEvaluator,
): CheckResult {
  return new Checker(text, columns, constantValue).run(root);
}

class Checker {
  private readonly columnTypes = new Map<string, ColumnType>();
  private readonly used: string[] = [];
  private readonly usedSet = new Set<string>();

  constructor(
    private readonly text: string,
    columns: ReadonlyArray<{ name: string; type: ColumnType }>,
    private readonly constantValue: ConstantEvaluator,
  ) {
    // The first column of a name wins, as in columnIndex; a column of no known type is left out.
    for (const c of columns) if (!this.columnTypes.has(c.name) && kindOfColumnType(c.type) !== null) this.columnTypes.set(c.name, c.type);
  }

  run(root: Node): CheckResult {
    const checked = this.check(root);
    if (checked.ir.type === 'date') {
      throw new FormulaError(
        'The formula gives a date, but a derived column must be a number, true/false or text; use year(), month(), day() or date - date (days)',
        root.start,
        root.end - root.start,
      );
    }
    return { ir: checked.ir, columns: this.used };
  }

  // ---- messages -------------------------------------------------------------------------------

  private snippet(node: Node): string {
    const raw = this.text.slice(node.start, node.end).replace(/\s+/g, ' ');
    return raw.length > 40 ? `${raw.slice(0, 39)}…` : raw;
  }

  /** `"Sex" is categorical`, `Age > 3 is true/false`. */
  private isWhat(c: Checked): string {
    if (c.node.kind === 'column') return `"${c.node.name}" is ${this.columnTypes.get(c.node.name)}`;
    return `${this.snippet(c.node)} is ${KIND_WORD[c.ir.type]}`;
  }

  /** `"Sex" (categorical)`, `3 (a number)`. */
  private named(c: Checked): string {
    if (c.node.kind === 'column') return `"${c.node.name}" (${this.columnTypes.get(c.node.name)})`;
    return `${this.snippet(c.node)} (${KIND_WORD[c.ir.type]})`;
  }

  private at(node: Node, message: string): FormulaError {
    return new FormulaError(message, node.start, node.end - node.start);
  }

  private expect(c: Checked, kind: Kind, who: string, hint = ''): void {
    if (c.ir.type !== kind) throw this.at(c.node, `${who} expects ${EXPECTED[kind]}, but ${this.isWhat(c)}${hint}`);
  }

  private sameKind(first: Checked, other: Checked, who: string): void {
    if (other.ir.type !== first.ir.type) {
      throw this.at(other.node, `${who} needs values of the same type, but ${this.isWhat(first)} and ${this.isWhat(other)}`);
    }
  }

  // ---- nodes ----------------------------------------------------------------------------------

  private check(node: Node): Checked {
    switch (node.kind) {
      case 'number':
        return { node, constant: true, ir: { op: 'const', type: 'number', num: node.value, str: '' } };
      case 'boolean':
        return { node, constant: true, ir: { op: 'const', type: 'boolean', num: node.value ? 1 : 0, str: '' } };
      case 'string':
        return { node, constant: true, ir: { op: 'const', type: 'text', num: NaN, str: node.value } };
      case 'column':
        return { node, constant: false, ir: this.column(node) };
      case 'unary': {
        const operand = this.check(node.operand);
        if (node.op === 'not') {
          this.expect(operand, 'boolean', 'not');
          return { node, constant: operand.constant, ir: { op: 'not', type: 'boolean', a: operand.ir } };
        }
        this.expect(operand, 'number', '-');
        return { node, constant: operand.constant, ir: { op: 'math', type: 'number', code: 'neg', a: operand.ir } };
      }
      case 'binary':
        return this.binary(node, this.check(node.left), this.check(node.right));
      case 'call':
        return this.call(node);
    }
  }

  private column(node: Node & { kind: 'column' }): IR {
    const type = this.columnTypes.get(node.name);
    if (type === undefined) {
      const suggestion = closestName(node.name, this.columnTypes.keys());
      throw this.at(node, `Unknown column "${node.name}" at position ${node.start}${suggestion !== null ? `; did you mean "${suggestion}"?` : ''}`);
    }
    if (!this.usedSet.has(node.name)) {
      this.usedSet.add(node.name);
      this.used.push(node.name);
    }
    return { op: 'column', type: kindOfColumnType(type) as Kind, name: node.name };
  }

  private binary(node: Node & { kind: 'binary' }, left: Checked, right: Checked): Checked {
    const constant = left.constant && right.constant;
    const op = node.op;
    if (op === '-') [left, right] = this.datesFromText([left, right]);
    if (op === 'and' || op === 'or') {
      this.expect(left, 'boolean', op, '');
      this.expect(right, 'boolean', op, '');
      return { node, constant, ir: { op: 'logic', type: 'boolean', and: op === 'and', a: left.ir, b: right.ir } };
    }
    if (ARITH.has(op)) {
      if (op === '-' && left.ir.type === 'date' && right.ir.type === 'date') {
        return { node, constant, ir: { op: 'arith', type: 'number', code: 'days', a: left.ir, b: right.ir } };
      }
      const textHint = op === '+' ? '; use concat() to join text' : '';
      for (const side of [left, right]) {
        const hint = side.ir.type === 'text' ? textHint : side.ir.type === 'boolean' ? '; use if(condition, 1, 0) to turn true/false into a number' : '';
        this.expect(side, 'number', op, hint);
      }
      if ((op === '/' || op === '%') && right.constant && this.constantValue(right.ir) === 0) {
        throw new FormulaError(`Division by zero at position ${node.opStart}`, node.opStart, right.node.end - node.opStart);
      }
      return { node, constant, ir: { op: 'arith', type: 'number', code: op as ArithOp, a: left.ir, b: right.ir } };
    }
    return this.comparison(node, left, right);
  }

  private comparison(node: Node & { kind: 'binary' }, left: Checked, right: Checked): Checked {
    const op = node.op as CompareOp;
    const constant = left.constant && right.constant;
    [left, right] = this.datesFromText([left, right]);
    const a = left.ir.type;
    const b = right.ir.type;
    if (a !== b) {
      const quote =
        a === 'text' && right.node.kind === 'number'
          ? `; write "${right.node.value}" in quotes to compare with text`
          : b === 'text' && left.node.kind === 'number'
            ? `; write "${left.node.value}" in quotes to compare with text`
            : '';
      throw this.at(right.node, `${op} cannot compare ${this.named(left)} with ${this.named(right)}${quote}`);
    }
    if (a === 'text' || a === 'boolean') {
      if (ORDERING.has(op)) {
        throw new FormulaError(
          `${op} compares numbers or dates, but ${this.isWhat(left)}; ${KIND_WORD[a]} values can only be tested with == or !=`,
          node.opStart,
          node.opEnd - node.opStart,
        );
      }
      if (a === 'text') return { node, constant, ir: { op: 'textEquals', type: 'boolean', negate: op === '!=', a: left.ir, b: right.ir } };
    }
    return { node, constant, ir: { op: 'compare', type: 'boolean', code: op, a: left.ir, b: right.ir } };
  }

  /**
   * Where a date meets a text literal (Date >= "2020-01-31", coalesce(Date, "2000-01-01"),
   * Date - "2000-01-01"), the literal is read as a date.
   */
  private datesFromText(args: Checked[]): Checked[] {
    if (!args.some((a) => a.ir.type === 'date')) return args;
    return args.map((a) => (a.node.kind === 'string' ? this.dateLiteral(a) : a));
  }

  private dateLiteral(c: Checked): Checked {
    const value = c.node.kind === 'string' ? parseDateLiteral(c.node.value) : null;
    if (value === null) {
      throw this.at(c.node, `${this.snippet(c.node)} is not a date; write dates as "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" (UTC)`);
    }
    return { node: c.node, constant: true, ir: { op: 'const', type: 'date', num: value, str: '' } };
  }

  private call(node: Node & { kind: 'call' }): Checked {
    const spec = FUNCTIONS_BY_NAME.get(node.name.toLowerCase());
    if (spec === undefined) {
      const nameLength = node.nameEnd - node.start;
      if (this.columnTypes.has(node.name)) {
        throw new FormulaError(
          `Unknown function "${node.name}" at position ${node.start}; "${node.name}" is a column, so write ${node.name} * (...) to multiply`,
          node.start,
          nameLength,
        );
      }
      const suggestion = closestName(node.name, Array.from(FUNCTIONS_BY_NAME.values(), (f) => f.name));
      throw new FormulaError(
        `Unknown function "${node.name}" at position ${node.start}${suggestion !== null ? `; did you mean "${suggestion}"?` : ''}`,
        node.start,
        nameLength,
      );
    }
    const n = node.args.length;
    if (n < spec.minArgs || n > spec.maxArgs) throw this.at(node, `${spec.name} takes ${arity(spec)}, but got ${n}`);
    let args = node.args.map((a) => this.check(a));
    if (spec.name === 'min' || spec.name === 'max' || spec.name === 'coalesce') args = this.datesFromText(args);
    if (spec.name === 'if') args = [args[0], ...this.datesFromText(args.slice(1))];
    const constant = args.every((a) => a.constant);
    return { node, constant, ir: this.callIR(spec.name, args, node) };
  }

  private callIR(name: string, args: Checked[], node: Node): IR {
    const [x, y, z] = args;
    switch (name) {
      case 'log':
      case 'log10':
      case 'log1p':
      case 'exp':
      case 'sqrt':
      case 'abs':
      case 'floor':
      case 'ceil':
        this.expect(x, 'number', name);
        return { op: 'math', type: 'number', code: name, a: x.ir };
      case 'round': {
        this.expect(x, 'number', name);
        let digits = 0;
        if (y !== undefined) {
          this.expect(y, 'number', name);
          digits = y.constant ? this.constantValue(y.ir) : NaN;
          if (!Number.isInteger(digits) || Math.abs(digits) > 15) {
            throw this.at(y.node, `round's digits must be a whole number from -15 to 15, written in the formula, but got ${this.snippet(y.node)}`);
          }
        }
        return { op: 'round', type: 'number', a: x.ir, digits };
      }
      case 'min':
      case 'max': {
        if (x.ir.type !== 'date') this.expect(x, 'number', name);
        for (const other of args.slice(1)) this.expect(other, x.ir.type, name);
        return { op: 'minmax', type: x.ir.type, max: name === 'max', args: args.map((a) => a.ir) };
      }
      case 'if':
        this.expect(x, 'boolean', 'if');
        this.sameKind(y, z, 'if');
        return { op: 'if', type: y.ir.type, cond: x.ir, a: y.ir, b: z.ir };
      case 'isMissing':
        return { op: 'isMissing', type: 'boolean', a: x.ir };
      case 'coalesce':
        for (const other of args.slice(1)) this.sameKind(x, other, 'coalesce');
        return { op: 'coalesce', type: x.ir.type, args: args.map((a) => a.ir) };
      case 'year':
      case 'month':
      case 'day':
      case 'weekday':
      case 'hour':
      case 'minute':
        this.expect(x, 'date', name);
        return { op: 'datePart', type: 'number', code: name, a: x.ir };
      case 'concat':
        return { op: 'concat', type: 'text', args: args.map((a) => a.ir) };
      case 'lower':
      case 'upper':
      case 'trim':
        this.expect(x, 'text', name);
        return { op: 'textMap', type: 'text', code: name, a: x.ir };
      case 'length':
        this.expect(x, 'text', name);
        return { op: 'length', type: 'number', a: x.ir };
      case 'contains':
        this.expect(x, 'text', name);
        this.expect(y, 'text', name);
        return { op: 'contains', type: 'boolean', a: x.ir, b: y.ir };
    }
    throw this.at(node, `Unknown function "${name}"`);
  }
}

function arity(spec: FunctionSpec): string {
  const plural = (k: number) => `${k} argument${k === 1 ? '' : 's'}`;
  if (spec.maxArgs === Infinity) return `at least ${plural(spec.minArgs)}`;
  if (spec.minArgs === spec.maxArgs) return plural(spec.minArgs);
  if (spec.maxArgs === spec.minArgs + 1) return `${spec.minArgs} or ${plural(spec.maxArgs)}`;
  return `${spec.minArgs} to ${plural(spec.maxArgs)}`;
}

const DATE_LITERAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?)?$/;

/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS[.mmm]][Z]" as epoch ms in UTC; null when not a real date. */
export function parseDateLiteral(text: string): number | null {
  const m = DATE_LITERAL.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k] ?? 0));
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // setUTCFullYear, unlike Date.UTC, leaves years 0-99 alone.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  // 2021-02-30 rolls over into March; a real date survives the round trip.
  return date.getUTCDate() === day ? date.getTime() : null;
}
