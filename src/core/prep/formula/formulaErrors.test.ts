import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../data/table';
import { compileFormula, MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, MAX_FORMULA_NODES } from './index';

const columns: Array<{ name: string; type: ColumnType }> = [
  { name: 'fare', type: 'numeric' },
  { name: 'Age', type: 'numeric' },
  { name: 'Sex', type: 'categorical' },
  { name: 'Name', type: 'text' },
  { name: 'PassengerId', type: 'identifier' },
  { name: 'Survived', type: 'boolean' },
  { name: 'Date', type: 'datetime' },
  { name: 'Beak Length', type: 'numeric' },
];

function error(text: string) {
  const r = compileFormula(text, columns);
  if (r.ok) throw new Error(`expected "${text}" to fail, but it compiled to ${r.type}`);
  return r.error;
}

/** The underlined part of the text. */
function underlined(text: string): string {
  const e = error(text);
  return text.slice(e.position, e.position + e.length);
}

describe('syntax errors', () => {
  it('points at an unclosed parenthesis', () => {
    expect(error('log(fare')).toEqual({ message: 'Expected ) to close ( at position 3', position: 8, length: 0 });
    expect(error('(1 + 2')).toEqual({ message: 'Expected ) to close ( at position 0', position: 6, length: 0 });
    expect(error('max(fare, 2 3)')).toEqual({ message: 'Expected ) to close ( at position 3', position: 12, length: 1 });
  });

  it('points at an unmatched closing parenthesis and stray tokens', () => {
    expect(error('fare + 1)')).toEqual({ message: 'Unmatched ) at position 8', position: 8, length: 1 });
    expect(error('fare 2')).toEqual({
      message: 'Unexpected number 2 at position 5 after a complete value; expected an operator such as + or *',
      position: 5,
      length: 1,
    });
    expect(error('1, 2').message).toBe('Unexpected , at position 1 after a complete value; expected an operator such as + or *');
  });

  it('asks for a value where one is missing', () => {
    expect(error('fare +')).toEqual({ message: 'Expected a value after + at the end of the formula (position 6)', position: 6, length: 0 });
    expect(error('fare * * 2')).toEqual({ message: 'Expected a value but found * at position 7', position: 7, length: 1 });
    expect(error('log(1,)')).toEqual({ message: 'Expected a value but found ) at position 6', position: 6, length: 1 });
    expect(error('fare and or Age')).toEqual({ message: 'Expected a value but found or at position 9', position: 9, length: 2 });
    expect(error('')).toEqual({ message: 'The formula is empty', position: 0, length: 0 });
    expect(error('   ')).toEqual({ message: 'The formula is empty', position: 0, length: 0 });
  });

  it('suggests brackets for a column name with a space', () => {
    expect(error('Beak Length * 2')).toEqual({
      message: 'Unexpected name Length at position 5 after a complete value; a column name with spaces goes in brackets, like [Beak Length]',
      position: 5,
      length: 6,
    });
  });

  it('explains operators from other languages', () => {
    expect(error('fare = 2')).toEqual({ message: 'Unexpected = at position 5; use == to test equality', position: 5, length: 1 });
    expect(error('fare <> 2').message).toBe('Unexpected <> at position 5; use != for "not equal"');
    expect(error('Survived && true').message).toBe('Unexpected && at position 9; use and');
    expect(error('Survived || true').message).toBe('Unexpected || at position 9; use or');
    expect(error('!Survived').message).toBe('Unexpected ! at position 0; use not');
    expect(error('fare ** 2').message).toBe('Unexpected ** at position 5; use ^ for powers');
    expect(error("Sex == 'male'")).toEqual({ message: `Unexpected ' at position 7; text goes in double quotes, like "male"`, position: 7, length: 1 });
  });

  it('points at unknown characters, unclosed text and names', () => {
    expect(error('fare # 2')).toEqual({ message: 'Unexpected character "#" at position 5', position: 5, length: 1 });
    expect(error('fare + 😀')).toEqual({ message: 'Unexpected character "😀" at position 7', position: 7, length: 2 });
    expect(error('Sex == "male')).toEqual({ message: 'The text starting at position 7 has no closing "', position: 7, length: 5 });
    expect(error('[Beak Length * 2')).toEqual({ message: 'The column name starting at position 0 has no closing ]', position: 0, length: 16 });
    expect(error('`Beak')).toEqual({ message: 'The column name starting at position 0 has no closing `', position: 0, length: 5 });
    expect(error('fare + []')).toEqual({ message: 'Empty column name at position 7', position: 7, length: 2 });
    expect(error('fare]')).toEqual({ message: 'Unexpected ] at position 4 without an opening [', position: 4, length: 1 });
    expect(error('"a\\q"')).toEqual({
      message: 'Unknown escape \\q at position 2; inside text write \\" for a quote and \\\\ for a backslash',
      position: 2,
      length: 2,
    });
    expect(error('1e999')).toEqual({ message: 'The number 1e999 at position 0 is too large', position: 0, length: 5 });
  });

  it('refuses chained comparisons', () => {
    expect(error('1 < Age < 3')).toEqual({
      message: 'Comparisons cannot be chained: < at position 8 follows another comparison; join them with and',
      position: 8,
      length: 1,
    });
  });
});

