/**
 * The impute step: numeric columns get the training median, category columns the most frequent
 * training value (ties go to the alphabetically first, as scikit-learn's SimpleImputer does).
 */
import { MISSING_CODE } from '../data/table';
import type { ImputeStep } from './recipe';
import { frameColumnIndex, type WorkFrame } from './workFrame';

const LABEL = 'The impute step';

export function fitImpute(step: ImputeStep, frame: WorkFrame): NonNullable<ImputeStep['fitted']> {
  const fill = step.columns.map((name) => {
    const column = frame.columns[frameColumnIndex(frame, name, LABEL)];
    return column.kind === 'number' ? median(column.values) : mostFrequent(column.codes, column.categories);
  });
  return { fill };
}

export function applyImpute(step: ImputeStep, frame: WorkFrame): void {
  const fitted = step.fitted;
  if (!fitted) throw new Error(`${LABEL} is not fitted yet; fit the recipe on training rows first.`);
  step.columns.forEach((name, c) => {
    const i = frameColumnIndex(frame, name, LABEL);
    const column = frame.columns[i];
    const fill = fitted.fill[c];
    if (fill === null) return;
    if (column.kind === 'number') {
      if (typeof fill !== 'number') throw new Error(`${LABEL} has a text fill value for numeric column "${name}".`);
      const values = column.values;
      for (let r = 0; r < values.length; r++) if (Number.isNaN(values[r])) values[r] = fill;
      return;
    }
    const text = typeof fill === 'number' ? String(fill) : fill;
    let code = column.categories.indexOf(text);
    let categories = column.categories;
    if (code < 0) {
      // The fill value is absent from this table's dictionary: extend a copy (the table's is shared).
      categories = [...categories, text];
      code = categories.length - 1;
    }
    const codes = column.codes;
    for (let r = 0; r < codes.length; r++) if (codes[r] === MISSING_CODE) codes[r] = code;
    frame.columns[i] = { ...column, codes, categories };
  });
}

/** The median of the non-missing values, or null when every value is missing. */
function median(values: Float64Array): number | null {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const n = present.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
}

function mostFrequent(codes: Uint32Array, categories: string[]): string | null {
  const counts = new Float64Array(categories.length);
  for (let r = 0; r < codes.length; r++) if (codes[r] !== MISSING_CODE) counts[codes[r]]++;
  let best: string | null = null;
  let bestCount = 0;
  for (let k = 0; k < categories.length; k++) {
    const n = counts[k];
    if (n > bestCount || (n === bestCount && n > 0 && best !== null && categories[k] < best)) {
      best = categories[k];
      bestCount = n;
    }
  }
  return best;
}
