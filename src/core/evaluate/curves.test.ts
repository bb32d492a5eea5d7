/**
 * ROC, precision-recall and calibration curves against scikit-learn 1.2.1: the full curves
 * point by point and AUC / average precision to 1e-9 relative, then the thinning that bounds
 * what the UI receives. The fixture tests/fixtures/evaluate/evaluation.json comes from
 *   /usr/bin/python3 tests/fixtures/evaluate/make_evaluation_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thinIndices } from './binaryCurve';
import { calibrationCurve } from './calibrationCurve';
import { oneVsRestCurves } from './oneVsRestCurves';
import { fullPrecisionRecallCurve, precisionRecallCurve } from './precisionRecallCurve';
import { rocAuc } from './rocAuc';
import { fullRocCurve, rocCurve } from './rocCurve';

/** The classification cases, of which these tests use the probabilities and ROC AUC. */
interface ClassificationFixture {
  name: string;
  y_true: number[];
  proba: number[];
  expected: { roc_auc: number };
}

interface BinaryFixture {
  name: string;
  y_true: number[];
  score: number[];
  expected: {
    roc: { fpr: number[]; tpr: number[]; thresholds: number[] };
    pr: { precision: number[]; recall: number[]; thresholds: number[] };
    roc_auc: number;
    average_precision: number;
    calibration: Record<string, { prob_true: number[]; prob_pred: number[]; counts: number[] }>;
  };
}

const fixtures = JSON.parse(readFileSync(new URL('../../../tests/fixtures/evaluate/evaluation.json', import.meta.url), 'utf8')) as { classification: ClassificationFixture[]; binary: BinaryFixture[] };

/** |got - want| <= 1e-9 x max(|want|, scale): relative, with `scale` for values near 0. */
function expectClose(got: number | null, want: number, label: string, scale = 0): void {
  expect(got, label).not.toBeNull();
  expect(Math.abs((got as number) - want), `${label}: got ${got}, want ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(want), scale));
}

function expectAllClose(got: ArrayLike<number | null>, want: number[], label: string, scale = 0): void {
  expect(got.length, `${label} length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) expectClose(got[i], want[i], `${label}[${i}]`, scale);
}


describe('curves match scikit-learn', () => {
  for (const c of fixtures.binary) {
    const positive = c.y_true.map((y) => y === 1);
    it(`${c.name}: roc_curve(drop_intermediate=True) and roc_auc_score`, () => {
      const full = fullRocCurve(positive, c.score);
      expectAllClose(full.fpr, c.expected.roc.fpr, 'fpr');
      expectAllClose(full.tpr, c.expected.roc.tpr, 'tpr');
      expectAllClose(full.thresholds, c.expected.roc.thresholds, 'thresholds');
      const curve = rocCurve(positive, c.score);
      expectClose(curve.auc, c.expected.roc_auc, 'auc');
      expect(curve.totalPoints).toBe(c.expected.roc.fpr.length);
    });

    it(`${c.name}: precision_recall_curve and average_precision_score`, () => {
      const full = fullPrecisionRecallCurve(positive, c.score);
      expectAllClose(full.precision, c.expected.pr.precision, 'precision');
      expectAllClose(full.recall, c.expected.pr.recall, 'recall');
      expectAllClose(full.thresholds, c.expected.pr.thresholds, 'thresholds');
      const curve = precisionRecallCurve(positive, c.score);
      expectClose(curve.averagePrecision, c.expected.average_precision, 'average precision');
      expect(curve.baseline).toBe(positive.filter(Boolean).length / positive.length);
    });

    for (const bins of [10, 5]) {
      it(`${c.name}: calibration_curve(n_bins=${bins}, strategy='uniform') and the rows per bin`, () => {
        const want = c.expected.calibration[String(bins)];
        const got = calibrationCurve(positive, c.score, bins);
        expectAllClose(got.fractionPositive, want.prob_true, 'prob_true');
        expectAllClose(got.meanPredicted, want.prob_pred, 'prob_pred');
        expect(got.count).toEqual(want.counts);
        expect(got.edges).toHaveLength(bins + 1);
        expect(got.rows).toBe(c.score.length);
      });
    }
  }
});

