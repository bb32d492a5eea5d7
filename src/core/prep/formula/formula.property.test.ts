import { describe, expect, it } from 'vitest';
import { MISSING_CODE, type Column, type Table } from '../../data/table';
import { createRng, type Rng } from '../../random';
import { tableFromColumns } from '../tableFromColumns';
import { FUNCTIONS } from './functions';
import { compileFormula, MAX_FORMULA_LENGTH } from './index';

const table: Table = tableFromColumns([
  { name: 'x', type: 'numeric', values: [1, 4, -2, null, 0, 2.5, -0.5, 1e6] },
  { name: 'y', type: 'numeric', values: [2, 0, 3, 5, null, -1, 7, 0.001] },
  { name: 'Sex', type: 'categorical', values: ['male', 'female', null, 'male', 'Female', 'x', 'male', ''] },
  { name: 'Name', type: 'text', values: ['Ann', 'Bob', 'Émile', null, 'zoë 😀', 'male', 'Ann', 'Z'] },
  { name: 'flag', type: 'boolean', values: [true, false, null, true, false, true, true, false] },
  { name: 'when', type: 'datetime', values: ['2024-02-29T13:45:00Z', '1970-01-01', null, '1969-12-31T23:59:59Z', '2000-01-03', '2020-06-15', '1900-03-01', '2100-12-31'] },
  { name: 'Beak Length (mm)', type: 'numeric', values: [10, 20, 30, 40, 50, 60, null, 80] },
  { name: '__proto__', type: 'numeric', values: [1, 2, 3, 4, 5, 6, 7, 8] },
]);
const columns = table.columns.map((c) => ({ name: c.name, type: c.type }));

const PIECES = [
  'x', 'y', 'Sex', 'Name', 'flag', 'when', '[Beak Length (mm)]', '`x`', '__proto__', 'constructor', 'Fare',
  '1', '0', '2.5', '1e-3', '1e308', '-1', '"male"', '"2020-01-01"', '""', '"\\""',
  '+', '-', '*', '/', '%', '^', '<', '<=', '==', '!=', '>', '>=', 'and', 'or', 'not', 'true', 'false',
  '(', '(', ')', ')', ',', ' ', ' ', '[', ']', '"', '\\', '`', '#', '=', '!', '😀', 'é', '.', 'e',
  ...FUNCTIONS.map((f) => `${f.name}(`),
];

const RAW = 'abxyz019.,;:()[]{}"\'`\\+-*/%^<>=!&| \t\n#@$~_éß😀\u0000\u2028';

/** A formula's column is well formed: its type, length, missing mask and codes agree. */
function checkColumn(column: Column, type: string, n: number): void {
  expect(column.type).toBe(type);
  expect(column.missing.length).toBe(n);
  if (type === 'categorical') {
    expect(column.codes?.length).toBe(n);
    const cats = column.categories!;
    expect(new Set(cats).size).toBe(cats.length);
    for (let i = 0; i < n; i++) {
      const code = column.codes![i];
      expect(column.missing[i] === 1).toBe(code === MISSING_CODE);
      if (code !== MISSING_CODE) expect(code).toBeLessThan(cats.length);
    }
    return;
  }
  expect(column.values?.length).toBe(n);
  for (let i = 0; i < n; i++) {
    const v = column.values![i];
    expect(column.missing[i] === 1).toBe(Number.isNaN(v));
    if (!Number.isNaN(v)) expect(Number.isFinite(v)).toBe(true);
    if (type === 'boolean' && !Number.isNaN(v)) expect(v === 0 || v === 1).toBe(true);
  }
}

/** Compiles and, when it compiles, runs the formula over all rows and a shuffled subset. */
function exercise(text: string, rng: Rng): boolean {
  const started = performance.now();
  const r = compileFormula(text, columns);
  if (!r.ok) {
    const { message, position, length } = r.error;
    expect(message.length).toBeGreaterThan(0);
    expect(message).not.toBe('The formula could not be read');
    expect(position).toBeGreaterThanOrEqual(0);
    expect(length).toBeGreaterThanOrEqual(0);
    expect(position + length).toBeLessThanOrEqual(text.length);
  } else {
    expect(['numeric', 'boolean', 'categorical']).toContain(r.type);
    checkColumn(r.evaluate(table), r.type, table.rowCount);
    const rows = rng.shuffle(Array.from({ length: table.rowCount }, (_, i) => i)).slice(0, rng.int(table.rowCount + 1));
    checkColumn(r.evaluate(table, rows), r.type, rows.length);
  }
  expect(performance.now() - started).toBeLessThan(1000);
  return r.ok;
}

