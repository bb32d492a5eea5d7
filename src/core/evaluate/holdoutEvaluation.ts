/**
 * Everything the evaluation view draws for one trained model, computed once in the training
 * worker from its held-out predictions: small (bounded lists), plain JSON, so every model of a
 * run keeps one and models can be compared side by side.
 */
import { argmaxClasses } from './confusionMatrix';
import { classificationBaseline, regressionBaseline } from './baselineMetrics';
import { calibrationCurve, type CalibrationCurve } from './calibrationCurve';
import { classificationReport, type ClassificationReport } from './classificationReport';
import { fitVerdict, isHigherBetter, type FitVerdict } from './fitVerdict';
import { oneVsRestCurves, type OneVsRestCurves } from './oneVsRestCurves';
import { predictionSample, type PredictionSample } from './predictionSample';
import { regressionReport, type RegressionReport } from './regressionReport';
import { residualHistogram, type Histogram } from './residualHistogram';
import { thresholdTable, type ThresholdTable } from './thresholdTable';
import { worstRows, type WorstRow } from './worstRows';

/** Table rows kept per confusion-matrix cell, for "show these rows". */
export const ROWS_PER_CELL = 50;
export const WORST_ROWS = 50;

export interface HoldoutEvaluation {
  task: 'classification' | 'regression';
  rows: number;
  /** The metric the verdict compares (accuracy or R²). */
  fit: FitVerdict;
  trainMetrics: Record<string, number | null>;
  classification?: {
    classes: string[];
    report: ClassificationReport;
    curves: OneVsRestCurves;
    /** Binary only: the positive class's calibration and the confusion counts per threshold. */
    calibration?: CalibrationCurve;
    thresholds?: ThresholdTable;
    /** Table rows of each confusion cell [true][predicted], at most ROWS_PER_CELL each. */
    cellRows: number[][][];
  };
  regression?: { report: RegressionReport; sample: PredictionSample; residuals: Histogram };
  /** The rows the model gets most wrong, with their table row. */
  worst: Array<WorstRow & { tableRow: number }>;
}

export interface HoldoutInput {
  task: 'classification' | 'regression';
  classes?: string[];
  /** Table rows of the held-out predictions. */
  rows: Int32Array;
  yTrue: Int32Array | Float64Array;
  /** Probabilities (rows x classes) or predicted values. */
  output: Float64Array;
  trainMetrics: Record<string, number>;
}

function finiteOrNull(x: number | undefined): number | null {
  return x === undefined || !Number.isFinite(x) ? null : x;
}

export function holdoutEvaluation(input: HoldoutInput): HoldoutEvaluation {
  const { task, rows, output } = input;
  const trainMetrics = Object.fromEntries(Object.entries(input.trainMetrics).map(([k, v]) => [k, finiteOrNull(v)]));
  const worstOf = (worst: WorstRow[]) => worst.map((w) => ({ ...w, tableRow: rows[w.row] }));
  if (task === 'classification') {
    const classes = input.classes ?? [];
    const yTrue = input.yTrue as Int32Array;
    const k = classes.length;
    const report = classificationReport(yTrue, output, classes);
    const predicted = argmaxClasses(output, yTrue.length, k);
    const cellRows = classes.map(() => classes.map((): number[] => []));
    for (let i = 0; i < yTrue.length; i++) {
      const cell = cellRows[yTrue[i]][predicted[i]];
      if (cell.length < ROWS_PER_CELL) cell.push(rows[i]);
    }
    let calibration: CalibrationCurve | undefined;
    let thresholds: ThresholdTable | undefined;
    if (k === 2) {
      const positive = Array.from(yTrue, (y) => y === 1);
      const score = Array.from({ length: yTrue.length }, (_, i) => output[i * 2 + 1]);
      calibration = calibrationCurve(positive, score);
      thresholds = thresholdTable(positive, score);
    }
    const baseline = classificationBaseline(yTrue, k).accuracy;
    return {
      task,
      rows: yTrue.length,
      fit: fitVerdict({ metric: 'accuracy', higherIsBetter: true, train: finiteOrNull(input.trainMetrics.accuracy), validation: report.metrics.accuracy, baseline }),
      trainMetrics,
      classification: { classes, report, curves: oneVsRestCurves(yTrue, output, classes), calibration, thresholds, cellRows },
      worst: worstOf(worstRows(yTrue, output, 'classification', WORST_ROWS)),
    };
  }
  const yTrue = input.yTrue as Float64Array;
  const report = regressionReport(yTrue, output);
  return {
    task,
    rows: yTrue.length,
    fit: fitVerdict({ metric: 'r2', higherIsBetter: isHigherBetter('r2'), train: finiteOrNull(input.trainMetrics.r2), validation: finiteOrNull(report.r2), baseline: regressionBaseline(yTrue).r2 }),
    trainMetrics,
    regression: { report, sample: predictionSample(yTrue, output), residuals: residualHistogram(yTrue, output) },
    worst: worstOf(worstRows(yTrue, output, 'regression', WORST_ROWS)),
  };
}
