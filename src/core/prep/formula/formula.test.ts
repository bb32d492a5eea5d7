import { describe, expect, it } from 'vitest';
import { MISSING_CODE, type Column, type Table } from '../../data/table';
import { tableFromColumns, type CellValue } from '../tableFromColumns';
import { compileFormula, formulaColumnReference, formulaHelp } from './index';

const table: Table = tableFromColumns([
  { name: 'x', type: 'numeric', values: [1, 4, -2, null, 0] },
  { name: 'y', type: 'numeric', values: [2, 0, 3, 5, null] },
  { name: 'Sex', type: 'categorical', values: ['male', 'female', null, 'male', 'Female'] },
  { name: 'Name', type: 'text', values: ['  Ann ', 'Bob', 'Émile', null, 'zoë 😀'] },
  { name: 'flag', type: 'boolean', values: [true, false, null, true, false] },
  { name: 'when', type: 'datetime', values: ['2024-02-29T13:45:00Z', '1970-01-01T00:00:00Z', '1969-12-31T23:59:59Z', null, '2000-01-03T00:00:00Z'] },
  { name: 'Beak Length (mm)', type: 'numeric', values: [10, 20, 30, 40, 50] },
  { name: 'and', type: 'numeric', values: [1, 1, 1, 1, 1] },
]);
const columns = table.columns.map((c) => ({ name: c.name, type: c.type }));

/** A column's cells as plain values: numbers, booleans, strings, null for missing. */
function cells(column: Column): CellValue[] {
  const n = column.missing.length;
  return Array.from({ length: n }, (_, i) => {
    if (column.missing[i]) return null;
    if (column.codes && column.categories) return column.categories[column.codes[i]];
    const v = column.values![i];
    return column.type === 'boolean' ? v === 1 : v;
  });
}

function run(text: string, rows?: number[]): CellValue[] {
  const compiled = compileFormula(text, columns);
  if (!compiled.ok) throw new Error(`${text}: ${compiled.error.message}`);
  return cells(compiled.evaluate(table, rows));
}

/** The value of a formula that reads no column, on a one-row table. */
function value(text: string): CellValue {
  const compiled = compileFormula(text, []);
  if (!compiled.ok) throw new Error(`${text}: ${compiled.error.message}`);
  return cells(compiled.evaluate({ rowCount: 1, columns: [] }))[0];
}

describe('numbers and precedence', () => {
  it('reads number literals, including exponents and leading dots', () => {
    expect(value('1e-3')).toBe(0.001);
    expect(value('2.5E2')).toBe(250);
    expect(value('.5')).toBe(0.5);
    expect(value('1.')).toBe(1);
  });

  it('gives ^ right associativity and binds it tighter than unary minus, like Python', () => {
    expect(value('2^3^2')).toBe(512);
    expect(value('-2^2')).toBe(-4);
    expect(value('(-2)^2')).toBe(4);
    expect(value('2^-1')).toBe(0.5);
    expect(value('-2^-2')).toBe(-0.25);
    expect(value('2*3^2')).toBe(18);
  });

  it('orders * / % above + - and makes them left-associative', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('64 / 4 / 2')).toBe(8);
    expect(value('7 % 4 * 2')).toBe(6);
    expect(value('--3')).toBe(3);
    expect(value('+3 - -3')).toBe(6);
  });

  it('takes the sign of the divisor for %, as Python does', () => {
    expect(value('7 % 3')).toBe(1);
    expect(value('-7 % 3')).toBe(2);
    expect(value('7 % -3')).toBe(-2);
    expect(value('-7 % -3')).toBe(-1);
    expect(value('7.5 % 2')).toBe(1.5);
  });

  it('orders comparisons above not, not above and, and above or', () => {
    expect(value('1 + 1 == 2')).toBe(true);
    expect(value('not 1 > 2')).toBe(true);
    expect(value('not true and false')).toBe(false);
    expect(value('true or true and false')).toBe(true);
    expect(value('(true or true) and false')).toBe(false);
    expect(value('not not true')).toBe(true);
    expect(value('1 < 2 and 3 >= 3 and 4 <= 3.5 or 2 != 2')).toBe(false);
  });

  it('accepts keywords and function names in any case', () => {
    expect(value('TRUE AND NOT False')).toBe(true);
    expect(value('LOG(EXP(2))')).toBe(2);
    expect(value('IsMissing(1)')).toBe(false);
  });
});

