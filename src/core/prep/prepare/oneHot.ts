/**
 * oneHot (prepare): one 0/1 column `<column>=<category>` per category of the training rows, the
 * `maxCategories` most frequent kept and the rarer ones sharing `<column>=(other)`; missing or
 * unseen values give all zeros. A step that would make more than MAX_ONE_HOT_OUTPUTS columns is
 * refused: a model gains nothing from them and the table would not fit in memory.
 */
import { MISSING_CODE, type Column, type Table } from '../../data/table';
import { compareText } from '../compareText';
import { oneHotName, oneHotOtherName } from '../oneHotNames';
import { MAX_ONE_HOT_OUTPUTS, type PrepOneHotStep } from '../prepareSteps';
import { mapSchema, stepLabel, type Fitted, type PrepareStepImpl } from './prepareStepImpl';
import { categoriesOf, findColumn, numberColumn, replaceColumn } from './tableColumns';

export const oneHot: PrepareStepImpl<PrepOneHotStep> = {
  fit(step, { table }) {
    const label = stepLabel(step);
    const categories: string[][] = [];
    const other: string[][] = [];
    const widths: string[] = [];
    let total = 0;
    for (const name of step.columns) {
      const { codes, categories: dictionary } = categoriesOf(findColumn(table, name, label));
      const counts = new Float64Array(dictionary.length);
      for (let r = 0; r < codes.length; r++) if (codes[r] !== MISSING_CODE) counts[codes[r]]++;
      const seen: Array<{ cat: string; n: number }> = [];
      dictionary.forEach((cat, k) => counts[k] > 0 && seen.push({ cat, n: counts[k] }));
      // Most frequent first; equal counts in code-unit order so the result never depends on locale.
      seen.sort((a, b) => b.n - a.n || compareText(a.cat, b.cat));
      const kept = seen.slice(0, step.maxCategories).map((s) => s.cat).sort(compareText);
      const rare = seen.slice(step.maxCategories).map((s) => s.cat).sort(compareText);
      categories.push(kept);
      other.push(rare);
      const width = kept.length + (rare.length > 0 ? 1 : 0);
      total += width;
      widths.push(`"${name}" ${width.toLocaleString('en-US')}`);
    }
    if (total > MAX_ONE_HOT_OUTPUTS) {
      throw new Error(
        `${label} would make ${total.toLocaleString('en-US')} columns (${widths.join(', ')}), more than the ${MAX_ONE_HOT_OUTPUTS.toLocaleString('en-US')} allowed; lower maxCategories or use targetEncode for the columns with many categories.`,
      );
    }
    const fitted = { rows: table.rowCount, categories, other };
    return { fitted, table: oneHot.apply({ ...step, fitted }, table) };
  },
  apply(step: Fitted<PrepOneHotStep>, table: Table) {
    const label = stepLabel(step);
    let out = table;
    step.columns.forEach((name, c) => {
      const { codes, categories: dictionary } = categoriesOf(findColumn(out, name, label));
      const kept = step.fitted.categories[c];
      const rare = step.fitted.other[c];
      const position = new Map<string, number>();
      kept.forEach((cat, k) => position.set(cat, k));
      for (const cat of rare) position.set(cat, kept.length);
      const slotOf = dictionary.map((cat) => position.get(cat) ?? -1);
      const width = kept.length + (rare.length > 0 ? 1 : 0);
      const outputs = Array.from({ length: width }, () => new Float64Array(codes.length));
      for (let r = 0; r < codes.length; r++) {
        const code = codes[r];
        if (code === MISSING_CODE) continue;
        const slot = slotOf[code];
        if (slot >= 0) outputs[slot][r] = 1;
      }
      const names = outputNames(name, kept, rare);
      out = replaceColumn(out, name, names.map((n, k): Column => numberColumn(n, outputs[k])));
    });
    return out;
  },
  schema(step, schema) {
    const fitted = step.fitted;
    if (!fitted) return { ...mapSchema(schema, (c) => (step.columns.includes(c.name) ? [] : [c])), dynamic: true };
    return mapSchema(schema, (c) => {
      const i = step.columns.indexOf(c.name);
      return i < 0 ? [c] : outputNames(c.name, fitted.categories[i], fitted.other[i]).map((name) => ({ name, type: 'numeric' as const }));
    });
  },
};

function outputNames(column: string, kept: string[], rare: string[]): string[] {
  const names = kept.map((cat) => oneHotName(column, cat));
  if (rare.length > 0) names.push(oneHotOtherName(column));
  return names;
}