describe('formula fuzzing', () => {
  it('never throws or hangs on random token soup', () => {
    const rng = createRng(20240611);
    let compiled = 0;
    for (let trial = 0; trial < 3000; trial++) {
      // Short soups compile often enough to reach the interpreter; long ones stress the parser.
      const length = 1 + rng.int(rng.next() < 0.5 ? 5 : 24);
      const text = Array.from({ length }, () => PIECES[rng.int(PIECES.length)]).join(rng.next() < 0.5 ? ' ' : '');
      if (exercise(text, rng)) compiled++;
    }
    // The soup must reach the interpreter often enough to test it too.
    expect(compiled).toBeGreaterThan(50);
  });

  it('never throws or hangs on random characters', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 3000; trial++) {
      const chars = Array.from(RAW);
      const text = Array.from({ length: rng.int(40) }, () => chars[rng.int(chars.length)]).join('');
      exercise(text, rng);
    }
  });

  it('never throws or hangs on well-typed random formulas, deep ones included', () => {
    const rng = createRng(99);
    let compiled = 0;
    for (let trial = 0; trial < 800; trial++) {
      const text = randomFormula(rng, pickKind(rng), 1 + rng.int(8));
      if (text.length > MAX_FORMULA_LENGTH) continue;
      if (exercise(text, rng)) compiled++;
    }
    expect(compiled).toBeGreaterThan(500);
  });

  it('never throws on hostile text at and past the limits', () => {
    const rng = createRng(3);
    const hostile = [
      '('.repeat(MAX_FORMULA_LENGTH),
      `${'-'.repeat(MAX_FORMULA_LENGTH - 1)}x`,
      `${'not '.repeat(499)}flag`,
      `x${'^x'.repeat(999)}`,
      `x${'+x'.repeat(999)}`,
      `concat(${Array(600).fill('Sex').join(',')})`,
      '"'.repeat(MAX_FORMULA_LENGTH),
      '['.repeat(MAX_FORMULA_LENGTH),
      `${'if(flag,'.repeat(200)}1${',2)'.repeat(200)}`,
      'x'.repeat(MAX_FORMULA_LENGTH),
      'x'.repeat(MAX_FORMULA_LENGTH + 1),
    ];
    for (const text of hostile) exercise(text, rng);
  });
});

type K = 'n' | 'b' | 't' | 'd';
const pickKind = (rng: Rng): K => (['n', 'n', 'b', 't'] as const)[rng.int(4)];

/** A random formula of the given kind, type-correct by construction. */
function randomFormula(rng: Rng, kind: K, depth: number): string {
  const pick = <T,>(list: readonly T[]): T => list[rng.int(list.length)];
  const sub = (k: K) => randomFormula(rng, k, depth - 1);
  if (depth <= 1 || rng.next() < 0.15) {
    switch (kind) {
      case 'n':
        return pick(['x', 'y', '[Beak Length (mm)]', '__proto__', '3', '0.5', '1e-3', '-2', '100']);
      case 'b':
        return pick(['flag', 'true', 'false']);
      case 't':
        return pick(['Sex', 'Name', '"male"', '""', '"a b"']);
      default:
        return pick(['when', 'when']);
    }
  }
  switch (kind) {
    case 'n':
      return pick([
        () => `(${sub('n')} ${pick(['+', '-', '*', '/', '%', '^'])} ${sub('n')})`,
        () => `-${sub('n')}`,
        () => `${pick(['log', 'log10', 'log1p', 'exp', 'sqrt', 'abs', 'floor', 'ceil', 'round'])}(${sub('n')})`,
        () => `round(${sub('n')}, ${rng.int(7) - 3})`,
        () => `${pick(['min', 'max', 'coalesce'])}(${sub('n')}, ${sub('n')})`,
        () => `if(${sub('b')}, ${sub('n')}, ${sub('n')})`,
        () => `${pick(['year', 'month', 'day', 'weekday', 'hour', 'minute'])}(${sub('d')})`,
        () => `length(${sub('t')})`,
        () => `(${sub('d')} - ${sub('d')})`,
      ])();
    case 'b':
      return pick([
        () => `(${sub('n')} ${pick(['<', '<=', '>', '>=', '==', '!='])} ${sub('n')})`,
        () => `(${sub('t')} ${pick(['==', '!='])} ${sub('t')})`,
        () => `(${sub('b')} ${pick(['and', 'or', '==', '!='])} ${sub('b')})`,
        () => `not ${sub('b')}`,
        () => `isMissing(${sub(pick(['n', 'b', 't', 'd'] as const))})`,
        () => `contains(${sub('t')}, ${sub('t')})`,
        () => `(when ${pick(['<', '>='])} "2000-01-01")`,
        () => `coalesce(${sub('b')}, ${sub('b')})`,
      ])();
    case 't':
      return pick([
        () => `concat(${sub(pick(['n', 'b', 't', 'd'] as const))}, ${sub('t')})`,
        () => `${pick(['lower', 'upper', 'trim'])}(${sub('t')})`,
        () => `if(${sub('b')}, ${sub('t')}, ${sub('t')})`,
        () => `coalesce(${sub('t')}, ${sub('t')})`,
      ])();
    default:
      return pick([() => `coalesce(${sub('d')}, "2001-02-03")`, () => `if(${sub('b')}, when, "1999-12-31")`, () => `min(${sub('d')}, when)`])();
  }
}