describe('columns', () => {
  it('reads bare, bracketed and backticked names', () => {
    expect(run('x')).toEqual([1, 4, -2, null, 0]);
    expect(run('[Beak Length (mm)] / 10')).toEqual([1, 2, 3, 4, 5]);
    expect(run('`Beak Length (mm)` + [x]')).toEqual([11, 24, 28, null, 50]);
  });

  it('reads a column named like a keyword when it is bracketed', () => {
    expect(run('[and] + 1')).toEqual([2, 2, 2, 2, 2]);
  });

  it('doubles the closing bracket or backtick inside a name', () => {
    const t = tableFromColumns([
      { name: 'a]b', type: 'numeric', values: [1] },
      { name: 'c`d', type: 'numeric', values: [2] },
    ]);
    const compiled = compileFormula('[a]]b] + `c``d`', t.columns);
    expect(compiled.ok && cells(compiled.evaluate(t))).toEqual([3]);
    expect(formulaColumnReference('a]b')).toBe('[a]]b]');
    expect(formulaColumnReference('Fare')).toBe('Fare');
    expect(formulaColumnReference('sepal.length')).toBe('sepal.length');
    expect(formulaColumnReference('Beak Length (mm)')).toBe('[Beak Length (mm)]');
    expect(formulaColumnReference('not')).toBe('[not]');
    expect(formulaColumnReference('2nd')).toBe('[2nd]');
  });

  it('lists the columns it reads, once each, in order of first use', () => {
    const compiled = compileFormula('if(flag, y, x) + x + y', columns);
    expect(compiled.ok && compiled.columns).toEqual(['flag', 'y', 'x']);
  });

  it('evaluates a subset of rows in the given order', () => {
    expect(run('x * 10', [4, 0, 0, 2])).toEqual([0, 10, 10, -20]);
    expect(run('Sex', [3, 2])).toEqual(['male', null]);
    expect(run('x', [])).toEqual([]);
  });

  it('rejects rows outside the table and tables without the column', () => {
    const compiled = compileFormula('x + 1', columns);
    if (!compiled.ok) throw new Error('expected ok');
    expect(() => compiled.evaluate(table, [5])).toThrow(RangeError);
    expect(() => compiled.evaluate(table, [1.5])).toThrow(RangeError);
    expect(() => compiled.evaluate({ rowCount: 0, columns: [] })).toThrow(/does not have/);
    const retyped = { ...table, columns: table.columns.map((c) => (c.name === 'x' ? { ...c, type: 'boolean' as const } : c)) };
    expect(() => compiled.evaluate(retyped)).toThrow(/checked with "x"/);
  });

  it('does not modify the table it reads', () => {
    const before = Array.from(table.columns[0].values!);
    run('x * 2 + x');
    run('coalesce(x, 0)');
    run('if(flag, x, y)');
    expect(Array.from(table.columns[0].values!)).toEqual(before);
  });

  it('honours the missing mask even when a value is stored under it', () => {
    const t = tableFromColumns([{ name: 'v', type: 'numeric', values: [1, 2] }]);
    t.columns[0].missing[1] = 1;
    const compiled = compileFormula('v + 1', t.columns);
    expect(compiled.ok && cells(compiled.evaluate(t))).toEqual([2, null]);
  });
});