describe('name errors', () => {
  it('names an unknown column and suggests the closest one', () => {
    expect(error('log(1 + Fare)')).toEqual({ message: 'Unknown column "Fare" at position 8; did you mean "fare"?', position: 8, length: 4 });
    expect(error('age * 2')).toEqual({ message: 'Unknown column "age" at position 0; did you mean "Age"?', position: 0, length: 3 });
    expect(error('Survivd').message).toBe('Unknown column "Survivd" at position 0; did you mean "Survived"?');
    expect(error('[Beak Lenght]').message).toBe('Unknown column "Beak Lenght" at position 0; did you mean "Beak Length"?');
    expect(error('log(((Fare)))')).toMatchObject({ position: 6, length: 4 });
    expect(error('Pclass == 3')).toEqual({ message: 'Unknown column "Pclass" at position 0', position: 0, length: 6 });
  });

  it('names an unknown function and suggests the closest one', () => {
    expect(error('lg(fare)')).toEqual({ message: 'Unknown function "lg" at position 0; did you mean "log"?', position: 0, length: 2 });
    expect(error('1 + sqr(fare)')).toEqual({ message: 'Unknown function "sqr" at position 4; did you mean "sqrt"?', position: 4, length: 3 });
    expect(error('ismissing2(fare)').message).toBe('Unknown function "ismissing2" at position 0; did you mean "isMissing"?');
    expect(error('frobnicate(fare)')).toEqual({ message: 'Unknown function "frobnicate" at position 0', position: 0, length: 10 });
    expect(error('fare(2)').message).toBe('Unknown function "fare" at position 0; "fare" is a column, so write fare * (...) to multiply');
  });

  it('counts arguments', () => {
    expect(error('log(fare, 2)')).toEqual({ message: 'log takes 1 argument, but got 2', position: 0, length: 12 });
    expect(error('1 + if(Survived, 1)')).toEqual({ message: 'if takes 3 arguments, but got 2', position: 4, length: 15 });
    expect(error('round()').message).toBe('round takes 1 or 2 arguments, but got 0');
    expect(error('coalesce(fare)').message).toBe('coalesce takes at least 2 arguments, but got 1');
    expect(error('max(fare)').message).toBe('max takes at least 2 arguments, but got 1');
  });
});