/**
 * Differential check: random arithmetic on numeric columns, written fully parenthesised,
 * against a plain per-row reference with the documented semantics.
 */
type Ref = (row: number) => number | null;

function randomArithmetic(rng: Rng, depth: number): { text: string; ref: Ref } {
  const xs = table.columns[0].values!;
  const ys = table.columns[1].values!;
  const cell = (values: Float64Array, row: number) => (Number.isNaN(values[row]) ? null : values[row]);
  const fin = (v: number) => (Number.isFinite(v) ? v : null);
  if (depth <= 1 || rng.next() < 0.2) {
    const leaf = rng.int(3);
    if (leaf === 0) return { text: 'x', ref: (r) => cell(xs, r) };
    if (leaf === 1) return { text: 'y', ref: (r) => cell(ys, r) };
    const c = rng.int(9) - 3;
    // A negative literal goes in parentheses: -2 ^ x is -(2 ^ x).
    return { text: c < 0 ? `(${c})` : `${c}`, ref: () => c };
  }
  const a = randomArithmetic(rng, depth - 1);
  const b = randomArithmetic(rng, depth - 1);
  const both = (f: (p: number, q: number) => number | null): Ref => (r) => {
    const p = a.ref(r);
    const q = b.ref(r);
    return p === null || q === null ? null : f(p, q);
  };
  const one = (f: (p: number) => number | null): Ref => (r) => {
    const p = a.ref(r);
    return p === null ? null : f(p);
  };
  switch (rng.int(12)) {
    case 0:
      return { text: `(${a.text} + ${b.text})`, ref: both((p, q) => fin(p + q)) };
    case 1:
      return { text: `(${a.text} - ${b.text})`, ref: both((p, q) => fin(p - q)) };
    case 2:
      return { text: `(${a.text} * ${b.text})`, ref: both((p, q) => fin(p * q)) };
    case 3:
      if (b.text === '0') return a;
      return { text: `(${a.text} / ${b.text})`, ref: both((p, q) => (q === 0 ? null : fin(p / q))) };
    case 4:
      if (b.text === '0') return a;
      return { text: `(${a.text} % ${b.text})`, ref: both((p, q) => (q === 0 ? null : fin(pythonMod(p, q)))) };
    case 5:
      return { text: `(${a.text} ^ ${b.text})`, ref: both((p, q) => fin(p ** q)) };
    case 6:
      return { text: `(-${a.text})`, ref: one((p) => -p) };
    case 7:
      return { text: `sqrt(${a.text})`, ref: one((p) => fin(Math.sqrt(p))) };
    case 8:
      return { text: `log(${a.text})`, ref: one((p) => fin(Math.log(p))) };
    case 9:
      return { text: `min(${a.text}, ${b.text})`, ref: both((p, q) => Math.min(p, q)) };
    case 10:
      return { text: `coalesce(${a.text}, ${b.text})`, ref: (r) => a.ref(r) ?? b.ref(r) };
    default: {
      const c = randomArithmetic(rng, depth - 1);
      return {
        text: `if(${a.text} > ${b.text}, ${c.text}, ${b.text})`,
        ref: (r) => {
          const p = a.ref(r);
          const q = b.ref(r);
          return p === null || q === null ? null : p > q ? c.ref(r) : q;
        },
      };
    }
  }
}

/** Python's %: the remainder takes the sign of the divisor. */
function pythonMod(p: number, q: number): number {
  const m = p % q;
  return m !== 0 && m < 0 !== q < 0 ? m + q : m;
}

describe('formula semantics against a per-row reference', () => {
  it('agrees on random arithmetic over columns with missing values and zeros', () => {
    const rng = createRng(424242);
    for (let trial = 0; trial < 1500; trial++) {
      const { text, ref } = randomArithmetic(rng, 1 + rng.int(6));
      const r = compileFormula(text, columns);
      // A divisor built from constants alone may fold to zero, which is a check-time error.
      if (!r.ok && r.error.message.startsWith('Division by zero')) continue;
      if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
      const column = r.evaluate(table);
      const got = Array.from(column.values!, (v) => (Number.isNaN(v) ? null : v + 0));
      const want = Array.from({ length: table.rowCount }, (_, row) => {
        const v = ref(row);
        return v === null ? null : v + 0;
      });
      expect(got, text).toEqual(want);
    }
  });
});
