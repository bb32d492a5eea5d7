import { describe, expect, it } from 'vitest';
import { groupHoldout, groupKFold, timeHoldout, timeSeriesFolds } from './foldsBy';

describe('folds by group', () => {
  const groups = ['a', 'a', 'a', 'b', 'b', 'c', 'd', 'd', 'e', 'e', 'e', 'e'];

  it('never puts one group on both sides, and balances the folds by rows', () => {
    const folds = groupKFold(groups, 3);
    expect(folds).toHaveLength(3);
    for (const { train, test } of folds) {
      const testGroups = new Set(Array.from(test, (i) => groups[i]));
      for (const i of train) expect(testGroups.has(groups[i])).toBe(false);
    }
    // Every row is tested exactly once.
    expect(folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b)).toEqual(groups.map((_, i) => i));
    // Largest first into the emptiest fold: e(4) | a(3) | b(2)+c(1)... sizes 4, 5, 3 or close.
    const sizes = folds.map((f) => f.test.length).sort();
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
  });

  it('refuses more folds than groups, in a sentence', () => {
    expect(() => groupKFold(['x', 'y', 'x'], 3)).toThrow('3 folds by group need at least 3 groups; there are 2.');
  });

  it('holds out whole groups, seeded', () => {
    const split = groupHoldout(groups, 0.25, 0);
    const testGroups = new Set(Array.from(split.test, (i) => groups[i]));
    for (const i of split.train) expect(testGroups.has(groups[i])).toBe(false);
    expect(split.test.length).toBeGreaterThanOrEqual(3);
    expect(groupHoldout(groups, 0.25, 0)).toEqual(split);
  });
});

describe('folds in time order', () => {
  it('matches scikit-learn TimeSeriesSplit on sorted times (10 rows, 3 splits)', () => {
    const times = Float64Array.from({ length: 10 }, (_, i) => i);
    const folds = timeSeriesFolds(times, 3).map((f) => [Array.from(f.train), Array.from(f.test)]);
    // sklearn: TimeSeriesSplit(3).split(range(10))
    expect(folds).toEqual([
      [[0, 1, 2, 3], [4, 5]],
      [[0, 1, 2, 3, 4, 5], [6, 7]],
      [[0, 1, 2, 3, 4, 5, 6, 7], [8, 9]],
    ]);
  });

  it('orders shuffled rows by their time, and always trains on earlier rows than it tests', () => {
    const times = Float64Array.from([5, 1, 9, 3, 7, 0, 8, 2, 6, 4]);
    for (const { train, test } of timeSeriesFolds(times, 3)) {
      const latestTrain = Math.max(...Array.from(train, (i) => times[i]));
      for (const i of test) expect(times[i]).toBeGreaterThan(latestTrain);
    }
    const holdout = timeHoldout(times, 0.2);
    expect(Array.from(holdout.test, (i) => times[i]).sort()).toEqual([8, 9]);
  });
});