describe('functions', () => {
  it('computes logarithms, exp and sqrt, missing outside their domain', () => {
    expect(value('log(exp(1))')).toBe(1);
    expect(value('log10(1000)')).toBeCloseTo(3, 12);
    expect(value('log1p(0)')).toBe(0);
    expect(value('log1p(1e-10)')).toBeCloseTo(1e-10, 20);
    expect(value('sqrt(16)')).toBe(4);
    expect(value('log(0)')).toBeNull();
    expect(value('log(-1)')).toBeNull();
    expect(value('log10(0)')).toBeNull();
    expect(value('log1p(-1)')).toBeNull();
    expect(value('sqrt(-4)')).toBeNull();
    expect(value('exp(1000)')).toBeNull();
    expect(value('10^400')).toBeNull();
    expect(value('(-8)^(1/3)')).toBeNull();
    expect(run('log(x)')).toEqual([0, Math.log(4), null, null, null]);
  });

  it('computes abs, floor, ceil and round', () => {
    expect(value('abs(-3.5)')).toBe(3.5);
    expect(value('floor(-2.5)')).toBe(-3);
    expect(value('ceil(-2.5)')).toBe(-2);
    expect(value('round(2.5)')).toBe(3);
    expect(value('round(-2.5)')).toBe(-3);
    expect(value('round(3.14159, 2)')).toBe(3.14);
    expect(value('round(-3.14159, 3)')).toBe(-3.142);
    expect(value('round(1234.5, -2)')).toBe(1200);
    expect(value('round(1250, -2)')).toBe(1300);
    expect(value('round(-0.4)')).toBe(0);
    expect(Object.is(value('round(-0.4)'), 0)).toBe(true);
    expect(value('round(1e300, 5)')).toBe(1e300);
    expect(run('round(x / 3, 1 + 1)')).toEqual([0.33, 1.33, -0.67, null, 0]);
  });

  it('computes min and max of numbers and dates', () => {
    expect(value('min(3, 1)')).toBe(1);
    expect(value('max(3, 1, 7, -2)')).toBe(7);
    expect(run('min(x, y)')).toEqual([1, 0, -2, null, null]);
    expect(run('max(x, y, 2)')).toEqual([2, 4, 3, null, null]);
    expect(run('year(max(when, "2000-06-01"))')).toEqual([2024, 2000, 2000, null, 2000]);
  });

  it('chooses with if, where only the chosen branch can make the result missing', () => {
    expect(run('if(x > 0, x, 100)')).toEqual([1, 4, 100, null, 100]);
    expect(run('if(flag, "yes", "no")')).toEqual(['yes', 'no', null, 'yes', 'no']);
    expect(run('if(flag, Sex, "none")')).toEqual(['male', 'none', null, 'male', 'none']);
    expect(run('if(flag, x > 0, false)')).toEqual([true, false, null, null, false]);
    expect(run('if(flag, y, x)')).toEqual([2, 4, null, 5, 0]);
    expect(value('if(true, 1, log(-1))')).toBe(1);
    expect(value('if(1 > 2, 1, 2)')).toBe(2);
    expect(value('if(log(-1) > 0, 1, 2)')).toBeNull();
  });

  it('tests for missing values with isMissing, which is never missing itself', () => {
    expect(run('isMissing(x)')).toEqual([false, false, false, true, false]);
    expect(run('isMissing(Sex)')).toEqual([false, false, true, false, false]);
    expect(run('isMissing(when)')).toEqual([false, false, false, true, false]);
    expect(run('isMissing(x / y)')).toEqual([false, true, false, true, true]);
    expect(value('isMissing("a")')).toBe(false);
  });

  it('fills missing values with coalesce', () => {
    expect(run('coalesce(x, y)')).toEqual([1, 4, -2, 5, 0]);
    expect(run('coalesce(x / y, -1)')).toEqual([0.5, -1, -2 / 3, -1, -1]);
    expect(run('coalesce(Sex, "unknown")')).toEqual(['male', 'female', 'unknown', 'male', 'Female']);
    expect(run('coalesce(Sex, Name, "?")')).toEqual(['male', 'female', 'Émile', 'male', 'Female']);
    expect(run('coalesce(flag, true)')).toEqual([true, false, true, true, false]);
    expect(run('month(coalesce(when, "1999-07-04"))')).toEqual([2, 1, 12, 7, 1]);
    expect(value('coalesce(log(-1), sqrt(-1), 3)')).toBe(3);
    expect(value('coalesce(log(-1), sqrt(-1))')).toBeNull();
  });

  it('joins and reshapes text', () => {
    expect(run('concat(Sex, "-", x)')).toEqual(['male-1', 'female-4', null, null, 'Female-0']);
    expect(run('concat("a", flag)')).toEqual(['atrue', 'afalse', null, 'atrue', 'afalse']);
    expect(run('concat(when, "")')).toEqual(['2024-02-29T13:45:00Z', '1970-01-01', '1969-12-31T23:59:59Z', null, '2000-01-03']);
    expect(value('concat("x", 1.5, true)')).toBe('x1.5true');
    expect(run('lower(Sex)')).toEqual(['male', 'female', null, 'male', 'female']);
    expect(run('upper(Name)')).toEqual(['  ANN ', 'BOB', 'ÉMILE', null, 'ZOË 😀']);
    expect(run('trim(Name)')).toEqual(['Ann', 'Bob', 'Émile', null, 'zoë 😀']);
    expect(run('length(Name)')).toEqual([6, 3, 5, null, 5]);
    expect(run('contains(Sex, "male")')).toEqual([true, true, null, true, true]);
    expect(run('contains(Sex, "fe")')).toEqual([false, true, null, false, false]);
    expect(run('contains("female male", Sex)')).toEqual([true, true, null, true, false]);
    expect(run('contains(Name, Sex)')).toEqual([false, false, null, null, false]);
    expect(value('contains("abc", "")')).toBe(true);
  });

  it('merges categories that text functions make equal', () => {
    const compiled = compileFormula('lower(Sex)', columns);
    if (!compiled.ok) throw new Error('expected ok');
    const column = compiled.evaluate(table);
    expect(column.categories).toEqual(['male', 'female']);
    expect(Array.from(column.codes!)).toEqual([0, 1, MISSING_CODE, 0, 1]);
  });
});

