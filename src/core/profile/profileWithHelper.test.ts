import { describe, expect, it } from 'vitest';
import type { Table } from '../data/table';
import { profileColumns, profileTable, type ProfileOptions } from './profileTable';
import { helperPays, profileWithHelper, takeSharedPairs, type ProfileHelper } from './profileWithHelper';
import { spearmanPairs, spearmanPairsTaken } from './spearman';
import { timingTable } from './timingTable';

/**
 * The helper in this thread, with what crosses to it and back cloned as postMessage would. With
 * shared memory it takes `headStart` pairs from the shared counter at once, then (after this
 * thread has had its turn) whatever is left, as a helper running beside this thread would.
 */
function helperHere(sharedMemory = false, headStart = Infinity): ProfileHelper & { calls: string[] } {
  const calls: string[] = [];
  return {
    sharedMemory,
    calls,
    spearmanPairsShared: async (columns, pairs, counter, results) => {
      const mine = structuredClone(columns);
      let early = 0;
      spearmanPairsTaken(
        mine,
        pairs,
        () => (early < headStart ? (early++, Atomics.add(counter, 0, 1)) : pairs.length),
        (index, value) => (results[index] = value ?? NaN),
      );
      await new Promise((resolve) => setTimeout(resolve, 0));
      const taken = Math.min(early, pairs.length) + takeSharedPairs(mine, pairs, counter, results);
      calls.push(`spearmanPairsShared ${pairs.length}: ${taken} taken`);
      return taken;
    },
    profileColumns: async (table, rank, sharedRanks) => {
      calls.push(`profileColumns ${table.columns.map((c) => c.name).join(',')}`);
      return structuredClone(profileColumns(structuredClone(table), rank, sharedRanks));
    },
    spearmanPairs: async (columns, pairs) => {
      calls.push(`spearmanPairs ${pairs.length}`);
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
    const profiled = `profileColumns ${t.columns.slice(8, 16).map((c) => c.name).join(',')}`;
    // 16 numeric columns: the helper profiles the last 8, then takes three in four of the 3 * 13 + 3 pairs with gaps.
    const helper = helperHere(false);
    expect(await profileWithHelper(t, helper)).toEqual(expected);
    expect(helper.calls).toEqual([profiled, 'spearmanPairs 31']);
    // With shared memory both threads take pairs from one counter, however the 42 pairs fall between them.
    for (const [headStart, taken] of [[Infinity, 42], [5, 5], [0, 0]]) {
      const sharing = helperHere(true, headStart);
      expect(await profileWithHelper(t, sharing)).toEqual(expected);
      expect(sharing.calls).toEqual([profiled, `spearmanPairsShared 42: ${taken} taken`]);
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
