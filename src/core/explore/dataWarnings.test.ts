import { describe, expect, it } from 'vitest';
import type { Table } from '../data/table';
import { profileTable } from '../profile/profileTable';
import { dataWarnings, type DataWarning } from './dataWarnings';
import { bool, cat, num } from './testColumns';

const n = 100;
const seq = <T>(f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
let seed = 11;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);

function find(warnings: DataWarning[], code: DataWarning['code'], column?: string): DataWarning | undefined {
  return warnings.find((w) => w.code === code && w.column === column);
}

describe('dataWarnings', () => {
  const y = seq(() => rand() * 10);
  const table: Table = {
    rowCount: n,
    columns: [
      num('id', seq((i) => i + 1000)),
      num('constant', seq(() => 7)),
      cat('city', seq((i) => `c${i % 80}`)),
      num('mostly missing', seq((i) => (i < 40 ? NaN : i))),
      num('some missing', seq((i) => (i < 10 ? NaN : rand()))),
      num('few missing', seq((i) => (i < 3 ? NaN : rand()))),
      num('skewed', seq((i) => (i < 95 ? rand() : 1000 + i))),
      num('empty', seq(() => NaN)),
      num('leaky', y.map((v) => 2 * v + 1)),
      num('y', y),
    ],
  };
  const profile = profileTable(table);
  const warnings = dataWarnings(profile, table, 'y');

  it('names each problem column with its number, and says nothing of clean ones', () => {
    expect(find(warnings, 'identifier', 'id')!.message).toBe(
      'Column "id" looks like an identifier: each of its 100 values is different, so it carries no pattern to learn.',
    );
    expect(find(warnings, 'constant', 'constant')).toMatchObject({ severity: 'warning', message: expect.stringContaining('all 100') });
    expect(find(warnings, 'high-cardinality', 'city')).toMatchObject({ severity: 'warning', message: expect.stringContaining('80 distinct') });
    expect(find(warnings, 'missing', 'mostly missing')).toMatchObject({ severity: 'warning', message: 'Column "mostly missing" is missing 40 of 100 values (40%).' });
    expect(find(warnings, 'missing', 'some missing')).toMatchObject({ severity: 'info', message: expect.stringContaining('10 of 100') });
    expect(find(warnings, 'missing', 'few missing')).toBeUndefined();
    expect(find(warnings, 'skewed', 'skewed')).toMatchObject({ severity: 'info', message: expect.stringMatching(/"skewed" is strongly right-skewed \(skewness \d/) });
    expect(find(warnings, 'empty-column', 'empty')).toMatchObject({ severity: 'warning', message: 'Column "empty" is empty: all 100 values are missing.' });
    expect(warnings.filter((w) => w.column === 'empty')).toHaveLength(1);
    expect(find(warnings, 'leakage', 'leaky')).toMatchObject({ severity: 'warning', message: expect.stringContaining('correlation 1') });
    expect(warnings.filter((w) => w.column === 'y' || w.column === 'few missing')).toEqual([]);
    for (const w of warnings) {
      expect(w.message).toContain(`"${w.column}"`);
      expect(w.message).toMatch(/\d/);
      expect(w.message.trim().split(/[.!?]\s/).length, w.message).toBe(1);
    }
  });

  it('without a target, reports no leakage or imbalance', () => {
    const plain = dataWarnings(profile);
    expect(plain.some((w) => w.code === 'leakage' || w.code === 'imbalance')).toBe(false);
    expect(find(plain, 'identifier', 'id')).toBeDefined();
  });

  it('flags class imbalance, copies of the target, categorical leakage and duplicate rows', () => {
    const labels = seq((i) => i).map((i) => (i < 90 ? 'no' : 'yes'));
    const t: Table = {
      rowCount: n,
      columns: [
        cat('label', labels),
        cat('label copy', labels.map((l) => l)),
        bool('flag', labels.map((l) => l === 'yes')),
        cat('noise', seq((i) => i % 3).map(String)),
        num('x', seq((i) => i % 10)),
      ],
    };
    const p = profileTable(t);
    const w = dataWarnings(p, t, 'label');
    expect(find(w, 'imbalance', 'label')!.message).toBe(
      'The target "label" is imbalanced: class "no" has 90 rows and class "yes" only 10 (ratio 9 to 1).',
    );
    expect(find(w, 'leakage', 'label copy')!.message).toContain('same values as the target "label" in all 100 rows');
    expect(find(w, 'leakage', 'flag')!.message).toContain("Cramér's V 1");
    expect(find(w, 'leakage', 'noise')).toBeUndefined();
    // (i % 3, i % 10) repeats every 30 rows, within each label: 30 + 10 distinct rows.
    expect(find(w, 'duplicates')).toMatchObject({ severity: 'warning', message: '60 of the 100 rows (60%) repeat an earlier row exactly.' });
    // From the profile alone, the class counts come from the top values.
    expect(find(dataWarnings(p, undefined, 'label'), 'imbalance', 'label')).toBeDefined();
    const balanced = cat('label', seq((i) => (i % 2 ? 'a' : 'b')));
    const tb: Table = { rowCount: n, columns: [balanced] };
    expect(dataWarnings(profileTable(tb), tb, 'label').some((x) => x.code === 'imbalance')).toBe(false);
  });
});