describe('dates (UTC)', () => {
  it('extracts date parts of known dates', () => {
    expect(run('year(when)')).toEqual([2024, 1970, 1969, null, 2000]);
    expect(run('month(when)')).toEqual([2, 1, 12, null, 1]);
    expect(run('day(when)')).toEqual([29, 1, 31, null, 3]);
    // 2024-02-29 was a Thursday, 1970-01-01 a Thursday, 1969-12-31 a Wednesday, 2000-01-03 a Monday.
    expect(run('weekday(when)')).toEqual([3, 3, 2, null, 0]);
    expect(run('hour(when)')).toEqual([13, 0, 23, null, 0]);
    expect(run('minute(when)')).toEqual([45, 0, 59, null, 0]);
  });

  it('agrees with Date over four centuries of days and times, before and after 1970', () => {
    const stamps: number[] = [];
    for (let ms = Date.UTC(1800, 0, 1); ms < Date.UTC(2200, 0, 1); ms += 86_400_000 * 13 + 3_600_000 * 5 + 60_000 * 7) stamps.push(ms);
    const t: Table = {
      rowCount: stamps.length,
      columns: [{ name: 'd', type: 'datetime', inferredType: 'datetime', values: Float64Array.from(stamps), missing: new Uint8Array(stamps.length) }],
    };
    const part = (f: string) => {
      const compiled = compileFormula(`${f}(d)`, t.columns);
      if (!compiled.ok) throw new Error(compiled.error.message);
      return Array.from(compiled.evaluate(t).values!);
    };
    const dates = stamps.map((ms) => new Date(ms));
    expect(part('year')).toEqual(dates.map((d) => d.getUTCFullYear()));
    expect(part('month')).toEqual(dates.map((d) => d.getUTCMonth() + 1));
    expect(part('day')).toEqual(dates.map((d) => d.getUTCDate()));
    expect(part('weekday')).toEqual(dates.map((d) => (d.getUTCDay() + 6) % 7));
    expect(part('hour')).toEqual(dates.map((d) => d.getUTCHours()));
    expect(part('minute')).toEqual(dates.map((d) => d.getUTCMinutes()));
  });

  it('compares dates with each other and with date literals', () => {
    expect(run('when >= "2000-01-01"')).toEqual([true, false, false, null, true]);
    expect(run('"1970-01-01T00:00:00Z" == when')).toEqual([false, true, false, null, false]);
    expect(run('when < "1970-01-01 00:00:01"')).toEqual([false, true, true, null, false]);
    expect(run('when == when')).toEqual([true, true, true, null, true]);
  });

  it('subtracts dates into days', () => {
    expect(run('when - "2000-01-01" > 0')).toEqual([true, false, false, null, true]);
    expect(run('"2024-03-01" - when')).toEqual([10.25 / 24, 19783, 19783 + 1 / 86400, null, 8824]);
    const t = tableFromColumns([
      { name: 'a', type: 'datetime', values: ['2024-03-01T12:00:00Z', null] },
      { name: 'b', type: 'datetime', values: ['2024-02-28T00:00:00Z', '2024-01-01T00:00:00Z'] },
    ]);
    const compiled = compileFormula('a - b', t.columns);
    expect(compiled.ok && compiled.type).toBe('numeric');
    expect(compiled.ok && cells(compiled.evaluate(t))).toEqual([2.5, null]);
  });
});

