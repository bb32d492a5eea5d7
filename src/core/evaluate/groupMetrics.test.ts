/**
 * Group (fairness) metrics on hand-built data: each group's metrics equal those of its rows
 * scored alone, small groups are flagged and left out of the gaps, and a column with many
 * values is bounded.
 */
import { describe, expect, it } from 'vitest';
import { MISSING_CODE } from '../data/table';
import { classificationMetrics, labelMetrics } from './classificationMetrics';
import { groupMetrics, MISSING_GROUP, OTHER_GROUP } from './groupMetrics';
import { regressionMetrics } from './regressionMetrics';

// 20 rows: group a (rows 0-9) is predicted well (9 of 10), b (10-17) badly (3 of 8), c (18-19) is tiny.
const yTrue = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
const yPred = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1]);
const proba = Float64Array.from(Array.from(yPred).flatMap((p, i) => (p === 1 ? [0.3, 0.7] : [0.6 + i / 100, 0.4 - i / 100])));
const codes = Uint32Array.from([...new Array(10).fill(0), ...new Array(8).fill(1), 2, 2]);
const column = { codes, categories: ['a', 'b', 'c'] };

const rowsOf = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('groupMetrics', () => {
  it('scores each group on its own rows, with counts, shares and the small-group flag', () => {
    const g = groupMetrics(yTrue, yPred, proba, column);
    expect(g.task).toBe('classification');
    expect(g.groups.map((x) => [x.group, x.rows, x.share, x.tooSmall])).toEqual([
      ['a', 10, 0.5, false],
      ['b', 8, 0.4, false],
      ['c', 2, 0.1, true],
    ]);
    const rowsB = rowsOf(10, 18);
    const t = Int32Array.from(rowsB, (i) => yTrue[i]);
    const p = Int32Array.from(rowsB, (i) => yPred[i]);
    const probaB = Float64Array.from(rowsB.flatMap((i) => [proba[2 * i], proba[2 * i + 1]]));
    const full = classificationMetrics(t, probaB, 2);
    expect(g.groups[1].metrics).toEqual({ ...labelMetrics(t, p, 2), log_loss: full.log_loss, roc_auc: full.roc_auc, positive_rate: 5 / 8 });
    expect(g.overall.accuracy).toBe(14 / 20);
    expect(g.minRows).toBe(5);
  });

  it('reports the largest gap per metric between groups large enough, naming both', () => {
    const g = groupMetrics(yTrue, yPred, proba, column);
    expect(g.largestGap).toEqual({ metric: 'accuracy', gap: 0.9 - 3 / 8, highest: { group: 'a', value: 0.9 }, lowest: { group: 'b', value: 3 / 8 } });
    expect(g.gaps.map((x) => x.metric)).toContain('positive_rate');
    expect(g.gaps.every((x) => x.highest.group !== 'c' && x.lowest.group !== 'c')).toBe(true);
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });

  it('works from predicted classes alone, and puts missing cells in their own group', () => {
    const withMissing = { codes: Uint32Array.from(codes, (c, i) => (i >= 18 ? MISSING_CODE : c)), categories: ['a', 'b', 'c'] };
    const g = groupMetrics(yTrue, yPred, undefined, withMissing, { minRows: 2 });
    expect(g.groups.map((x) => [x.group, x.tooSmall])).toEqual([
      ['a', false],
      ['b', false],
      [MISSING_GROUP, false],
    ]);
    expect(Object.keys(g.groups[0].metrics)).toEqual(['accuracy', 'balanced_accuracy', 'f1_macro', 'precision_macro', 'recall_macro', 'positive_rate']);
  });

  it('regression: r2, rmse, mae and the mean error per group; the main gap is in MAE', () => {
    const y = Float64Array.from(rowsOf(0, 20));
    const pred = Float64Array.from(rowsOf(0, 20), (i) => (i < 10 ? i + 0.5 : i - 3));
    const g = groupMetrics(y, pred, undefined, column);
    expect(g.task).toBe('regression');
    const b = rowsOf(10, 18);
    expect(g.groups[1].metrics).toEqual({ ...regressionMetrics(Float64Array.from(b), Float64Array.from(b, (i) => i - 3)), mean_error: 3 });
    expect(g.groups[0].metrics.mean_error).toBe(-0.5);
    expect(g.largestGap).toMatchObject({ metric: 'mae', gap: 2.5, highest: { group: 'b' }, lowest: { group: 'a' } });
  });

  it('merges the smallest groups beyond maxGroups into one', () => {
    const many = { codes: Uint32Array.from(rowsOf(0, 20), (i) => (i < 10 ? 0 : i - 9)), categories: rowsOf(0, 11).map(String) };
    const g = groupMetrics(yTrue, yPred, undefined, many, { maxGroups: 4 });
    expect(g.groups.map((x) => [x.group, x.rows])).toEqual([
      ['0', 10],
      ['1', 1],
      ['2', 1],
      [OTHER_GROUP, 8],
    ]);
    expect(() => groupMetrics(yTrue, yPred.subarray(1), undefined, column)).toThrow('20 rows, 19 predictions');
  });
});
