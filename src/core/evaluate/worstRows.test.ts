/** The rows a model gets most wrong, against direct computation. */
import { describe, expect, it } from 'vitest';
import { logLoss } from './classificationMetrics';
import { worstRows } from './worstRows';

describe('worstRows', () => {
  it('classification: lowest probability of the true class first, the loss being each row\'s log loss', () => {
    const yTrue = Int32Array.from([0, 1, 2, 1, 0]);
    const proba = Float64Array.from([0.7, 0.2, 0.1, 0.5, 0.4, 0.1, 0.3, 0.3, 0.4, 0.1, 0.1, 0.8, 0, 1, 0]);
    const rows = worstRows(yTrue, proba, 'classification', 3);
    // Rows 1 and 2 tie at 0.4: the earlier comes first.
    expect(rows.map((r) => r.row)).toEqual([4, 3, 1]);
    expect(rows[0]).toEqual({ row: 4, actual: 0, predicted: 1, loss: -Math.log(2.220446049250313e-16 / (1 + 2 * 2.220446049250313e-16)), trueClassProbability: 0 });
    expect(rows[1]).toMatchObject({ actual: 1, predicted: 2, trueClassProbability: 0.1 });
    expect(rows[1].loss).toBeCloseTo(-Math.log(0.1), 14);
    expect(rows[2]).toMatchObject({ actual: 1, predicted: 0, trueClassProbability: 0.4 });
    // The per-row losses average to the log loss.
    const all = worstRows(yTrue, proba, 'classification', 5);
    expect(all.reduce((a, r) => a + r.loss, 0) / 5).toBeCloseTo(logLoss(yTrue, proba, 3), 14);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });

  it('regression: largest absolute error first, earlier rows first on ties, at most n', () => {
    const yTrue = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const yPred = Float64Array.from([1.5, 0, 3, 7, 3, 6.5]);
    expect(worstRows(yTrue, yPred, 'regression', 4)).toEqual([
      { row: 3, actual: 4, predicted: 7, loss: 3 },
      { row: 1, actual: 2, predicted: 0, loss: 2 },
      { row: 4, actual: 5, predicted: 3, loss: 2 },
      { row: 0, actual: 1, predicted: 1.5, loss: 0.5 },
    ]);
    expect(worstRows(yTrue, yPred, 'regression', 0)).toEqual([]);
    expect(worstRows(yTrue, yPred, 'regression', 100)).toHaveLength(6);
  });

  it('keeps the top n of many rows exactly as a full sort would', () => {
    const n = 10000;
    const yTrue = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 100);
    const yPred = Float64Array.from({ length: n }, (_, i) => Math.round(Math.cos(i * 7) * 50));
    const got = worstRows(yTrue, yPred, 'regression', 25).map((r) => r.row);
    const want = Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => Math.abs(yTrue[b] - yPred[b]) - Math.abs(yTrue[a] - yPred[a]) || a - b)
      .slice(0, 25);
    expect(got).toEqual(want);
  });

  it('rejects predictions of the wrong shape', () => {
    expect(() => worstRows(Int32Array.from([0, 1]), new Float64Array(3), 'classification')).toThrow('not a whole number of classes');
    expect(() => worstRows(Float64Array.from([0, 1]), new Float64Array(3), 'regression')).toThrow('3 predictions for 2 rows');
  });
});