describe('comparisons and logic', () => {
  it('compares categoricals and text with string literals and with each other', () => {
    expect(run('Sex == "male"')).toEqual([true, false, null, true, false]);
    expect(run('"female" == Sex')).toEqual([false, true, null, false, false]);
    expect(run('Sex != "male"')).toEqual([false, true, null, false, true]);
    expect(run('Sex == "nobody"')).toEqual([false, false, null, false, false]);
    expect(run('lower(Sex) == "female"')).toEqual([false, true, null, false, true]);
    expect(run('Sex == Name')).toEqual([false, false, null, null, false]);
    expect(run('trim(Name) == "Ann"')).toEqual([true, false, false, null, false]);
  });

  it('compares numbers and booleans, missing when an operand is missing', () => {
    expect(run('x < y')).toEqual([true, false, true, null, null]);
    expect(run('x <= 1')).toEqual([true, false, true, null, true]);
    expect(run('x > 0')).toEqual([true, true, false, null, false]);
    expect(run('x >= 0')).toEqual([true, true, false, null, true]);
    expect(run('x == 4')).toEqual([false, true, false, null, false]);
    expect(run('x != 4')).toEqual([true, false, true, null, true]);
    expect(run('flag == true')).toEqual([true, false, null, true, false]);
    expect(run('flag != (x > 0)')).toEqual([false, true, null, null, false]);
  });

  it('propagates missing through and, or and not', () => {
    expect(run('flag and x > 0')).toEqual([true, false, null, null, false]);
    expect(run('flag or x > 0')).toEqual([true, true, null, null, false]);
    expect(run('not flag')).toEqual([false, true, null, false, true]);
  });
});

describe('missing values and division by zero', () => {
  it('propagates missing through arithmetic and functions', () => {
    expect(run('x + y')).toEqual([3, 4, 1, null, null]);
    expect(run('abs(x) * 2 - y')).toEqual([0, 8, 1, null, null]);
    expect(run('x ^ 0')).toEqual([1, 1, 1, null, 1]);
    expect(run('1 ^ x')).toEqual([1, 1, 1, null, 1]);
    expect(run('-x')).toEqual([-1, -4, 2, null, -0]);
    expect(run('year(when) + x')).toEqual([2025, 1974, 1967, null, 2000]);
  });

  it('gives missing for division and remainder by a zero in the data', () => {
    expect(run('x / y')).toEqual([0.5, null, -2 / 3, null, null]);
    expect(run('y / x')).toEqual([2, 0, -1.5, null, null]);
    expect(run('x % y')).toEqual([1, null, 1, null, null]);
    expect(run('1 / (x - x)')).toEqual([null, null, null, null, null]);
  });
});

