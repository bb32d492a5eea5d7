/**
 * The classification report against scikit-learn 1.2.1, to 1e-9 relative: per class
 * precision_recall_fscore_support(zero_division=0), classification_report's averages,
 * balanced accuracy, log loss, ROC AUC and the confusion matrix. The fixture
 * tests/fixtures/evaluate/evaluation.json comes from
 *   /usr/bin/python3 tests/fixtures/evaluate/make_evaluation_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classificationReport } from './classificationReport';

interface ClassificationFixture {
  name: string;
  classes: number;
  y_true: number[];
  proba: number[];
  expected: {
    precision: number[];
    recall: number[];
    f1: number[];
    support: number[];
    macro: { precision: number; recall: number; f1: number; support: number };
    weighted: { precision: number; recall: number; f1: number; support: number };
    accuracy: number;
    balanced_accuracy: number;
    log_loss: number;
    roc_auc: number;
    confusion: number[][];
    confusion_normalized: number[][];
  };
}

const fixtures = JSON.parse(readFileSync(new URL('../../../tests/fixtures/evaluate/evaluation.json', import.meta.url), 'utf8')) as { classification: ClassificationFixture[] };

/** |got - want| <= 1e-9 x max(|want|, scale): relative, with `scale` for values near 0. */
function expectClose(got: number | null, want: number, label: string, scale = 0): void {
  expect(got, label).not.toBeNull();
  expect(Math.abs((got as number) - want), `${label}: got ${got}, want ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(want), scale));
}

function expectAllClose(got: ArrayLike<number | null>, want: number[], label: string, scale = 0): void {
  expect(got.length, `${label} length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) expectClose(got[i], want[i], `${label}[${i}]`, scale);
}


describe('classificationReport matches scikit-learn', () => {
  for (const c of fixtures.classification) {
    it(c.name, () => {
      const classes = Array.from({ length: c.classes }, (_, k) => `class ${k}`);
      const report = classificationReport(Int32Array.from(c.y_true), Float64Array.from(c.proba), classes);
      const want = c.expected;
      expect(report.rows).toBe(c.y_true.length);
      expect(report.perClass.map((r) => r.class)).toEqual(classes);
      expectAllClose(
        report.perClass.map((r) => r.precision),
        want.precision,
        'precision',
        1e-300,
      );
      expectAllClose(
        report.perClass.map((r) => r.recall),
        want.recall,
        'recall',
      );
      expectAllClose(
        report.perClass.map((r) => r.f1),
        want.f1,
        'f1',
      );
      expect(report.perClass.map((r) => r.support)).toEqual(want.support);
      for (const average of ['macro', 'weighted'] as const) {
        for (const key of ['precision', 'recall', 'f1'] as const) expectClose(report[average][key], want[average][key], `${average} ${key}`);
        expect(report[average].support).toBe(want[average].support);
      }
      expectClose(report.metrics.accuracy, want.accuracy, 'accuracy');
      expectClose(report.metrics.balanced_accuracy, want.balanced_accuracy, 'balanced accuracy');
      expectClose(report.metrics.log_loss, want.log_loss, 'log loss');
      expectClose(report.metrics.roc_auc, want.roc_auc, 'roc auc');
      expectClose(report.metrics.f1_macro, want.macro.f1, 'f1_macro equals the report macro F1');
      expect(report.confusion.counts).toEqual(want.confusion);
      report.confusion.normalized.forEach((row, t) => expectAllClose(row, want.confusion_normalized[t], `normalized row ${t}`));
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    });
  }

  it('never_predicted: a class with no predictions has precision 0 (zero_division=0)', () => {
    const c = fixtures.classification.find((x) => x.name === 'never_predicted')!;
    const report = classificationReport(Int32Array.from(c.y_true), Float64Array.from(c.proba), ['a', 'b', 'c', 'd']);
    expect(report.perClass[3]).toMatchObject({ class: 'd', precision: 0, recall: 0, f1: 0 });
  });

  it('a single class in y_true gives a null ROC AUC and a zero row for the absent class', () => {
    const report = classificationReport(Int32Array.from([1, 1, 1]), Float64Array.from([0.2, 0.8, 0.6, 0.4, 0.1, 0.9]), ['no', 'yes']);
    expect(report.metrics.roc_auc).toBeNull();
    expect(report.metrics.accuracy).toBeCloseTo(2 / 3, 15);
    expect(report.confusion.counts).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(report.confusion.normalized).toEqual([
      [0, 0],
      [1 / 3, 2 / 3],
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
