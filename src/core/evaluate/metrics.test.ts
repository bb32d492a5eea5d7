/**
 * Known answers from scikit-learn 1.2.1. The fixtures come from
 *   /usr/bin/python3 tests/fixtures/sklearn/make_fixtures.py
 * (run from the repository root).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './classificationMetrics';
import { argmaxClasses, confusionMatrix } from './confusionMatrix';
import { regressionMetrics } from './regressionMetrics';

interface ClassificationCase {
  name: string;
  classes: number;
  y_true: number[];
  proba: number[];
  expected: Record<string, number | null>;
  confusion: number[][];
}
interface RegressionCase {
  name: string;
  y_true: number[];
  y_pred: number[];
  expected: Record<string, number>;
}

const fixtures = JSON.parse(readFileSync(new URL('../../../tests/fixtures/sklearn/metrics_cases.json', import.meta.url), 'utf8')) as {
  classification: ClassificationCase[];
  regression: RegressionCase[];
};

describe('classificationMetrics matches scikit-learn', () => {
  for (const c of fixtures.classification) {
    it(c.name, () => {
      const yTrue = Int32Array.from(c.y_true);
      const proba = Float64Array.from(c.proba);
      const got = classificationMetrics(yTrue, proba, c.classes);
      for (const [name, want] of Object.entries(c.expected)) {
        if (want === null) continue; // scikit-learn refuses to compute it (see rocAuc.ts)
        expect(Math.abs(got[name as keyof typeof got] - want), name).toBeLessThan(1e-9);
      }
      const yPred = argmaxClasses(proba, yTrue.length, c.classes);
      expect(confusionMatrix(yTrue, yPred, c.classes)).toEqual(c.confusion);
    });
  }

  it('averages ROC AUC over the classes present in y_true, where scikit-learn refuses', () => {
    const c = fixtures.classification.find((x) => x.name === 'absent_class')!;
    const got = classificationMetrics(Int32Array.from(c.y_true), Float64Array.from(c.proba), c.classes);
    expect(got.roc_auc).toBeGreaterThan(0.5);
    expect(got.roc_auc).toBeLessThanOrEqual(1);
  });

  it('gives NaN ROC AUC when y_true holds a single class', () => {
    const got = classificationMetrics(Int32Array.from([1, 1]), Float64Array.from([0.2, 0.8, 0.6, 0.4]), 2);
    expect(got.roc_auc).toBeNaN();
    expect(got.accuracy).toBe(0.5);
  });

  it('rejects probabilities of the wrong size', () => {
    expect(() => classificationMetrics(Int32Array.from([0, 1]), new Float64Array(3), 2)).toThrow('expected 2 x 2');
  });
});

describe('regressionMetrics matches scikit-learn', () => {
  for (const c of fixtures.regression) {
    it(c.name, () => {
      const got = regressionMetrics(Float64Array.from(c.y_true), Float64Array.from(c.y_pred));
      for (const [name, want] of Object.entries(c.expected)) {
        const scale = Math.max(1, Math.abs(want));
        expect(Math.abs(got[name as keyof typeof got] - want) / scale, name).toBeLessThan(1e-9);
      }
    });
  }
});