describe('results', () => {
  it('types the result column by the formula type', () => {
    const numeric = compileFormula('x + 1', columns);
    const boolean = compileFormula('x > 1', columns);
    const text = compileFormula('concat(Sex, "!")', columns);
    expect([numeric, boolean, text].map((c) => c.ok && c.type)).toEqual(['numeric', 'boolean', 'categorical']);
    const b = boolean.ok ? boolean.evaluate(table) : null;
    expect(b?.type).toBe('boolean');
    expect(b?.inferredType).toBe('boolean');
    expect(Array.from(b?.values ?? [])).toEqual([0, 1, 0, NaN, 0]);
    expect(Array.from(b?.missing ?? [])).toEqual([0, 0, 0, 1, 0]);
    const c = text.ok ? text.evaluate(table) : null;
    expect(c?.type).toBe('categorical');
    expect(c?.categories).toEqual(['male!', 'female!', 'Female!']);
    expect(Array.from(c?.codes ?? [])).toEqual([0, 1, MISSING_CODE, 0, 2]);
    expect(Array.from(c?.missing ?? [])).toEqual([0, 0, 1, 0, 0]);
    expect(c?.values).toBeUndefined();
  });

  it('keeps only the categories some row uses', () => {
    const compiled = compileFormula('if(x > 0, Sex, "neg")', columns);
    const c = compiled.ok ? compiled.evaluate(table) : null;
    expect(c?.categories).toEqual(['male', 'female', 'neg']);
    expect(cells(c!)).toEqual(['male', 'female', 'neg', null, 'neg']);
  });

  it('fills a constant formula into every row', () => {
    const compiled = compileFormula('2 * 21', columns);
    expect(compiled.ok && cells(compiled.evaluate(table))).toEqual([42, 42, 42, 42, 42]);
    const text = compileFormula('"a"', columns);
    expect(text.ok && cells(text.evaluate(table))).toEqual(['a', 'a', 'a', 'a', 'a']);
    const missing = compileFormula('log(0)', columns);
    expect(missing.ok && cells(missing.evaluate(table))).toEqual([null, null, null, null, null]);
  });

  it('returns a fresh buffer even for a bare column reference', () => {
    const compiled = compileFormula('x', columns);
    const c = compiled.ok ? compiled.evaluate(table) : null;
    expect(c?.values).not.toBe(table.columns[0].values);
  });

  it('reads text escapes', () => {
    expect(value('"say \\"hi\\" \\\\ \\t"')).toBe('say "hi" \\ \t');
    expect(value('length("a\\nb")')).toBe(3);
  });
});

describe('formulaHelp', () => {
  it('documents every function with a signature and description', () => {
    const names = formulaHelp.map((h) => h.name);
    for (const name of ['log', 'log10', 'log1p', 'exp', 'sqrt', 'abs', 'round', 'floor', 'ceil', 'min', 'max', 'if', 'isMissing', 'coalesce', 'year', 'month', 'day', 'weekday', 'hour', 'concat', 'lower', 'upper']) {
      expect(names).toContain(name);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const h of formulaHelp) {
      expect(h.signature.length).toBeGreaterThan(0);
      expect(h.description.length).toBeGreaterThan(0);
    }
  });

  it('compiles every function signature example that is a formula', () => {
    const numbers = [{ name: 'x', type: 'numeric' as const }];
    expect(compileFormula('round(x, 2) + min(x, 1) + max(x, 2) + log1p(x) + log10(x)', numbers).ok).toBe(true);
  });
});
