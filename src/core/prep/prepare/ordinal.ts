/**
 * ordinal (prepare): each category becomes its position among the sorted training categories, as
 * scikit-learn's OrdinalEncoder(handle_unknown='use_encoded_value', unknown_value=-1): a category
 * never seen in training gives -1 and a missing value stays missing (so a later impute can fill it).
 */
import { MISSING_CODE, type Table } from '../../data/table';
import { compareText } from '../compareText';
import type { PrepOrdinalStep } from '../prepareSteps';
import { mapSchema, stepLabel, type Fitted, type PrepareStepImpl } from './prepareStepImpl';
import { categoriesOf, findColumn, numberColumn, replaceColumn } from './tableColumns';

export const ordinal: PrepareStepImpl<PrepOrdinalStep> = {
  fit(step, { table }) {
    const label = stepLabel(step);
    const categories = step.columns.map((name) => {
      const { codes, categories: dictionary } = categoriesOf(findColumn(table, name, label));
      const seen = new Uint8Array(dictionary.length);
      for (let r = 0; r < codes.length; r++) if (codes[r] !== MISSING_CODE) seen[codes[r]] = 1;
      return dictionary.filter((_, k) => seen[k]).sort(compareText);
    });
    const fitted = { rows: table.rowCount, categories };
    return { fitted, table: ordinal.apply({ ...step, fitted }, table) };
  },
  apply(step: Fitted<PrepOrdinalStep>, table: Table) {
    const label = stepLabel(step);
    let out = table;
    step.columns.forEach((name, c) => {
      const { codes, categories: dictionary } = categoriesOf(findColumn(out, name, label));
      const position = new Map<string, number>();
      step.fitted.categories[c].forEach((cat, k) => position.set(cat, k));
      const valueOf = dictionary.map((cat) => position.get(cat) ?? -1);
      const values = new Float64Array(codes.length);
      for (let r = 0; r < codes.length; r++) values[r] = codes[r] === MISSING_CODE ? NaN : valueOf[codes[r]];
      out = replaceColumn(out, name, [numberColumn(name, values)]);
    });
    return out;
  },
  schema: (step, schema) => mapSchema(schema, (c) => (step.columns.includes(c.name) ? [{ name: c.name, type: 'numeric' }] : [c])),
};
