/**
 * Header names must never reach an object's prototype. This file freezes Object.prototype (Vitest
 * runs each test file in its own isolated context), so any write through `__proto__` throws
 * instead of passing silently.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from './readCsv';
import { cellText } from './table';

describe('readCsv with a frozen Object.prototype', () => {
  beforeAll(() => {
    Object.freeze(Object.prototype);
  });

  it('reads __proto__, constructor and toString headers as ordinary columns', () => {
    const text = '__proto__,constructor,toString\n{"polluted":1},x,y\n2,constructor,__proto__\n';
    const r = readCsv(new TextEncoder().encode(text), { fileName: 'proto.csv', typeOverrides: [{ column: 0, type: 'categorical' }] });
    expect(Object.isFrozen(Object.prototype)).toBe(true);
    expect(r.table.columns.map((c) => c.name)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(r.table.columns.map((c) => cellText(c, 0))).toEqual(['{"polluted":1}', 'x', 'y']);
    expect(r.table.columns.map((c) => cellText(c, 1))).toEqual(['2', 'constructor', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('handles repeated __proto__ headers without looping or losing columns', () => {
    const r = readCsv(new TextEncoder().encode('__proto__,__proto__,hasOwnProperty\n1,2,3\n'), { fileName: 'proto.csv' });
    expect(r.table.columns.map((c) => c.name)).toEqual(['__proto__', '__proto___2', 'hasOwnProperty']);
    expect(r.table.columns.map((c) => cellText(c, 0))).toEqual(['1', '2', '3']);
  });
});
