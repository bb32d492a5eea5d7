/**
 * Each branch of the fit verdict's rule (see fitVerdict.ts), and the baselines it compares with.
 */
import { describe, expect, it } from 'vitest';
import { classificationBaseline, regressionBaseline } from './baselineMetrics';
import { fitVerdict, formatValue, isHigherBetter } from './fitVerdict';

describe('fitVerdict', () => {
  it('overfitting: training much better than validation', () => {
    const v = fitVerdict({ metric: 'accuracy', higherIsBetter: true, train: 1, validation: 0.85 });
    expect(v.verdict).toBe('overfitting');
    expect(v.sentence).toBe(
      'Training accuracy 1.000 vs validation 0.850: the model fits the training rows much better than new rows (overfitting); try a simpler model or more regularisation.',
    );
    expect(v.gap).toBeCloseTo(0.15, 12);
  });

  it('overfitting on an error metric: the gap is relative to the validation error', () => {
    const v = fitVerdict({ metric: 'rmse', higherIsBetter: false, train: 2, validation: 3 });
    expect(v.verdict).toBe('overfitting');
    expect(v.gap).toBeCloseTo(1 / 3, 12);
    expect(v.sentence).toContain('Training RMSE 2.000 vs validation 3.000');
    expect(fitVerdict({ metric: 'rmse', higherIsBetter: false, train: 2.9, validation: 3, baseline: 10 }).verdict).toBe('good fit');
  });

  it('overfitting is judged on the room above the baseline: 7 points matter when the baseline is 0.9', () => {
    expect(fitVerdict({ metric: 'accuracy', higherIsBetter: true, train: 1, validation: 0.93 }).verdict).toBe('unclear');
    const v = fitVerdict({ metric: 'accuracy', higherIsBetter: true, train: 1, validation: 0.93, baseline: 0.9 });
    expect(v.verdict).toBe('overfitting');
    expect(v.gap).toBeCloseTo(0.7, 12);
  });

  it('underfitting: validation close to the baseline, and training no better', () => {
    const v = fitVerdict({ metric: 'accuracy', higherIsBetter: true, train: 0.66, validation: 0.64, baseline: 0.6 });
    expect(v.verdict).toBe('underfitting');
    expect(v.progress).toBeCloseTo(0.1, 12);
    expect(v.sentence).toBe(
      'Training accuracy 0.660 vs validation 0.640, close to the 0.600 of a model that ignores the inputs: the model has learned little from the data (underfitting); try a more flexible model, better features or less regularisation.',
    );
    // R² has the natural baseline 0.
    expect(fitVerdict({ metric: 'r2', higherIsBetter: true, train: 0.12, validation: 0.08 }).verdict).toBe('underfitting');
    expect(fitVerdict({ metric: 'mae', higherIsBetter: false, train: 9.5, validation: 9.8, baseline: 10 }).verdict).toBe('underfitting');
  });

  it('good fit: a small gap and well above the baseline', () => {
    const v = fitVerdict({ metric: 'r2', higherIsBetter: true, train: 0.86, validation: 0.82 });
    expect(v.verdict).toBe('good fit');
    expect(v.sentence).toBe(
      'Training R² 0.860 vs validation 0.820: the model does about as well on new rows as on the training rows and clearly beats the 0.000 of a model that ignores the inputs (good fit).',
    );
    expect(fitVerdict({ metric: 'roc_auc', higherIsBetter: true, train: 0.93, validation: 0.9 }).verdict).toBe('good fit');
    expect(fitVerdict({ metric: 'log_loss', higherIsBetter: false, train: 0.3, validation: 0.32, baseline: 0.69 }).verdict).toBe('good fit');
  });

  it('unclear: a missing number, validation far better than training, or no baseline', () => {
    expect(fitVerdict({ metric: 'roc_auc', higherIsBetter: true, train: 0.9, validation: null })).toEqual({
      verdict: 'unclear',
      sentence: 'Cannot judge the fit: the training or validation ROC AUC is missing.',
      gap: null,
      progress: null,
    });
    expect(fitVerdict({ metric: 'accuracy', higherIsBetter: true, train: NaN, validation: 0.8 }).verdict).toBe('unclear');
    const better = fitVerdict({ metric: 'accuracy', higherIsBetter: true, train: 0.7, validation: 0.9, baseline: 0.5 });
    expect(better.verdict).toBe('unclear');
    expect(better.sentence).toContain('better on new rows than on the training rows');
    const noBaseline = fitVerdict({ metric: 'f1_macro', higherIsBetter: true, train: 0.8, validation: 0.78 });
    expect(noBaseline.verdict).toBe('unclear');
    expect(noBaseline.sentence).toContain('Training F1 (macro) 0.800 vs validation 0.780: no sign of overfitting');
    expect(JSON.parse(JSON.stringify(noBaseline))).toEqual(noBaseline);
  });

  it('formats values readably and knows which metrics are errors', () => {
    expect([formatValue(0.85), formatValue(12.3456), formatValue(1234.56), formatValue(0.000123), formatValue(2.5e7), formatValue(0)]).toEqual([
      '0.850',
      '12.346',
      '1234.6',
      '0.000123',
      '2.50e+7',
      '0.000',
    ]);
    expect(['accuracy', 'r2', 'roc_auc', 'log_loss', 'rmse', 'mae'].map(isHigherBetter)).toEqual([true, true, true, false, false, false]);
  });
});

describe('baselines (scikit-learn DummyClassifier(strategy="prior"), DummyRegressor())', () => {
  it('a classifier predicting the class shares: majority accuracy, 1/K balanced accuracy, AUC 0.5, prior entropy', () => {
    const y = Int32Array.from([0, 0, 0, 1, 2, 0, 1, 0]);
    const b = classificationBaseline(y, 3);
    expect(b.accuracy).toBe(5 / 8);
    expect(b.balanced_accuracy).toBeCloseTo(1 / 3, 15);
    expect(b.roc_auc).toBe(0.5);
    const shares = [5 / 8, 2 / 8, 1 / 8];
    expect(b.log_loss).toBeCloseTo(-shares.reduce((a, p) => a + p * Math.log(p), 0), 12);
    // Shares from the training labels, scored on others.
    expect(classificationBaseline(Int32Array.from([1, 1]), 2, Int32Array.from([0, 0, 1])).accuracy).toBe(0);
  });

  it('a regressor predicting the mean: R² 0 and RMSE the standard deviation', () => {
    const y = Float64Array.from([1, 2, 3, 4]);
    const b = regressionBaseline(y);
    expect(b.r2).toBe(0);
    expect(b.rmse).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(b.mae).toBe(1);
  });
});