describe('curves sent to the UI', () => {
  const large = fixtures.binary.find((c) => c.name === 'large')!;
  const positive = large.y_true.map((y) => y === 1);

  it('thin evenly by position to at most maxPoints, keeping both ends', () => {
    expect(thinIndices(5, 300)).toEqual([0, 1, 2, 3, 4]);
    expect(thinIndices(11, 3)).toEqual([0, 5, 10]);
    const picked = thinIndices(2001, 300);
    expect(picked).toHaveLength(300);
    expect(picked[0]).toBe(0);
    expect(picked[299]).toBe(2000);
    for (let i = 1; i < picked.length; i++) expect(picked[i]).toBeGreaterThan(picked[i - 1]);
  });

  it('the ROC and PR curves of 2000 rows come back with 300 points, ends exact, areas from the full data', () => {
    const roc = rocCurve(positive, large.score);
    expect(large.expected.roc.fpr.length).toBeGreaterThan(300);
    expect(roc.fpr).toHaveLength(300);
    expect([roc.fpr[0], roc.tpr[0], roc.fpr[299], roc.tpr[299]]).toEqual([0, 0, 1, 1]);
    expectClose(roc.auc, large.expected.roc_auc, 'auc');
    const pr = precisionRecallCurve(positive, large.score, 100);
    expect(pr.precision).toHaveLength(100);
    expect(pr.totalPoints).toBe(2001);
    expect([pr.recall[0], pr.recall[99], pr.precision[99], pr.thresholds[99]]).toEqual([1, 0, 1, null]);
    expectClose(pr.averagePrecision, large.expected.average_precision, 'average precision');
    expect(JSON.parse(JSON.stringify(pr))).toEqual(pr);
  });

  it('a curve without both classes is empty with a null area', () => {
    expect(rocCurve([true, true], [0.2, 0.9])).toMatchObject({ fpr: [], auc: null, positives: 2, negatives: 0 });
    expect(precisionRecallCurve([false, false], [0.2, 0.9])).toMatchObject({ precision: [], averagePrecision: null });
    expect(() => rocCurve([true, false], [0.2, NaN])).toThrow('Row 2 has the score NaN');
  });

  it('calibration rejects probabilities outside [0, 1]', () => {
    expect(() => calibrationCurve([true], [1.2])).toThrow('outside [0, 1]');
  });
});

describe('oneVsRestCurves', () => {
  const multi = fixtures.classification.find((c) => c.name === 'multiclass')!;
  const yTrue = Int32Array.from(multi.y_true);
  const proba = Float64Array.from(multi.proba);

  it('gives one curve per class whose mean AUC is the one-vs-rest macro ROC AUC', () => {
    const ovr = oneVsRestCurves(yTrue, proba, ['a', 'b', 'c']);
    expect(ovr.curves.map((c) => [c.class, c.index])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    expectClose(ovr.macroRocAuc, multi.expected.roc_auc, 'macro auc');
    expectClose(ovr.macroRocAuc, rocAuc(yTrue, proba, 3), 'studio roc_auc');
    for (const c of ovr.curves) {
      const positive = Array.from(yTrue, (t) => t === c.index);
      const score = Array.from(yTrue, (_, r) => proba[r * 3 + c.index]);
      expect(c.roc).toEqual(rocCurve(positive, score));
    }
  });

  it('two classes give the positive class only', () => {
    const binary = fixtures.classification.find((c) => c.name === 'binary_ties')!;
    const ovr = oneVsRestCurves(Int32Array.from(binary.y_true), Float64Array.from(binary.proba), ['no', 'yes']);
    expect(ovr.curves.map((c) => c.class)).toEqual(['yes']);
    expectClose(ovr.macroRocAuc, binary.expected.roc_auc, 'auc');
  });
});
