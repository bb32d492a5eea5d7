/**
 * The person's own preparation: table-level steps that run, in order, before the model's encoding
 * (impute, oneHot/ordinal, standardScale in `recipe.steps`). Each step is plain JSON: its options
 * and, once fitted on training rows, what it learned (`fitted`), so the same object is replayed in
 * training, prediction, the CLI, the bundle and the exported Python script.
 *
 * Every `fitted` part holds `rows`, the number of training rows the step was fitted on (after any
 * earlier step removed some), so a description can say what the numbers were learned from.
 *
 * Columns are named, never positioned; a step sees the columns the steps before it left.
 */

interface StepBase {
  /** Stable identity for the UI (undo, reorder, preview); any short string unique in the list. */
  id: string;
  /** A disabled step stays in the list, is not fitted and changes nothing. */
  enabled: boolean;
}

/** Why a data-driven step removed a column, shown to the user. */
export interface DroppedBecause {
  column: string;
  reason: string;
}

/** Drops the columns listed, and with `missingAbove` every column whose share of missing training values is higher. */
export interface DropColumnsStep extends StepBase {
  kind: 'dropColumns';
  columns: string[];
  /** A fraction in [0, 1]. */
  missingAbove?: number;
  /** Optional reason per listed column (the suggested recipe fills it in). */
  reasons?: string[];
  fitted?: { rows: number; dropped: DroppedBecause[] };
}

/** Training only: removes repeated rows (compared on `columns`; absent or empty: all), keeping the first. */
export interface DropDuplicatesStep extends StepBase {
  kind: 'dropDuplicates';
  columns?: string[];
  fitted?: { rows: number; removed: number };
}

/** Training only: removes rows with a missing value in `columns` (absent or empty: any column). */
export interface DropMissingRowsStep extends StepBase {
  kind: 'dropMissingRows';
  columns?: string[];
  fitted?: { rows: number; removed: number };
}

export type ImputeStrategy = 'mean' | 'median' | 'mostFrequent' | 'constant';
export const IMPUTE_STRATEGIES: readonly ImputeStrategy[] = ['mean', 'median', 'mostFrequent', 'constant'];

/**
 * Fills missing values with a value learned from the training rows (or `value` for constant).
 * With `indicator`, first adds `<column>_missing` (1 where the value was missing, else 0) right
 * after each column, always, so the columns do not depend on the data.
 */
export interface PrepImputeStep extends StepBase {
  kind: 'impute';
  columns: string[];
  strategy: ImputeStrategy;
  /** For constant: a number for numeric columns (text that reads as one is accepted), text for categories. */
  value?: number | string;
  indicator?: boolean;
  /** `fill[c]` null: training had no value to learn from; `missing[c]`: missing training values. */
  fitted?: { rows: number; fill: Array<number | string | null>; missing: number[] };
}

/**
 * Bounds from the training rows: IQR (q1 - k*IQR, q3 + k*IQR; numpy's linear percentiles) or
 * z-score (mean -/+ k*std, ddof 0). `clip` clamps values to the bounds everywhere; `remove`
 * drops training rows outside them and changes nothing at prediction.
 */
export interface OutliersStep extends StepBase {
  kind: 'outliers';
  columns: string[];
  method: 'iqr' | 'zscore';
  k: number;
  action: 'clip' | 'remove';
  fitted?: { rows: number; low: number[]; high: number[]; outside: number[]; removed: number };
}

/** Text to numbers: `thousands` separators removed, `decimal` read as the point; unreadable cells become missing. */
export interface ParseNumbersStep extends StepBase {
  kind: 'parseNumbers';
  columns: string[];
  thousands: '' | ',' | '.' | ' ' | "'";
  decimal: '.' | ',';
  fitted?: { rows: number; failed: number[] };
}

/** Text to datetimes (UTC) with an explicit format made of YYYY MM DD HH mm ss and literal characters. */
export interface ParseDatesStep extends StepBase {
  kind: 'parseDates';
  columns: string[];
  format: string;
  fitted?: { rows: number; failed: number[] };
}

