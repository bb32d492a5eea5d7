/**
 * What the recipe editor shows for each kind of step: its name, a one-line help, the fields of
 * its form and a new step with sensible options. Pure data, so the editor is one generic form.
 */
import { DATE_PARTS, type PrepareStep, type PrepareStepKind } from '../../core/prep/prepareSteps';

export type FieldSpec =
  | { key: string; label: string; type: 'columns'; only?: 'numeric' | 'categorical' | 'datetime' | 'text' }
  | { key: string; label: string; type: 'select'; options: Array<{ value: string; label: string }> }
  | { key: string; label: string; type: 'number'; min: number; max: number; step: number }
  | { key: string; label: string; type: 'text' }
  | { key: string; label: string; type: 'formula' }
  | { key: string; label: string; type: 'checkbox' }
  | { key: string; label: string; type: 'parts' };

export interface StepForm {
  kind: PrepareStepKind;
  label: string;
  group: 'Clean' | 'Encode and scale' | 'Engineer features' | 'Select features';
  help: string;
  fields: FieldSpec[];
  create(id: string): PrepareStep;
}

const cols = (only?: 'numeric' | 'categorical' | 'datetime' | 'text', label = 'Columns'): FieldSpec => ({ key: 'columns', label, type: 'columns', only });
const base = (id: string) => ({ id, enabled: true });

