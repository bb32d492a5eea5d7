/**
 * A prediction file as the person sees and downloads it: every input column as it was read,
 * then "prediction" and, for classifiers, one "proba_<class>" column per class (the layout of
 * `cli predict`, with the input columns in front).
 */
import { csvField } from '../data/csvText';
import { escapeFormula } from '../data/escapeFormula';
import { cellText, type Table } from '../data/table';
import type { BundlePrediction } from './bundleTypes';

export interface PredictionTable {
  header: string[];
  /** Display text of rows [start, start + count). */
  rows: string[][];
  /** All rows as CSV; text cells that a spreadsheet would run as a formula are escaped. */
  csv(): string;
}

export function predictionTable(input: Table, result: BundlePrediction, start: number, count: number): PredictionTable {
  const classes = result.proba && result.classes ? result.classes : [];
  const header = [...input.columns.map((c) => c.name), 'prediction', ...classes.map((name) => `proba_${name}`)];
  const k = classes.length;
  const row = (r: number): string[] => {
    const cells = input.columns.map((c) => cellText(c, r));
    cells.push(predictionText(result.prediction[r]));
    for (let c = 0; c < k; c++) cells.push(predictionText(result.proba![r * k + c]));
    return cells;
  };
  const end = Math.min(input.rowCount, Math.max(0, start) + Math.max(0, count));
  const rows: string[][] = [];
  for (let r = Math.max(0, start); r < end; r++) rows.push(row(r));
  return {
    header,
    rows,
    csv() {
      // Numbers (predictions, probabilities, numeric inputs) are written as numbers: only text is escaped.
      const numeric = [...input.columns.map((c) => c.type === 'numeric'), typeof result.prediction[0] === 'number', ...classes.map(() => true)];
      const field = (text: string, j: number) => csvField(numeric[j] ? text : escapeFormula(text));
      const lines = [header.map((h) => csvField(escapeFormula(h))).join(',')];
      for (let r = 0; r < input.rowCount; r++) lines.push(row(r).map(field).join(','));
      return lines.join('\n') + '\n';
    },
  };
}

function predictionText(value: string | number): string {
  if (typeof value === 'string') return value;
  return Number.isFinite(value) ? String(value) : '';
}