describe('type errors', () => {
  it('points at an argument of the wrong type', () => {
    expect(error('log(Sex)')).toEqual({ message: 'log expects a number, but "Sex" is categorical', position: 4, length: 3 });
    expect(error('sqrt(Name)').message).toBe('sqrt expects a number, but "Name" is text');
    expect(error('abs(PassengerId)').message).toBe('abs expects a number, but "PassengerId" is identifier');
    expect(error('year(fare)')).toEqual({ message: 'year expects a date, but "fare" is numeric', position: 5, length: 4 });
    expect(error('lower(fare + 1)')).toEqual({ message: 'lower expects text, but fare + 1 is a number', position: 6, length: 8 });
    expect(error('if(fare, 1, 2)')).toEqual({ message: 'if expects a true/false value, but "fare" is numeric', position: 3, length: 4 });
    expect(error('contains(Sex, 1)').message).toBe('contains expects text, but 1 is a number');
    expect(error('min(Date, 3)').message).toBe('min expects a date, but 3 is a number');
    expect(error('max(Sex, 3)').message).toBe('max expects a number, but "Sex" is categorical');
  });

  it('points at operands of the wrong type', () => {
    expect(error('Sex + "x"')).toEqual({ message: '+ expects a number, but "Sex" is categorical; use concat() to join text', position: 0, length: 3 });
    expect(error('Survived * 2')).toEqual({
      message: '* expects a number, but "Survived" is boolean; use if(condition, 1, 0) to turn true/false into a number',
      position: 0,
      length: 8,
    });
    expect(error('fare - Date')).toEqual({ message: '- expects a number, but "Date" is datetime', position: 7, length: 4 });
    expect(error('-Sex')).toEqual({ message: '- expects a number, but "Sex" is categorical', position: 1, length: 3 });
    expect(error('fare > 1 and Age')).toEqual({ message: 'and expects a true/false value, but "Age" is numeric', position: 13, length: 3 });
    expect(error('not fare')).toEqual({ message: 'not expects a true/false value, but "fare" is numeric', position: 4, length: 4 });
    expect(error('(Age > 3) + 1')).toEqual({
      message: '+ expects a number, but (Age > 3) is true/false; use if(condition, 1, 0) to turn true/false into a number',
      position: 0,
      length: 9,
    });
  });

  it('points at comparisons of different types', () => {
    expect(error('Sex == 3')).toEqual({
      message: '== cannot compare "Sex" (categorical) with 3 (a number); write "3" in quotes to compare with text',
      position: 7,
      length: 1,
    });
    expect(error('fare == "3"')).toEqual({ message: '== cannot compare "fare" (numeric) with "3" (text)', position: 8, length: 3 });
    expect(error('Survived == 1').message).toBe('== cannot compare "Survived" (boolean) with 1 (a number)');
    expect(error('Sex < "m"')).toEqual({
      message: '< compares numbers or dates, but "Sex" is categorical; text values can only be tested with == or !=',
      position: 4,
      length: 1,
    });
    expect(error('Survived >= false').message).toBe('>= compares numbers or dates, but "Survived" is boolean; true/false values can only be tested with == or !=');
  });

  it('points at branches of different types', () => {
    expect(error('if(Survived, 1, "x")')).toEqual({ message: 'if needs values of the same type, but 1 is a number and "x" is text', position: 16, length: 3 });
    expect(error('coalesce(fare, Sex)')).toEqual({ message: 'coalesce needs values of the same type, but "fare" is numeric and "Sex" is categorical', position: 15, length: 3 });
  });

  it('points at text that is not a date where a date is expected', () => {
    expect(error('Date > "2020-13-01"')).toEqual({
      message: '"2020-13-01" is not a date; write dates as "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" (UTC)',
      position: 7,
      length: 12,
    });
    expect(error('Date == "2021-02-29"').position).toBe(8);
    expect(error('Date < "yesterday"').position).toBe(7);
  });

  it('refuses a formula whose result is a date', () => {
    expect(error('Date')).toEqual({
      message: 'The formula gives a date, but a derived column must be a number, true/false or text; use year(), month(), day() or date - date (days)',
      position: 0,
      length: 4,
    });
    expect(error(' coalesce(Date, "2020-01-01") ')).toMatchObject({ position: 1, length: 28 });
  });

  it('checks that round digits are a whole constant', () => {
    expect(error('round(fare, Age)')).toEqual({
      message: "round's digits must be a whole number from -15 to 15, written in the formula, but got Age",
      position: 12,
      length: 3,
    });
    expect(underlined('round(fare, 1.5)')).toBe('1.5');
    expect(underlined('round(fare, 16)')).toBe('16');
    expect(compileFormula('round(fare, -2)', columns).ok).toBe(true);
    expect(compileFormula('round(fare, 4 / 2)', columns).ok).toBe(true);
  });
});