/**
 * One 0/1 column `<column>=<category>` per category, the `maxCategories` most frequent kept and
 * the rest sharing `<column>=(other)`. Missing or unseen values give all zeros. Refused when the
 * step would make more than MAX_ONE_HOT_OUTPUTS columns.
 */
export interface PrepOneHotStep extends StepBase {
  kind: 'oneHot';
  columns: string[];
  maxCategories: number;
  fitted?: { rows: number; categories: string[][]; other: string[][] };
}

/** Categories to their position in the sorted training categories; unseen -1, missing stays missing (sklearn OrdinalEncoder). */
export interface PrepOrdinalStep extends StepBase {
  kind: 'ordinal';
  columns: string[];
  fitted?: { rows: number; categories: string[][] };
}

/**
 * The mean target per category, shrunk towards the overall mean (scikit-learn 1.3 TargetEncoder:
 * `smooth` 'auto' is its empirical Bayes estimate, a number m gives (sum + m*mean) / (n + m)).
 * Training rows get out-of-fold values (K folds, stratified for class targets); every other table
 * gets the mapping fitted on all training rows. Missing is a category of its own.
 * A numeric target is encoded as is, two classes as the share of the second (sorted) class, more
 * classes as one column `<column>_<class>` per class.
 */
export interface TargetEncodeStep extends StepBase {
  kind: 'targetEncode';
  columns: string[];
  folds: number;
  smooth: 'auto' | number;
  shuffle: boolean;
  seed: number;
  fitted?: {
    rows: number;
    targetType: 'continuous' | 'binary' | 'multiclass';
    /** The classes (sorted) for class targets. */
    classes?: string[];
    /** Per output (1, or one per class): the training target mean, used for unseen categories. */
    mean: number[];
    /** Per column: the categories seen in training. */
    categories: string[][];
    /** Per column, per output, per category. */
    encodings: number[][][];
    /** Per column, per output: the encoding of a missing value (the mean when training had none). */
    missing: number[][];
  };
}

/** standard: (x - mean) / std (ddof 0); minMax: (x - min) / (max - min); robust: (x - median) / IQR. A zero scale is 1. */
export interface ScaleStep extends StepBase {
  kind: 'scale';
  columns: string[];
  method: 'standard' | 'minMax' | 'robust';
  fitted?: { rows: number; center: number[]; scale: number[] };
}

/** log(1 + x). Refused when a training value is -1 or below; such a value elsewhere becomes missing. */
export interface LogStep extends StepBase {
  kind: 'log';
  columns: string[];
  fitted?: { rows: number };
}

/** Yeo-Johnson power transform with lambda fitted by maximum likelihood (sklearn PowerTransformer(standardize=False)). */
export interface YeoJohnsonStep extends StepBase {
  kind: 'yeoJohnson';
  columns: string[];
  fitted?: { rows: number; lambda: number[] };
}

/** The bin number 0..bins-1 of each value (sklearn KBinsDiscretizer encode='ordinal'); `edges` empty for a constant column. */
export interface BinStep extends StepBase {
  kind: 'bin';
  columns: string[];
  strategy: 'equalWidth' | 'quantile';
  bins: number;
  fitted?: { rows: number; edges: number[][] };
}

/** Degree-2 terms after the columns: `a^2`, `a*b`, `b^2`, ... in scikit-learn's PolynomialFeatures order. */
export interface PolynomialStep extends StepBase {
  kind: 'polynomial';
  columns: string[];
  degree: 2;
  fitted?: { rows: number };
}

/** Products of every pair of the columns: `a*b`, `a*c`, `b*c`. */
export interface InteractionsStep extends StepBase {
  kind: 'interactions';
  columns: string[];
  fitted?: { rows: number };
}

export type DatePart = 'year' | 'month' | 'day' | 'weekday' | 'hour';
export const DATE_PARTS: readonly DatePart[] = ['year', 'month', 'day', 'weekday', 'hour'];