export const STEP_FORMS: StepForm[] = [
  { kind: 'dropColumns', label: 'Drop columns', group: 'Clean', help: 'Leave columns out of the model.', fields: [cols(), { key: 'missingAbove', label: 'Also drop columns with more missing than (0–1, empty: no)', type: 'number', min: 0, max: 1, step: 0.05 }], create: (id) => ({ ...base(id), kind: 'dropColumns', columns: [] }) },
  { kind: 'dropDuplicates', label: 'Drop duplicate rows', group: 'Clean', help: 'Training rows that repeat an earlier one are removed (never at prediction).', fields: [], create: (id) => ({ ...base(id), kind: 'dropDuplicates' }) },
  { kind: 'dropMissingRows', label: 'Drop rows with missing values', group: 'Clean', help: 'Training rows with a missing value in the columns are removed (never at prediction).', fields: [cols(undefined, 'Columns (none: any)')], create: (id) => ({ ...base(id), kind: 'dropMissingRows', columns: [] }) },
  {
    kind: 'impute',
    label: 'Fill missing values',
    group: 'Clean',
    help: 'Replace missing values with a value learned from the training rows.',
    fields: [
      cols(),
      { key: 'strategy', label: 'With', type: 'select', options: [{ value: 'median', label: 'the median' }, { value: 'mean', label: 'the mean' }, { value: 'mostFrequent', label: 'the most frequent value' }, { value: 'constant', label: 'a constant' }] },
      { key: 'value', label: 'Constant', type: 'text' },
      { key: 'indicator', label: 'Add a missing-indicator column', type: 'checkbox' },
    ],
    create: (id) => ({ ...base(id), kind: 'impute', columns: [], strategy: 'median', indicator: false }),
  },
  {
    kind: 'outliers',
    label: 'Clip or remove outliers',
    group: 'Clean',
    help: 'Bounds from the training rows by IQR or z-score; clip everywhere, or remove training rows.',
    fields: [
      cols('numeric'),
      { key: 'method', label: 'Method', type: 'select', options: [{ value: 'iqr', label: 'IQR' }, { value: 'zscore', label: 'z-score' }] },
      { key: 'k', label: 'k', type: 'number', min: 0.1, max: 100, step: 0.1 },
      { key: 'action', label: 'Action', type: 'select', options: [{ value: 'clip', label: 'clip to the bounds' }, { value: 'remove', label: 'remove training rows outside' }] },
    ],
    create: (id) => ({ ...base(id), kind: 'outliers', columns: [], method: 'iqr', k: 1.5, action: 'clip' }),
  },
  {
    kind: 'parseNumbers',
    label: 'Read text as numbers',
    group: 'Clean',
    help: 'Numbers written with thousands separators or a decimal comma.',
    fields: [
      cols(),
      { key: 'thousands', label: 'Thousands separator', type: 'select', options: [{ value: '', label: 'none' }, { value: ',', label: 'comma' }, { value: '.', label: 'point' }, { value: ' ', label: 'space' }, { value: "'", label: 'apostrophe' }] },
      { key: 'decimal', label: 'Decimal mark', type: 'select', options: [{ value: '.', label: 'point' }, { value: ',', label: 'comma' }] },
    ],
    create: (id) => ({ ...base(id), kind: 'parseNumbers', columns: [], thousands: ',', decimal: '.' }),
  },
  { kind: 'parseDates', label: 'Read text as dates', group: 'Clean', help: 'With an explicit format such as YYYY-MM-DD or DD/MM/YYYY HH:mm.', fields: [cols(), { key: 'format', label: 'Format', type: 'text' }], create: (id) => ({ ...base(id), kind: 'parseDates', columns: [], format: 'YYYY-MM-DD' }) },
  { kind: 'oneHot', label: 'One-hot encode', group: 'Encode and scale', help: 'One 0/1 column per category; rare ones share an "other" column.', fields: [cols('categorical'), { key: 'maxCategories', label: 'Most frequent categories kept', type: 'number', min: 1, max: 1000, step: 1 }], create: (id) => ({ ...base(id), kind: 'oneHot', columns: [], maxCategories: 20 }) },
  { kind: 'ordinal', label: 'Ordinal encode', group: 'Encode and scale', help: 'Each category becomes its position among the sorted training categories.', fields: [cols('categorical')], create: (id) => ({ ...base(id), kind: 'ordinal', columns: [] }) },
  { kind: 'targetEncode', label: 'Target encode', group: 'Encode and scale', help: 'Each category becomes the mean target of its training rows, fitted out of fold.', fields: [cols('categorical'), { key: 'folds', label: 'Folds', type: 'number', min: 2, max: 20, step: 1 }], create: (id) => ({ ...base(id), kind: 'targetEncode', columns: [], folds: 5, smooth: 'auto', shuffle: true, seed: 0 }) },
  { kind: 'scale', label: 'Scale', group: 'Encode and scale', help: 'Standard, min-max or robust scaling with training statistics.', fields: [cols('numeric'), { key: 'method', label: 'Method', type: 'select', options: [{ value: 'standard', label: 'standard (mean 0, std 1)' }, { value: 'minMax', label: 'min-max (0 to 1)' }, { value: 'robust', label: 'robust (median, IQR)' }] }], create: (id) => ({ ...base(id), kind: 'scale', columns: [], method: 'standard' }) },
  { kind: 'log', label: 'Log transform', group: 'Engineer features', help: 'log(1 + x), for skewed positive values.', fields: [cols('numeric')], create: (id) => ({ ...base(id), kind: 'log', columns: [] }) },
  { kind: 'yeoJohnson', label: 'Yeo-Johnson transform', group: 'Engineer features', help: 'A power transform fitted to make values more normal.', fields: [cols('numeric')], create: (id) => ({ ...base(id), kind: 'yeoJohnson', columns: [] }) },
  { kind: 'bin', label: 'Bin', group: 'Engineer features', help: 'Numbers into equal-width or quantile bins.', fields: [cols('numeric'), { key: 'strategy', label: 'Bins', type: 'select', options: [{ value: 'quantile', label: 'quantile' }, { value: 'equalWidth', label: 'equal width' }] }, { key: 'bins', label: 'Number of bins', type: 'number', min: 2, max: 1000, step: 1 }], create: (id) => ({ ...base(id), kind: 'bin', columns: [], strategy: 'quantile', bins: 5 }) },
  { kind: 'polynomial', label: 'Polynomial terms', group: 'Engineer features', help: 'Squares and products of the columns (degree 2).', fields: [cols('numeric')], create: (id) => ({ ...base(id), kind: 'polynomial', columns: [], degree: 2 }) },
  { kind: 'interactions', label: 'Interactions', group: 'Engineer features', help: 'Products of every pair of the columns.', fields: [cols('numeric')], create: (id) => ({ ...base(id), kind: 'interactions', columns: [] }) },
  { kind: 'dateParts', label: 'Date parts', group: 'Engineer features', help: 'Year, month, day, weekday and hour of a date column.', fields: [cols('datetime'), { key: 'parts', label: 'Parts', type: 'parts' }, { key: 'dropOriginal', label: 'Drop the date column', type: 'checkbox' }], create: (id) => ({ ...base(id), kind: 'dateParts', columns: [], parts: [...DATE_PARTS], dropOriginal: false }) },
  { kind: 'derive', label: 'Derived column (formula)', group: 'Engineer features', help: 'A new column from a formula: arithmetic, comparisons, log, sqrt, abs, if, date parts.', fields: [{ key: 'name', label: 'New column name', type: 'text' }, { key: 'formula', label: 'Formula', type: 'formula' }], create: (id) => ({ ...base(id), kind: 'derive', name: 'new_column', formula: '' }) },
  { kind: 'dropNearConstant', label: 'Drop near-constant columns', group: 'Select features', help: 'Columns where one value fills more than the threshold of the rows.', fields: [{ key: 'threshold', label: 'Threshold (0–1)', type: 'number', min: 0.5, max: 1, step: 0.01 }], create: (id) => ({ ...base(id), kind: 'dropNearConstant', threshold: 0.99 }) },
  { kind: 'dropCorrelated', label: 'Drop correlated columns', group: 'Select features', help: 'Of two numeric columns with |r| above the threshold, the later one is dropped.', fields: [{ key: 'threshold', label: '|r| above', type: 'number', min: 0.5, max: 1, step: 0.01 }], create: (id) => ({ ...base(id), kind: 'dropCorrelated', threshold: 0.95 }) },
  { kind: 'selectKBest', label: 'Keep the k best columns', group: 'Select features', help: 'By mutual information with the target.', fields: [{ key: 'k', label: 'k', type: 'number', min: 1, max: 10000, step: 1 }], create: (id) => ({ ...base(id), kind: 'selectKBest', k: 10, bins: 10 }) },
];

export function stepForm(kind: PrepareStepKind): StepForm {
  const form = STEP_FORMS.find((f) => f.kind === kind);
  if (!form) throw new Error(`There is no form for the step "${kind}".`);
  return form;
}

export { DATE_PARTS };
