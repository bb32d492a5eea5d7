/**
 * bin: the bin number 0..k-1 of each value, as scikit-learn's KBinsDiscretizer(encode='ordinal'):
 * equalWidth edges are linspace(min, max, k + 1), quantile edges numpy's linear percentiles with
 * bins narrower than 1e-8 removed; a value goes to searchsorted(inner edges, x, side='right'), so
 * values outside the training range fall in the first or last bin. A constant column is one bin
 * (edges stored empty, every value 0). Missing values stay missing (sklearn refuses them).
 */
import type { Table } from '../../data/table';
import type { BinStep } from '../prepareSteps';
import { evenQuantiles, moments, quantileSorted, sortedPresent } from './columnStats';
import { fitThenApply, mapSchema, stepLabel, type Fitted, type PrepareStepImpl } from './prepareStepImpl';
import { findColumn, numberColumn, numbersOf, replaceColumn } from './tableColumns';

export function binEdges(values: Float64Array, strategy: BinStep['strategy'], bins: number): number[] {
  const { min, max, count } = moments(values);
  if (count === 0 || min === max) return [];
  if (strategy === 'equalWidth') return linspace(min, max, bins + 1);
  const sorted = sortedPresent(values);
  const edges = evenQuantiles(bins).map((q) => quantileSorted(sorted, q));
  // sklearn: keep an edge only if it is more than 1e-8 above the previous one (the first always).
  return edges.filter((e, i) => i === 0 || e - edges[i - 1] > 1e-8);
}

/** numpy.linspace(start, stop, num): start + i * step, the last set to stop exactly. */
function linspace(start: number, stop: number, num: number): number[] {
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : i * step + start));
}

/** How many inner edges are <= x (numpy.searchsorted(edges[1:-1], x, side='right')). */
export function binOf(x: number, edges: number[]): number {
  let lo = 1;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export const bin: PrepareStepImpl<BinStep> = {
  fit(step, input) {
    const label = stepLabel(step);
    const edges = step.columns.map((name) => binEdges(numbersOf(findColumn(input.table, name, label), label), step.strategy, step.bins));
    return fitThenApply(bin, step, input, { rows: input.table.rowCount, edges });
  },
  apply(step: Fitted<BinStep>, table: Table) {
    const label = stepLabel(step);
    let out = table;
    step.columns.forEach((name, c) => {
      const values = numbersOf(findColumn(out, name, label), label);
      const edges = step.fitted.edges[c];
      const binned = new Float64Array(values.length);
      for (let r = 0; r < values.length; r++) {
        const v = values[r];
        binned[r] = Number.isNaN(v) ? NaN : edges.length === 0 ? 0 : binOf(v, edges);
      }
      out = replaceColumn(out, name, [numberColumn(name, binned)]);
    });
    return out;
  },
  schema: (step, schema) => mapSchema(schema, (c) => (step.columns.includes(c.name) ? [{ name: c.name, type: 'numeric' }] : [c])),
};