/** `<column>_<part>` columns after a datetime column (UTC; weekday 0 = Monday, as pandas). */
export interface DatePartsStep extends StepBase {
  kind: 'dateParts';
  columns: string[];
  parts: DatePart[];
  dropOriginal: boolean;
  fitted?: { rows: number };
}

/** A new column `name` computed by a formula of the formula language (never JavaScript). */
export interface DeriveStep extends StepBase {
  kind: 'derive';
  name: string;
  formula: string;
  fitted?: { rows: number; type: 'numeric' | 'boolean' | 'categorical' };
}

/** Drops columns where one value fills at least `threshold` of the training rows (missing counts as a value). */
export interface DropNearConstantStep extends StepBase {
  kind: 'dropNearConstant';
  threshold: number;
  /** Columns to consider (absent or empty: all). */
  columns?: string[];
  fitted?: { rows: number; dropped: DroppedBecause[] };
}

/** Of each pair of numeric columns with |Pearson r| above `threshold` (pairwise complete rows), drops the later one. */
export interface DropCorrelatedStep extends StepBase {
  kind: 'dropCorrelated';
  threshold: number;
  columns?: string[];
  fitted?: { rows: number; dropped: Array<DroppedBecause & { correlatedWith: string; r: number }> };
}

/**
 * Keeps the `k` columns with the highest mutual information with the target. Deterministic
 * histogram estimate (not sklearn's random-state dependent nearest-neighbour one): numbers in
 * `bins` training quantile bins, categories as they are, missing as a bin of its own, a numeric
 * target in `bins` quantile bins; MI in nats.
 */
export interface SelectKBestStep extends StepBase {
  kind: 'selectKBest';
  k: number;
  bins: number;
  columns?: string[];
  fitted?: { rows: number; scores: Array<{ column: string; mi: number }>; dropped: DroppedBecause[] };
}

export type PrepareStep =
  | DropColumnsStep
  | DropDuplicatesStep
  | DropMissingRowsStep
  | PrepImputeStep
  | OutliersStep
  | ParseNumbersStep
  | ParseDatesStep
  | PrepOneHotStep
  | PrepOrdinalStep
  | TargetEncodeStep
  | ScaleStep
  | LogStep
  | YeoJohnsonStep
  | BinStep
  | PolynomialStep
  | InteractionsStep
  | DatePartsStep
  | DeriveStep
  | DropNearConstantStep
  | DropCorrelatedStep
  | SelectKBestStep;

export type PrepareStepKind = PrepareStep['kind'];

export const PREPARE_STEP_KINDS: readonly PrepareStepKind[] = [
  'dropColumns',
  'dropDuplicates',
  'dropMissingRows',
  'impute',
  'outliers',
  'parseNumbers',
  'parseDates',
  'oneHot',
  'ordinal',
  'targetEncode',
  'scale',
  'log',
  'yeoJohnson',
  'bin',
  'polynomial',
  'interactions',
  'dateParts',
  'derive',
  'dropNearConstant',
  'dropCorrelated',
  'selectKBest',
];

/** Steps that remove training rows; they never act at prediction. */
export const ROW_REMOVING_KINDS: readonly PrepareStepKind[] = ['dropDuplicates', 'dropMissingRows', 'outliers'];

/** A oneHot step making more columns than this is refused: a model cannot use them and memory runs out. */
export const MAX_ONE_HOT_OUTPUTS = 1000;
/** Bounds for untrusted recipes. */
export const MAX_PREPARE_STEPS = 200;
export const MAX_STEP_COLUMNS = 10_000;
export const MAX_FORMULA_LENGTH = 2000;
export const MAX_BINS = 1000;
export const MAX_TARGET_FOLDS = 20;

/** Whether a step can remove training rows with its current options. */
export function removesRows(step: PrepareStep): boolean {
  if (step.kind === 'outliers') return step.action === 'remove';
  return step.kind === 'dropDuplicates' || step.kind === 'dropMissingRows';
}

/** The columns a step reads by name (its `columns` option, or the formula's are not known here). */
export function stepColumns(step: PrepareStep): string[] {
  if (step.kind === 'derive') return [];
  return step.columns ?? [];
}
