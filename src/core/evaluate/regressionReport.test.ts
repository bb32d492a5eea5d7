/**
 * The regression report and residual histogram against scikit-learn 1.2.1 and numpy 1.24, to
 * 1e-9 relative; the prediction sample against its own contract. The fixture
 * tests/fixtures/evaluate/evaluation.json comes from
 *   /usr/bin/python3 tests/fixtures/evaluate/make_evaluation_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { predictionSample } from './predictionSample';
import { regressionReport } from './regressionReport';
import { histogram, residualHistogram } from './residualHistogram';

interface RegressionFixture {
  name: string;
  y_true: number[];
  y_pred: number[];
  expected: {
    r2: number;
    rmse: number;
    mae: number;
    mape: number;
    residuals: Record<'mean' | 'std' | 'min' | 'q1' | 'median' | 'q3' | 'max', number>;
    histogram: { counts: number[]; edges: number[] };
  };
}

const fixtures = JSON.parse(readFileSync(new URL('../../../tests/fixtures/evaluate/evaluation.json', import.meta.url), 'utf8')) as { regression: RegressionFixture[] };

/** |got - want| <= 1e-9 x max(|want|, scale): relative, with `scale` for values near 0. */
function expectClose(got: number | null, want: number, label: string, scale = 0): void {
  expect(got, label).not.toBeNull();
  expect(Math.abs((got as number) - want), `${label}: got ${got}, want ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(want), scale));
}

function expectAllClose(got: ArrayLike<number | null>, want: number[], label: string, scale = 0): void {
  expect(got.length, `${label} length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) expectClose(got[i], want[i], `${label}[${i}]`, scale);
}


describe('regressionReport matches scikit-learn', () => {
  for (const c of fixtures.regression) {
    it(c.name, () => {
      const yTrue = Float64Array.from(c.y_true);
      const yPred = Float64Array.from(c.y_pred);
      const report = regressionReport(yTrue, yPred);
      for (const name of ['r2', 'rmse', 'mae', 'mape'] as const) expectClose(report[name], c.expected[name], name);
      // Residual statistics near 0 are compared on the residuals' own scale.
      const scale = Math.max(Math.abs(c.expected.residuals.min), Math.abs(c.expected.residuals.max));
      for (const [name, want] of Object.entries(c.expected.residuals)) expectClose(report.residuals[name as keyof typeof report.residuals], want, `residual ${name}`, scale);
      expect(report.rows).toBe(yTrue.length);
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    });
  }

  it('zeros_in_truth: MAPE divides by machine epsilon where y is 0, as scikit-learn', () => {
    const c = fixtures.regression.find((x) => x.name === 'zeros_in_truth')!;
    expect(c.y_true).toContain(0);
    expect(regressionReport(Float64Array.from(c.y_true), Float64Array.from(c.y_pred)).mape).toBeGreaterThan(1e12);
  });
});

describe('residualHistogram matches numpy.histogram', () => {
  for (const c of fixtures.regression) {
    it(c.name, () => {
      const h = residualHistogram(c.y_true, c.y_pred, 10);
      expect(h.counts).toEqual(c.expected.histogram.counts);
      const scale = Math.max(...c.expected.histogram.edges.map(Math.abs));
      expectAllClose(h.edges, c.expected.histogram.edges, 'edges', scale);
    });
  }

  it('puts edge values in the upper bin except the last edge, and widens a constant by 0.5', () => {
    expect(histogram([0, 1, 2, 3, 4], 4)).toEqual({ edges: [0, 1, 2, 3, 4], counts: [1, 1, 1, 2] });
    expect(histogram([2, 2, 2], 2)).toEqual({ edges: [1.5, 2, 2.5], counts: [0, 3] });
    expect(histogram([], 5)).toEqual({ edges: [], counts: [] });
    expect(() => histogram([1, NaN])).toThrow('Value 2 is NaN');
  });
});

describe('predictionSample', () => {
  const n = 5000;
  const yTrue = Float64Array.from({ length: n }, (_, i) => i);
  const yPred = Float64Array.from({ length: n }, (_, i) => i + (i % 7) - 3);

  it('keeps every row when they fit, in order', () => {
    const s = predictionSample(yTrue.subarray(0, 10), yPred.subarray(0, 10), 10, 1);
    expect(s.rows).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.residual[4]).toBe(yTrue[4] - yPred[4]);
    expect(s.total).toBe(10);
  });

  it('samples maxPoints distinct rows in order, the same for a seed and others for another', () => {
    const a = predictionSample(yTrue, yPred, 300, 42);
    expect(a.rows).toHaveLength(300);
    expect(new Set(a.rows).size).toBe(300);
    expect([...a.rows].sort((x, y) => x - y)).toEqual(a.rows);
    a.rows.forEach((r, k) => {
      expect(a.actual[k]).toBe(yTrue[r]);
      expect(a.predicted[k]).toBe(yPred[r]);
      expect(a.residual[k]).toBe(yTrue[r] - yPred[r]);
    });
    expect(predictionSample(yTrue, yPred, 300, 42)).toEqual(a);
    expect(predictionSample(yTrue, yPred, 300, 43).rows).not.toEqual(a.rows);
    expect(a.total).toBe(n);
    expect(() => predictionSample(yTrue, yPred.subarray(1), 10)).toThrow('4999 predictions for 5000 rows');
  });
});
