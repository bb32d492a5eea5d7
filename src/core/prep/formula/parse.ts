/**
 * A recursive-descent parser from tokens to an untyped syntax tree.
 *
 * Precedence, loosest first (Python's order):
 *   or  <  and  <  not  <  comparisons (not chained)  <  + -  <  * / %  <  unary -  <  ^  <  calls, ( )
 * `^` is right-associative and binds tighter than a unary minus on its left, so 2^3^2 = 512 and
 * -2^2 = -4, while 2^-1 = 0.5.
 *
 * Limits keep a hostile formula cheap: the text length is checked by the caller; nesting depth
 * and node count are checked here, before recursion could get deep, so neither this parser nor
 * the checker and interpreter (which recurse over the tree) can overflow the stack.
 */
import { FormulaError, tokenize, type Token } from './tokenize';

export const MAX_FORMULA_LENGTH = 2000;
export const MAX_FORMULA_DEPTH = 64;
export const MAX_FORMULA_NODES = 500;

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or';
export type UnaryOp = '-' | 'not';

interface Span {
  start: number;
  end: number;
  /** 1 for a leaf. */
  depth: number;
}

export type Node =
  | (Span & { kind: 'number'; value: number })
  | (Span & { kind: 'string'; value: string })
  | (Span & { kind: 'boolean'; value: boolean })
  | (Span & { kind: 'column'; name: string })
  | (Span & { kind: 'unary'; op: UnaryOp; operand: Node })
  | (Span & { kind: 'binary'; op: BinaryOp; left: Node; right: Node; opStart: number; opEnd: number })
  | (Span & { kind: 'call'; name: string; nameEnd: number; args: Node[] });

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

export function isKeyword(name: string): boolean {
  return KEYWORDS.has(name.toLowerCase());
}

function keyword(token: Token): string | null {
  if (token.kind !== 'name') return null;
  const lower = token.text.toLowerCase();
  return KEYWORDS.has(lower) ? lower : null;
}

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of the formula';
    case 'number':
      return `number ${token.text}`;
    case 'string':
      return 'text';
    case 'name':
      return keyword(token) ? token.text : `name ${token.text}`;
    case 'quoted':
      return `column [${token.text}]`;
    default:
      return token.text;
  }
}

export function parseFormula(text: string): Node {
  return new Parser(tokenize(text)).parseAll();
}

