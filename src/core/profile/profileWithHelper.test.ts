import { describe, expect, it } from 'vitest';
import type { Table } from '../data/table';
import { profileColumns, profileTable, type ProfileOptions } from './profileTable';
import { helperPays, profileWithHelper, type ProfileHelper } from './profileWithHelper';
import { spearmanPairs } from './spearman';
import { timingTable } from './timingTable';

/** The helper in this thread, with what crosses to it and back cloned as postMessage would. */
function helperHere(sharedMemory = false): ProfileHelper & { calls: string[] } {
  const calls: string[] = [];
  return {
    sharedMemory,
    calls,
    profileColumns: async (table, rank, sharedRanks) => {
      calls.push(`profileColumns ${table.columns.map((c) => c.name).join(',')}`);
      return structuredClone(profileColumns(structuredClone(table), rank, sharedRanks));
    },
    spearmanPairs: async (columns, pairs) => {
      const inShared = columns.every((c) => c.ranks.buffer instanceof SharedArrayBuffer);
      calls.push(`spearmanPairs ${pairs.length}${inShared ? ' (shared ranks)' : ''}`);
      return spearmanPairs(structuredClone(columns), pairs);
    },
  };
}

/** Both sides of a float and an integer column with gaps, so every kind of Spearman pair is computed. */
function table(rows: number): Table {
  return timingTable(rows, 3, [0, 3, 13, 16]);
}

describe('profileWithHelper', () => {
  it('gives exactly profileTable’s profile, with half the sorting and most Spearman pairs on the helper', async () => {
    const t = table(5000);
    const expected = profileTable(t);
    for (const shared of [false, true]) {
      const helper = helperHere(shared);
      expect(await profileWithHelper(t, helper)).toEqual(expected);
      // 16 numeric columns: the helper profiles the last 8, then takes three in four of the 3 * 13 + 3 pairs with gaps.
      expect(helper.calls).toEqual([
        `profileColumns ${t.columns.slice(8, 16).map((c) => c.name).join(',')}`,
        `spearmanPairs 31${shared ? ' (shared ranks)' : ''}`,
      ]);
    }
  });

  it('follows the options as profileTable does', async () => {
    const t = table(3000);
    const options: ProfileOptions[] = [{ spearman: false }, { maxCorrelationColumns: 3, duplicates: false, associations: false }, { maxCorrelationColumns: 1 }];
    for (const o of options) expect(await profileWithHelper(t, helperHere(), o), JSON.stringify(o)).toEqual(profileTable(t, o));
  });

  it('is used only where a second thread pays', () => {
    const numbers = (rows: number, columns: number): Table => ({
      rowCount: rows,
      columns: Array.from({ length: columns }, (_, j) => ({ name: `x${j}`, type: 'numeric', inferredType: 'numeric', values: new Float64Array(rows), missing: new Uint8Array(rows) })),
    });
    expect(helperPays(numbers(100_000, 2))).toBe(true);
    expect(helperPays(numbers(99_999, 20))).toBe(false);
    expect(helperPays(numbers(100_000, 1))).toBe(false);
    expect(helperPays(numbers(100_000, 2), { maxCorrelationColumns: 1 })).toBe(false);
  });
});
