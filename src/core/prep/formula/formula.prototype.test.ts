/**
 * Column and function names come from users and files, so none may reach an object's
 * prototype. Object.prototype is frozen here (Vitest isolates each test file), so a write
 * through `__proto__` would throw instead of passing silently.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnType } from '../../data/table';
import { tableFromColumns } from '../tableFromColumns';
import { compileFormula } from './index';

const table = tableFromColumns([
  { name: '__proto__', type: 'numeric', values: [1, 2, null] },
  { name: 'constructor', type: 'categorical', values: ['x', 'constructor', '__proto__'] },
  { name: 'toString', type: 'numeric', values: [10, 20, 30] },
  { name: 'hasOwnProperty', type: 'boolean', values: [true, false, true] },
]);
const columns = table.columns.map((c) => ({ name: c.name, type: c.type }));

function run(text: string) {
  const compiled = compileFormula(text, columns);
  if (!compiled.ok) throw new Error(compiled.error.message);
  const c = compiled.evaluate(table);
  return Array.from({ length: table.rowCount }, (_, i) =>
    c.missing[i] ? null : c.codes ? c.categories![c.codes[i]] : c.type === 'boolean' ? c.values![i] === 1 : c.values![i],
  );
}

describe('formulas with a frozen Object.prototype', () => {
  beforeAll(() => {
    Object.freeze(Object.prototype);
  });

  it('reads __proto__, constructor, toString and hasOwnProperty as ordinary columns', () => {
    expect(Object.isFrozen(Object.prototype)).toBe(true);
    expect(run('__proto__ + 1')).toEqual([2, 3, null]);
    expect(run('[__proto__] * toString')).toEqual([10, 40, null]);
    expect(run('constructor == "constructor"')).toEqual([false, true, false]);
    expect(run('concat(constructor, "!")')).toEqual(['x!', 'constructor!', '__proto__!']);
    expect(run('if(hasOwnProperty, constructor, "no")')).toEqual(['x', 'no', '__proto__']);
    expect(run('coalesce(__proto__, toString)')).toEqual([1, 2, 30]);
    const compiled = compileFormula('__proto__ + toString + __proto__', columns);
    expect(compiled.ok && compiled.columns).toEqual(['__proto__', 'toString']);
  });

  it('treats prototype names as unknown columns and functions when they are not there', () => {
    const numbers = [{ name: 'x', type: 'numeric' as const }];
    for (const name of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__']) {
      const column = compileFormula(`${name} + 1`, numbers);
      expect(column.ok).toBe(false);
      expect(!column.ok && column.error.message).toMatch(/^Unknown column/);
      const call = compileFormula(`${name}(x)`, numbers);
      expect(!call.ok && call.error.message).toMatch(/^Unknown function/);
    }
    const escape = compileFormula('"\\_"', numbers);
    expect(!escape.ok && escape.error.message).toMatch(/^Unknown escape/);
  });

  it('ignores a column whose type is no column type, even one named like a prototype key', () => {
    const odd = [{ name: 'v', type: '__proto__' as unknown as ColumnType }];
    const r = compileFormula('v + 1', odd);
    expect(!r.ok && r.error.message).toMatch(/^Unknown column "v"/);
  });

  it('leaves no trace on plain objects', () => {
    run('__proto__ + 1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
