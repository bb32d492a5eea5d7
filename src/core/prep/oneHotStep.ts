/**
 * The oneHot step: a category column becomes one 0/1 column per category seen in training.
 * Only the `maxCategories` most frequent are kept (so a near-unique column cannot explode the
 * width); the rest of the training categories share an "other" column. A category never seen
 * in training (or a missing value) gives all zeros.
 */
import { MISSING_CODE } from '../data/table';
import { compareText } from './compareText';
import { DEFAULT_MAX_CATEGORIES, oneHotName, oneHotOtherName, type OneHotStep } from './recipe';
import { frameColumnIndex, type WorkColumn, type WorkFrame } from './workFrame';

const LABEL = 'The oneHot step';

export function fitOneHot(step: OneHotStep, frame: WorkFrame): NonNullable<OneHotStep['fitted']> {
  const max = step.maxCategories ?? DEFAULT_MAX_CATEGORIES;
  const categories: string[][] = [];
  const other: string[][] = [];
  for (const name of step.columns) {
    const column = categoryColumn(frame, name);
    const counts = new Float64Array(column.categories.length);
    for (const code of column.codes) if (code !== MISSING_CODE) counts[code]++;
    const seen: Array<{ cat: string; n: number }> = [];
    column.categories.forEach((cat, k) => {
      if (counts[k] > 0) seen.push({ cat, n: counts[k] });
    });
    // Most frequent first; equal counts in code-unit order so the result never depends on locale.
    seen.sort((a, b) => b.n - a.n || compareText(a.cat, b.cat));
    categories.push(seen.slice(0, max).map((s) => s.cat).sort(compareText));
    other.push(seen.slice(max).map((s) => s.cat).sort(compareText));
  }
  return { categories, other };
}

export function applyOneHot(step: OneHotStep, frame: WorkFrame): void {
  const fitted = step.fitted;
  if (!fitted) throw new Error(`${LABEL} is not fitted yet; fit the recipe on training rows first.`);
  step.columns.forEach((name, c) => {
    const index = frameColumnIndex(frame, name, LABEL);
    const column = categoryColumn(frame, name);
    const kept = fitted.categories[c];
    const hasOther = fitted.other[c].length > 0;
    const width = kept.length + (hasOther ? 1 : 0);
    const position = new Map<string, number>();
    kept.forEach((cat, k) => position.set(cat, k));
    if (hasOther) for (const cat of fitted.other[c]) position.set(cat, kept.length);
    // Output slot per dictionary code of this table (-1: unseen in training, all zeros).
    const slotOf = column.categories.map((cat) => position.get(cat) ?? -1);
    const outputs = Array.from({ length: width }, () => new Float64Array(frame.rows));
    for (let r = 0; r < frame.rows; r++) {
      const code = column.codes[r];
      if (code === MISSING_CODE) continue;
      const slot = slotOf[code];
      if (slot >= 0) outputs[slot][r] = 1;
    }
    const names = kept.map((cat) => oneHotName(name, cat));
    if (hasOther) names.push(oneHotOtherName(name));
    const replacement: WorkColumn[] = names.map((n, k) => ({ name: n, kind: 'number', values: outputs[k] }));
    frame.columns.splice(index, 1, ...replacement);
  });
}

function categoryColumn(frame: WorkFrame, name: string): Extract<WorkColumn, { kind: 'category' }> {
  const column = frame.columns[frameColumnIndex(frame, name, LABEL)];
  if (column.kind !== 'category') throw new Error(`${LABEL} cannot encode "${name}": it is numeric.`);
  return column;
}
