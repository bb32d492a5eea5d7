import { describe, expect, it } from 'vitest';
import { columnCellsFromStrings } from './columnCells';
import { convertColumnType } from './convertColumnType';
import { inferColumnType } from './inferColumnType';
import { cellText, MISSING_CODE, type Column } from './table';

const ctx = { fileName: 'data.csv', index: 2, name: 'col' };
const infer = (values: Array<string | null>) => inferColumnType(columnCellsFromStrings(values, values.map((_, i) => i + 2)), ctx);
const texts = (column: Column) => Array.from(column.missing, (_, i) => cellText(column, i));

describe('inferColumnType', () => {
  it('numeric: strict decimals, with missing tokens and absent cells as NaN', () => {
    const { column, issues } = infer(['1', ' 2.5 ', 'NA', '', null, '-3e2', 'null']);
    expect(column.type).toBe('numeric');
    expect(column.inferredType).toBe('numeric');
    expect(Array.from(column.values!)).toEqual([1, 2.5, NaN, NaN, NaN, -300, NaN]);
    expect(Array.from(column.missing)).toEqual([0, 0, 1, 1, 1, 0, 1]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'info', code: 'missing-tokens', line: 4 })]);
    expect(issues[0].message).toContain('"NA" (1×, first on line 4)');
  });

  it('V1: a leading-zero code keeps the column as strings, so 00501 stays "00501"', () => {
    const { column, issues } = infer(['00501', '10001', '02134']);
    expect(column.type).toBe('identifier');
    expect(texts(column)).toEqual(['00501', '10001', '02134']);
    expect(issues[0]).toMatchObject({ code: 'leading-zeros', line: 2 });
    expect(infer(['0123', '0123', '0456', '0123']).column.type).toBe('categorical');
  });

  it('V2/V3: integers past 2^53 and overflowing numbers are not rounded into numbers', () => {
    expect(infer(['208310224003697457', '208310224003697458']).column).toMatchObject({ type: 'identifier', categories: ['208310224003697457', '208310224003697458'] });
    const overflow = infer(['1', '1e400']);
    expect(overflow.column.type).toBe('categorical');
    expect(overflow.issues.map((i) => i.code)).toContain('number-overflow');
  });

  it('V4: "1,234" stays a string with an info issue about thousands separators', () => {
    const { column, issues } = infer(['1,234', '5', '12,345,678.5']);
    expect(column.type).toBe('categorical');
    expect(texts(column)).toEqual(['1,234', '5', '12,345,678.5']);
    expect(issues).toEqual([expect.objectContaining({ severity: 'info', code: 'thousands-separator', line: 2 })]);
    expect(infer(['3,14', '2,5']).issues[0].code).toBe('decimal-comma');
  });

  it('V8: Infinity, currency and percent are not numbers', () => {
    for (const bad of ['Infinity', '-inf', '$1.00', '5%', '(123)', '0x1F']) expect(infer(['1', bad]).column.type, bad).toBe('categorical');
  });

  it('V9: a mostly numeric column names the first other value and its line', () => {
    const { column, issues } = infer(['1', '2', '3', '4', 'abc']);
    expect(column.type).toBe('categorical');
    expect(issues[0]).toMatchObject({ code: 'mixed-types', line: 6 });
    expect(issues[0].message).toContain('4 of 5 values are numbers');
    expect(issues[0].message).toContain('"abc"');
  });

  it('boolean: only true/false/yes/no in any case', () => {
    const { column } = infer(['TRUE', 'no', 'Yes', 'false', 'NA']);
    expect(column.type).toBe('boolean');
    expect(Array.from(column.values!)).toEqual([1, 0, 1, 0, NaN]);
    expect(infer(['Y', 'N']).column.type).toBe('categorical');
    expect(infer(['1', '0']).column.type).toBe('numeric');
  });

  it('datetime: ISO-like values with real calendar dates only', () => {
    const { column } = infer(['2020-01-02', '2020-01-02T03:04:05Z', null]);
    expect(column.type).toBe('datetime');
    expect(Array.from(column.values!)).toEqual([Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 2, 3, 4, 5), NaN]);
    expect(infer(['2021-02-29']).column.type).toBe('categorical');
    expect(infer(['02/01/2014', '03/01/2014']).column.type).toBe('categorical');
    expect(infer(['SEPT2', 'Restaurant 11057']).column.type).toBe('categorical');
  });

  it('identifier, text and categorical by distinctness and length', () => {
    const ids = Array.from({ length: 25 }, (_, i) => `id-${i}`);
    expect(infer(ids).column.type).toBe('identifier');
    expect(infer(ids.slice(0, 10)).column.type).toBe('categorical');
    const sentences = Array.from({ length: 30 }, (_, i) => `this is review number ${i}`);
    expect(infer(sentences).column.type).toBe('text');
    const column = infer(['b', 'a', 'b', 'NA', 'c']).column;
    expect(column).toMatchObject({ type: 'categorical', categories: ['b', 'a', 'c'] });
    expect(Array.from(column.codes!)).toEqual([0, 1, 0, MISSING_CODE, 2]);
  });

  it('keeps string values raw and untrimmed, quotes and all', () => {
    expect(infer([' a ', 'b"c', '__proto__', 'constructor']).column.categories).toEqual([' a ', 'b"c', '__proto__', 'constructor']);
  });

  it('an all-missing column is categorical with an info issue', () => {
    const { column, issues } = infer(['', 'NA', null]);
    expect(column.type).toBe('categorical');
    expect(column.categories).toEqual([]);
    expect(issues.map((i) => i.code)).toEqual(['missing-tokens', 'all-missing']);
  });
});

describe('convertColumnType', () => {
  const cells = columnCellsFromStrings(['00501', '12', 'abc', 'NA', '7.5', 'x'], [2, 3, 4, 5, 6, 7]);

  it('converts to numeric, counting and reporting values that become missing', () => {
    const { column, failed, issues } = convertColumnType(cells, ctx, 'numeric', 'identifier');
    expect(column).toMatchObject({ type: 'numeric', inferredType: 'identifier' });
    expect(Array.from(column.values!)).toEqual([501, 12, NaN, NaN, 7.5, NaN]);
    expect(Array.from(column.missing)).toEqual([0, 0, 1, 1, 0, 1]);
    expect(failed).toBe(2);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'conversion-failed', line: 4, column: { index: 2, name: 'col' } })]);
    expect(issues[0].message).toBe('Column "col": 2 values could not be read as numeric and are now missing (the first is "abc" on line 4).');
  });

  it('converts to categorical without losing any value', () => {
    const { column, failed } = convertColumnType(cells, ctx, 'categorical');
    expect(failed).toBe(0);
    expect(texts(column)).toEqual(['00501', '12', 'abc', '', '7.5', 'x']);
  });

  it('converts to boolean (accepting 1/0) and to datetime', () => {
    const bools = convertColumnType(columnCellsFromStrings(['1', '0', 'yes', 'maybe']), ctx, 'boolean');
    expect(Array.from(bools.column.values!)).toEqual([1, 0, 1, NaN]);
    expect(bools.failed).toBe(1);
    const dates = convertColumnType(columnCellsFromStrings(['2020-01-01', 'soon']), ctx, 'datetime');
    expect(dates.failed).toBe(1);
    expect(dates.column.values![0]).toBe(Date.UTC(2020, 0, 1));
  });
});
