/** countDuplicateRows against a string-key count, through each of its paths (screen, partitions, shortcut). */
import { describe, expect, it } from 'vitest';
import type { Column, Table } from '../data/table';
import { createRng } from '../random';
import { countDuplicateRows } from './duplicateRows';
import { coded, numeric } from './testColumns';

/** pandas' duplicated().sum() the slow way, and the distinct cells of each column (missing as one). */
function reference(columns: Column[], n: number): { duplicates: number; distinct: number[] } {
  const cell = (c: Column, i: number) =>
    c.missing[i] || (c.values && Number.isNaN(c.values[i])) ? 'NA' : c.codes ? `c${c.codes[i]}` : String(c.values![i] + 0);
  const seen = new Set<string>();
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    const key = columns.map((c) => cell(c, i)).join('|');
    if (seen.has(key)) duplicates++;
    else seen.add(key);
  }
  const distinct = columns.map((c) => new Set(Array.from({ length: n }, (_, i) => cell(c, i))).size);
  return { duplicates, distinct };
}

describe('countDuplicateRows', () => {
  it('counts the same with and without the screen, when the most varied columns repeat but whole rows rarely do', () => {
    const rng = createRng(17);
    const n = 30_000;
    // Two varied columns with many repeated pairs, a third that mostly breaks the ties, and exact copies.
    const a = Array.from({ length: n }, () => rng.int(150));
    const b = Array.from({ length: n }, () => (rng.next() < 0.02 ? NaN : rng.int(120)));
    const c = Array.from({ length: n }, () => (rng.next() < 0.05 ? null : rng.int(3)));
    const d = Array.from({ length: n }, () => rng.int(2) - 0.5 + (rng.next() < 0.5 ? -0 : 0));
    const e = Array.from({ length: n }, () => (rng.next() < 0.5 ? -0 : 0));
    const f = Array.from({ length: n }, () => rng.int(2));
    for (let i = 1; i < n; i += 97) {
      for (const column of [a, b, c, d, e, f]) column[i] = column[i - 1];
    }
    // Six columns: the screen takes the four most varied, and finds equal rows there.
    const columns = [numeric('a', a), numeric('b', b), coded('c', c, 3), numeric('d', d), numeric('e', e), coded('f', f, 2)];
    const t: Table = { rowCount: n, columns };
    const { duplicates, distinct } = reference(columns, n);
    expect(duplicates).toBeGreaterThan(300);
    expect(countDuplicateRows(t)).toBe(duplicates);
    expect(countDuplicateRows(t, distinct)).toBe(duplicates);
  });

  it('stops at the screen when its columns already tell every row apart', () => {
    const rng = createRng(3);
    const n = 20_000;
    // (a, b) differs in every row; c, d and e repeat a lot.
    const a = Array.from({ length: n }, (_, i) => i % 1000);
    const b = Array.from({ length: n }, (_, i) => Math.floor(i / 1000));
    const c = Array.from({ length: n }, () => rng.int(2));
    const d = Array.from({ length: n }, () => rng.int(3));
    const e = Array.from({ length: n }, () => (rng.next() < 0.3 ? null : rng.int(4)));
    const columns = [numeric('a', a), numeric('b', b), numeric('c', c), numeric('d', d), coded('e', e, 4)];
    const { duplicates, distinct } = reference(columns, n);
    expect(duplicates).toBe(0);
    expect(countDuplicateRows({ rowCount: n, columns }, distinct)).toBe(0);
    // Without (a, b) the rest repeats: the screen finds equal rows and the full count runs.
    const rest = columns.slice(2);
    expect(countDuplicateRows({ rowCount: n, columns: rest }, distinct.slice(2))).toBe(reference(rest, n).duplicates);
  });

  it('is 0 at once when one column differs in every row, and handles tables of 0 and 1 rows', () => {
    const n = 5000;
    const columns = [numeric('id', Array.from({ length: n }, (_, i) => i)), coded('k', Array.from({ length: n }, () => 0), 1)];
    expect(countDuplicateRows({ rowCount: n, columns }, [n, 1])).toBe(0);
    expect(countDuplicateRows({ rowCount: n, columns })).toBe(0);
    expect(countDuplicateRows({ rowCount: 1, columns: [numeric('x', [1])] }, [1])).toBe(0);
    expect(countDuplicateRows({ rowCount: 0, columns: [numeric('x', [])] }, [0])).toBe(0);
  });
});
