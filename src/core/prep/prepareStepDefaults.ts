/**
 * A new prepare step of each kind with sensible default options, for the UI's "Add step" menu and
 * for code that builds a recipe. Options passed in override the defaults.
 */
import type { PrepareStep, PrepareStepKind } from './prepareSteps';

type StepOf<K extends PrepareStepKind> = Extract<PrepareStep, { kind: K }>;
type Options<K extends PrepareStepKind> = Partial<Omit<StepOf<K>, 'kind' | 'fitted'>>;

const DEFAULTS: { [K in PrepareStepKind]: Omit<StepOf<K>, 'kind' | 'id' | 'enabled'> } = {
  dropColumns: { columns: [] },
  dropDuplicates: {},
  dropMissingRows: {},
  impute: { columns: [], strategy: 'median', indicator: false },
  outliers: { columns: [], method: 'iqr', k: 1.5, action: 'clip' },
  parseNumbers: { columns: [], thousands: ',', decimal: '.' },
  parseDates: { columns: [], format: 'YYYY-MM-DD' },
  oneHot: { columns: [], maxCategories: 20 },
  ordinal: { columns: [] },
  targetEncode: { columns: [], folds: 5, smooth: 'auto', shuffle: true, seed: 0 },
  scale: { columns: [], method: 'standard' },
  log: { columns: [] },
  yeoJohnson: { columns: [] },
  bin: { columns: [], strategy: 'quantile', bins: 5 },
  polynomial: { columns: [], degree: 2 },
  interactions: { columns: [] },
  dateParts: { columns: [], parts: ['year', 'month', 'weekday', 'hour'], dropOriginal: false },
  derive: { name: 'new_column', formula: '' },
  dropNearConstant: { threshold: 0.99 },
  dropCorrelated: { threshold: 0.95 },
  selectKBest: { k: 10, bins: 10 },
};

/**
 * A step of `kind` with the defaults, enabled. Its id is `options.id`, else the first of
 * `<kind>-1`, `<kind>-2`, ... that no step of `existing` uses.
 */
export function newPrepareStep<K extends PrepareStepKind>(kind: K, options: Options<K> = {}, existing: readonly PrepareStep[] = []): StepOf<K> {
  let id = options.id;
  for (let n = 1; id === undefined; n++) if (!existing.some((s) => s.id === `${kind}-${n}`)) id = `${kind}-${n}`;
  return structuredClone({ ...DEFAULTS[kind], enabled: true, ...options, kind, id }) as unknown as StepOf<K>;
}
