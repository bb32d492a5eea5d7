/**
 * Drift monitoring's two documents: the reference (a compact summary of the training data that
 * travels in bundle.json as "drift") and the report (how new data compares with it).
 *
 * Both are plain JSON. Every list is an array, never an object keyed by a column or category
 * name, because `__proto__` and `constructor` are real names in real files.
 */
import type { ColumnType } from '../data/table';

export const DRIFT_REFERENCE_VERSION = 1;
export const DRIFT_REPORT_FORMAT = 'local-ml-studio/drift-report';
export const DRIFT_REPORT_VERSION = 1;

/** The name the prediction's summary goes by in the reference and the report. */
export const PREDICTION_NAME = 'prediction';

/** Numbers, datetimes (epoch milliseconds, UTC) and booleans (0 and 1). */
export interface NumericReference {
  name: string;
  kind: 'numeric';
  type: ColumnType;
  /** Present values. */
  count: number;
  missing: number;
  /**
   * Ascending inner bin edges (deciles of the training values, repeats dropped). Bin i holds the
   * values in (edges[i-1], edges[i]]; the first and last bins are open-ended, so every value has one.
   */
  edges: number[];
  /** Training values per bin: edges.length + 1 counts. */
  bins: number[];
  /**
   * The distribution sketch for the KS test: ascending distinct values, each with the number of
   * training values in (points[i-1], points[i]] (the first: up to points[0]); they add up to `count`.
   */
  points: number[];
  pointCounts: number[];
  /** Whether `points` holds every distinct training value, which makes the KS statistic exact. */
  exact: boolean;
}

/** Categories, text and identifiers: counts of the most frequent categories. */
export interface CategoricalReference {
  name: string;
  kind: 'categorical';
  type: ColumnType;
  count: number;
  missing: number;
  /** Most frequent first; at most MAX_CATEGORIES. */
  categories: string[];
  counts: number[];
  /** Present values whose category is not listed (the rarest ones, when there were too many). */
  other: number;
}

export type ColumnReference = NumericReference | CategoricalReference;

export interface DriftReference {
  version: typeof DRIFT_REFERENCE_VERSION;
  /** Training rows summarised. */
  rows: number;
  /** One per model input, in the bundle's input order. */
  columns: ColumnReference[];
  /** The model's predictions on the training rows: class counts, or a numeric sketch. */
  prediction?: ColumnReference;
}

export type DriftVerdict = 'stable' | 'warning' | 'drift';

/** The rules a report was judged by; see driftThresholds.ts for why each is set where it is. */
export interface DriftThresholds {
  psiWarning: number;
  psiDrift: number;
  /** Proportion put in place of an empty bin's zero, so PSI stays finite. */
  psiEpsilon: number;
  /** A PSI band counts only when the column's test also has a p-value below this. */
  psiPValue: number;
  /** A test alone means drift when its p-value is below this and its effect at least `effectDrift`. */
  testPValue: number;
  effectDrift: number;
  missingRateWarning: number;
  missingRateDrift: number;
  unseenShareWarning: number;
  unseenShareDrift: number;
}

export interface DriftTest {
  /** Two-sample Kolmogorov-Smirnov for numbers, chi-square homogeneity for categories. */
  name: 'ks' | 'chi-square';
  statistic: number;
  pValue: number;
  /** Chi-square only: degrees of freedom. */
  dof?: number;
  /**
   * The size of the change, 0 to 1: KS D (the largest gap between the two cumulative shares) or the
   * total variation distance of the category shares (the share of rows that would have to move).
   */
  effect: number;
  /** KS only: how far D may be from the exact statistic, from the reference's sketch (0 when exact). */
  maxError?: number;
}

/** What a chart needs to overlay the two distributions: shares of the present values per bar. */
export interface DriftChart {
  labels: string[];
  reference: number[];
  current: number[];
}

export interface ColumnDrift {
  name: string;
  kind: 'numeric' | 'categorical';
  type: ColumnType;
  verdict: DriftVerdict;
  /** One sentence per rule that fired; empty when stable. */
  reasons: string[];
  /** Present when the new data has no column of this name. */
  absent?: true;
  reference: { count: number; missingRate: number };
  current: { count: number; missingRate: number };
  /** New missing share minus the training one; null when the column is absent. */
  missingRateChange: number | null;
  /** Null when either side has no present values. */
  psi: number | null;
  test: DriftTest | null;
  /** Categorical only: new values whose category the reference does not list. */
  unseen?: { categories: string[]; count: number; share: number };
  /** Numeric only: new cells that could not be read as this column's type (counted as missing). */
  unreadable?: number;
  chart: DriftChart;
}

export interface DriftSummary {
  verdict: DriftVerdict;
  /** Input columns compared, and how many got each verdict. */
  columns: number;
  stable: number;
  warning: number;
  drift: number;
  drifted: string[];
  warnings: string[];
  /** The predictions' verdict; null when they were not compared. */
  prediction: DriftVerdict | null;
  /** One plain-language sentence (or two) for people. */
  message: string;
}

export interface DriftReport {
  format: typeof DRIFT_REPORT_FORMAT;
  version: typeof DRIFT_REPORT_VERSION;
  reference: { rows: number };
  current: { rows: number };
  thresholds: DriftThresholds;
  summary: DriftSummary;
  columns: ColumnDrift[];
  prediction: ColumnDrift | null;
}
