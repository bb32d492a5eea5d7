/**
 * The ordinal step: a category column becomes one number column, the category's position in
 * the sorted list of categories seen in training (0, 1, 2, ...). Trees split on it as well as on
 * one-hot columns, with one column instead of one per category, so they train several times
 * faster on wide categories. A category never seen in training (or a missing value) gives -1,
 * below every known code.
 */
import { MISSING_CODE } from '../data/table';
import { compareText } from './compareText';
import type { OrdinalStep } from './recipe';
import { frameColumnIndex, type WorkColumn, type WorkFrame } from './workFrame';

const LABEL = 'The ordinal step';

export function fitOrdinal(step: OrdinalStep, frame: WorkFrame): NonNullable<OrdinalStep['fitted']> {
  const categories = step.columns.map((name) => {
    const column = categoryColumn(frame, name);
    const seen = new Uint8Array(column.categories.length);
    for (const code of column.codes) if (code !== MISSING_CODE) seen[code] = 1;
    return column.categories.filter((_, k) => seen[k]).sort(compareText);
  });
  return { categories };
}

export function applyOrdinal(step: OrdinalStep, frame: WorkFrame): void {
  const fitted = step.fitted;
  if (!fitted) throw new Error(`${LABEL} is not fitted yet; fit the recipe on training rows first.`);
  step.columns.forEach((name, c) => {
    const index = frameColumnIndex(frame, name, LABEL);
    const column = categoryColumn(frame, name);
    const position = new Map<string, number>();
    fitted.categories[c].forEach((cat, k) => position.set(cat, k));
    const valueOf = column.categories.map((cat) => position.get(cat) ?? -1);
    const values = new Float64Array(frame.rows);
    for (let r = 0; r < frame.rows; r++) {
      const code = column.codes[r];
      values[r] = code === MISSING_CODE ? -1 : valueOf[code];
    }
    const replacement: WorkColumn = { name, kind: 'number', values };
    frame.columns.splice(index, 1, replacement);
  });
}

function categoryColumn(frame: WorkFrame, name: string): Extract<WorkColumn, { kind: 'category' }> {
  const column = frame.columns[frameColumnIndex(frame, name, LABEL)];
  if (column.kind !== 'category') throw new Error(`${LABEL} cannot encode "${name}": it is numeric.`);
  return column;
}
