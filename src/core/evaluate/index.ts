/**
 * The evaluation engine's public surface: metrics, reports, curves, threshold tables, plots'
 * data, fit verdicts, learning curves, group (fairness) metrics and error analysis. Every
 * result is plain JSON (no NaN: null where undefined) and bounded in size, fit to send to the UI.
 *
 * learningCurve fits models, so importing it (or this index as a value) brings in the model
 * registry; a main-thread UI should `import type` from here and run evaluations in a worker.
 */
export { classificationBaseline, nullForNaN, regressionBaseline } from './baselineMetrics';
export { binaryCounts, MAX_CURVE_POINTS, thinIndices, trapezoid, type BinaryCounts } from './binaryCurve';
export { calibrationCurve, type CalibrationCurve } from './calibrationCurve';
export { classificationMetrics, labelMetrics, logLoss, type ClassificationMetrics, type LabelMetrics } from './classificationMetrics';
export { classificationReport, type ClassificationReport, type ClassReportRow, type ConfusionReport } from './classificationReport';
export { accuracyOf, balancedAccuracy, classScores, macroAverage, weightedAverage, type AveragedScores, type ClassScores } from './classScores';
export { clusterProfiles, type ClusterProfiles } from './clusterProfiles';
export { argmaxClasses, confusionMatrix } from './confusionMatrix';
export { fitVerdict, formatValue, isHigherBetter, OVERFIT_GAP, UNDERFIT_PROGRESS, type FitVerdict, type FitVerdictInput, type Verdict } from './fitVerdict';
export { groupMetrics, MISSING_GROUP, OTHER_GROUP, type GroupColumn, type GroupGap, type GroupMetrics, type GroupMetricsOptions, type GroupRow } from './groupMetrics';
export { absoluteSizes, DEFAULT_TRAIN_SIZES, learningCurve, type LearningCurve, type LearningCurveOptions, type LearningCurvePoint, type MetricSummary } from './learningCurve';
export { defaultPointsPerCurve, oneVsRestCurves, type ClassCurves, type OneVsRestCurves } from './oneVsRestCurves';
export { averagePrecisionOf, fullPrecisionRecallCurve, precisionRecallCurve, type FullPrecisionRecallCurve, type PrecisionRecallCurve } from './precisionRecallCurve';
export { DEFAULT_SAMPLE_POINTS, predictionSample, type PredictionSample } from './predictionSample';
export { regressionMetrics, type RegressionMetrics } from './regressionMetrics';
export { regressionReport, residualsOf, type RegressionReport, type ResidualSummary } from './regressionReport';
export { DEFAULT_HISTOGRAM_BINS, histogram, residualHistogram, type Histogram } from './residualHistogram';
export { binaryRocAuc, rocAuc } from './rocAuc';
export { fullRocCurve, rocCurve, type FullRocCurve, type RocCurve } from './rocCurve';
export { clusterSizes, DEFAULT_SILHOUETTE_SAMPLE, silhouetteScore, trySilhouetteScore } from './silhouette';
export { metricsAtThreshold, thresholdTable, type ThresholdMetrics, type ThresholdRow, type ThresholdTable } from './thresholdTable';
export { worstRows, type WorstRow } from './worstRows';
