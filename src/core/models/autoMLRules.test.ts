import { describe, expect, it } from 'vitest';
import { affordableTrainingRows, budgetDeadlines, budgetSpent, rankingMetric, rankingScore, tuningShare } from './autoMLRules';

describe('AutoML rules', () => {
  it('ranks by the K-fold mean of the task metric, else the hold-out score; undefined ranks last', () => {
    expect(rankingMetric('classification')).toBe('accuracy');
    expect(rankingMetric('regression')).toBe('r2');
    expect(rankingMetric('clustering')).toBe('silhouette');
    expect(rankingScore({ cv: { mean: { accuracy: 0.9 } }, metrics: { accuracy: 1 } }, 'classification')).toBe(0.9);
    expect(rankingScore({ metrics: { r2: 0.5 } }, 'regression')).toBe(0.5);
    expect(rankingScore({ metrics: { r2: NaN } }, 'regression')).toBe(-Infinity);
  });

  it('spends the budget only once a model has finished, and shares what is left', () => {
    expect(budgetSpent(60, 61, 0)).toBe(false);
    expect(budgetSpent(60, 61, 1)).toBe(true);
    expect(budgetSpent(undefined, 1e9, 5)).toBe(false);
    expect(tuningShare(60, 20, 4)).toBe(10);
    expect(tuningShare(60, 20, 4, 2)).toBe(20);
    expect(tuningShare(60, 90, 4)).toBe(0);
    expect(tuningShare(undefined, 20, 4)).toBeUndefined();
  });
});

describe('budgetDeadlines', () => {
  it('stops fits at the budget and the kept model a quarter of the budget later; none without a budget', () => {
    expect(budgetDeadlines(60, 1000)).toEqual({ deadline: 61_000, finalDeadline: 76_000 });
    expect(budgetDeadlines(undefined, 1000)).toEqual({});
  });
});

describe('affordableTrainingRows', () => {
  it('keeps every row when the fit fits in the time left, else as many as fit in 80% of it, never fewer than a CV fit used', () => {
    // 10 µs a row: 800,000 rows take 8 s.
    expect(affordableTrainingRows(800_000, 80_000, 1e-5, 10)).toBe(800_000);
    expect(Math.abs(affordableTrainingRows(800_000, 80_000, 1e-5, 5) - 400_000)).toBeLessThanOrEqual(1);
    expect(affordableTrainingRows(800_000, 80_000, 1e-5, 0.5)).toBe(80_000);
    expect(affordableTrainingRows(800_000, 80_000, 1e-5, -3)).toBe(80_000);
    // Nothing measured: no sample.
    expect(affordableTrainingRows(800_000, 80_000, 0, 1)).toBe(800_000);
    expect(affordableTrainingRows(800_000, 80_000, NaN, 1)).toBe(800_000);
  });
});