describe('division by zero', () => {
  it('is an error at check time when the divisor is a constant zero', () => {
    expect(error('fare / 0')).toEqual({ message: 'Division by zero at position 5', position: 5, length: 3 });
    expect(error('fare % 0.0')).toEqual({ message: 'Division by zero at position 5', position: 5, length: 5 });
    expect(error('1 + fare / (2 - 2)')).toEqual({ message: 'Division by zero at position 9', position: 9, length: 9 });
    expect(error('fare / -0')).toMatchObject({ position: 5 });
    expect(error('(fare / 1) / 0e5').message).toBe('Division by zero at position 11');
  });

  it('is not an error when the divisor reads a column', () => {
    expect(compileFormula('fare / (Age - Age)', columns).ok).toBe(true);
    expect(compileFormula('fare / log(0)', columns).ok).toBe(true);
  });
});

describe('limits', () => {
  it('refuses text longer than the limit', () => {
    const text = `fare + ${'1 + '.repeat(600)}1`;
    expect(text.length).toBeGreaterThan(MAX_FORMULA_LENGTH);
    expect(error(text)).toEqual({
      message: `The formula is too long: ${text.length.toLocaleString('en-US')} characters, at most 2,000`,
      position: MAX_FORMULA_LENGTH,
      length: text.length - MAX_FORMULA_LENGTH,
    });
  });

  it('refuses nesting deeper than the limit, for parentheses, signs, not and long chains', () => {
    const deep = `${'('.repeat(MAX_FORMULA_DEPTH + 5)}1${')'.repeat(MAX_FORMULA_DEPTH + 5)}`;
    expect(error(deep).message).toMatch(/^The formula nests too deeply \(more than 64 levels\) at position \d+$/);
    expect(error(`${'-'.repeat(200)}fare`).message).toMatch(/nests too deeply/);
    expect(error(`${'not '.repeat(100)}Survived`).message).toMatch(/nests too deeply/);
    expect(error(`${'log('.repeat(70)}fare${')'.repeat(70)}`).message).toMatch(/nests too deeply/);
    expect(error(`fare${' + 1'.repeat(100)}`).message).toMatch(/nests too deeply/);
    expect(error(`2${'^2'.repeat(100)}`).message).toMatch(/nests too deeply/);
    // Just inside the limit is fine.
    const ok = `${'('.repeat(MAX_FORMULA_DEPTH - 2)}fare${')'.repeat(MAX_FORMULA_DEPTH - 2)}`;
    expect(compileFormula(ok, columns).ok).toBe(true);
    expect(compileFormula(`fare${' + 1'.repeat(MAX_FORMULA_DEPTH - 1)}`, columns).ok).toBe(true);
  });

  it('refuses more nodes than the limit', () => {
    const wide = `coalesce(${Array.from({ length: MAX_FORMULA_NODES + 10 }, () => '1').join(',')})`;
    expect(wide.length).toBeLessThan(MAX_FORMULA_LENGTH);
    expect(error(wide).message).toMatch(/^The formula has too many parts \(more than 500\) at position \d+$/);
    expect(compileFormula(`coalesce(${Array.from({ length: 300 }, () => 'fare').join(',')})`, columns).ok).toBe(true);
  });

  it('never overflows the stack, even on text far past the limits', () => {
    for (const text of ['('.repeat(100_000), '-'.repeat(100_000), `${'not '.repeat(10_000)}x`, '[' + 'a'.repeat(100_000)]) {
      const r = compileFormula(text, columns);
      expect(r.ok).toBe(false);
    }
  });
});