class Parser {
  private index = 0;
  private nesting = 0;
  private nodes = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): Node {
    if (this.peek().kind === 'eof') throw new FormulaError('The formula is empty', 0, 0);
    const node = this.parseExpression();
    const next = this.peek();
    if (next.kind !== 'eof') throw this.unexpected(next, 'after a complete value');
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private take(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return (t.kind === 'op' && t.text === op) || keyword(t) === op;
  }

  private unexpected(token: Token, context: string): FormulaError {
    if (token.kind === ')') return new FormulaError(`Unmatched ) at position ${token.start}`, token.start, 1);
    const hint = this.spaceHint(token) || (token.kind !== 'eof' ? '; expected an operator such as + or *' : '');
    return new FormulaError(`Unexpected ${describeToken(token)} at position ${token.start} ${context}${hint}`, token.start, token.end - token.start);
  }

  /** Two bare names in a row are usually one column name with a space in it. */
  private spaceHint(token: Token): string {
    const previous = this.tokens[this.index - 1];
    const bare = (t: Token | undefined) => t !== undefined && t.kind === 'name' && !keyword(t);
    return bare(previous) && bare(token) ? '; a column name with spaces goes in brackets, like [Beak Length]' : '';
  }

  /** Every recursion passes here, so the stack never grows past MAX_FORMULA_DEPTH levels. */
  private enter(at: Token): void {
    if (++this.nesting > MAX_FORMULA_DEPTH) throw tooDeep(at.start, at.end - at.start);
  }

  private leave(): void {
    this.nesting--;
  }

  private node<N extends Node>(node: N): N {
    if (++this.nodes > MAX_FORMULA_NODES) {
      throw new FormulaError(`The formula has too many parts (more than ${MAX_FORMULA_NODES}) at position ${node.start}`, node.start, node.end - node.start);
    }
    if (node.depth > MAX_FORMULA_DEPTH) throw tooDeep(node.start, node.end - node.start);
    return node;
  }

  private parseExpression(): Node {
    this.enter(this.peek());
    const node = this.parseOr();
    this.leave();
    return node;
  }

  private binary(op: BinaryOp, left: Node, right: Node, opToken: Token): Node {
    return this.node({
      kind: 'binary',
      op,
      left,
      right,
      opStart: opToken.start,
      opEnd: opToken.end,
      start: left.start,
      end: right.end,
      depth: 1 + Math.max(left.depth, right.depth),
    });
  }

  private parseOr(): Node {
    let left = this.parseAnd();
    while (this.isOp('or')) {
      const op = this.take();
      left = this.binary('or', left, this.parseAnd(), op);
    }
    return left;
  }

  private parseAnd(): Node {
    let left = this.parseNot();
    while (this.isOp('and')) {
      const op = this.take();
      left = this.binary('and', left, this.parseNot(), op);
    }
    return left;
  }

  private parseNot(): Node {
    if (this.isOp('not')) {
      const op = this.take();
      this.enter(op);
      const operand = this.parseNot();
      this.leave();
      return this.node({ kind: 'unary', op: 'not', operand, start: op.start, end: operand.end, depth: operand.depth + 1 });
    }
    return this.parseComparison();
  }

  private parseComparison(): Node {
    const left = this.parseAdditive();
    const t = this.peek();
    if (t.kind !== 'op' || !COMPARISONS.has(t.text)) return left;
    this.take();
    const node = this.binary(t.text as BinaryOp, left, this.parseAdditive(), t);
    const after = this.peek();
    if (after.kind === 'op' && COMPARISONS.has(after.text)) {
      throw new FormulaError(
        `Comparisons cannot be chained: ${after.text} at position ${after.start} follows another comparison; join them with and`,
        after.start,
        after.end - after.start,
      );
    }
    return node;
  }

  private parseAdditive(): Node {
    let left = this.parseMultiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.take();
      left = this.binary(op.text as BinaryOp, left, this.parseMultiplicative(), op);
    }
    return left;
  }

  private parseMultiplicative(): Node {
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.take();
      left = this.binary(op.text as BinaryOp, left, this.parseUnary(), op);
    }
    return left;
  }

  private parseUnary(): Node {
    if (this.isOp('-') || this.isOp('+')) {
      const op = this.take();
      this.enter(op);
      const operand = this.parseUnary();
      this.leave();
      if (op.text === '+') return operand;
      return this.node({ kind: 'unary', op: '-', operand, start: op.start, end: operand.end, depth: operand.depth + 1 });
    }
    return this.parsePower();
  }

  private parsePower(): Node {
    const base = this.parsePrimary();
    if (!this.isOp('^')) return base;
    const op = this.take();
    this.enter(op);
    // The exponent may carry its own sign and power: 2^-1, 2^3^2 (right-associative).
    const exponent = this.parseUnary();
    this.leave();
    return this.binary('^', base, exponent, op);
  }

  private parsePrimary(): Node {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.take();
        return this.node({ kind: 'number', value: t.value, start: t.start, end: t.end, depth: 1 });
      case 'string':
        this.take();
        return this.node({ kind: 'string', value: t.text, start: t.start, end: t.end, depth: 1 });
      case 'quoted':
        this.take();
        return this.node({ kind: 'column', name: t.text, start: t.start, end: t.end, depth: 1 });
      case 'name': {
        const kw = keyword(t);
        if (kw === 'true' || kw === 'false') {
          this.take();
          return this.node({ kind: 'boolean', value: kw === 'true', start: t.start, end: t.end, depth: 1 });
        }
        if (kw) break;
        this.take();
        if (this.peek().kind === '(') return this.parseCall(t);
        return this.node({ kind: 'column', name: t.text, start: t.start, end: t.end, depth: 1 });
      }
      case '(': {
        this.take();
        const inner = this.parseExpression();
        const close = this.expectClose(t);
        // The parentheses belong to the span, so an error underlines (2 - 2) whole; a column
        // keeps its own span, so "Unknown column" points at the name.
        return inner.kind === 'column' ? inner : { ...inner, start: t.start, end: close.end };
      }
      default:
        break;
    }
    if (t.kind === 'eof') {
      const previous = this.tokens[this.index - 1];
      const afterOperator = previous && (previous.kind === 'op' || previous.kind === '(' || previous.kind === ',' || keyword(previous));
      const after = afterOperator ? ` after ${previous.text}` : '';
      throw new FormulaError(`Expected a value${after} at the end of the formula (position ${t.start})`, t.start, 0);
    }
    throw new FormulaError(`Expected a value but found ${describeToken(t)} at position ${t.start}`, t.start, t.end - t.start);
  }

  private expectClose(open: Token): Token {
    const t = this.peek();
    if (t.kind === ')') return this.take();
    throw new FormulaError(`Expected ) to close ( at position ${open.start}${this.spaceHint(t)}`, t.start, t.end - t.start);
  }

  private parseCall(name: Token): Node {
    const open = this.take();
    const args: Node[] = [];
    if (this.peek().kind !== ')') {
      for (;;) {
        args.push(this.parseExpression());
        if (this.peek().kind !== ',') break;
        this.take();
      }
    }
    const close = this.expectClose(open);
    const depth = 1 + args.reduce((d, a) => Math.max(d, a.depth), 0);
    return this.node({ kind: 'call', name: name.text, nameEnd: name.end, args, start: name.start, end: close.end, depth });
  }
}

function tooDeep(position: number, length: number): FormulaError {
  return new FormulaError(`The formula nests too deeply (more than ${MAX_FORMULA_DEPTH} levels) at position ${position}`, position, length);
}
