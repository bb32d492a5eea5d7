/**
 * selectKBest: keeps the `k` columns (of `columns`, default all) with the highest mutual
 * information with the target; the others are dropped with their score and rank. scikit-learn's
 * mutual_info_classif/regression use a nearest-neighbour estimate with random jitter, so their
 * numbers depend on random_state; this is a deterministic histogram estimate instead: numbers in
 * `bins` quantile bins of the training rows, categories as they are, missing as a bin of its own,
 * a numeric target in `bins` quantile bins, MI = sum p(x,y) ln(p(x,y) / (p(x) p(y))) in nats.
 * Ties keep the earlier column.
 */
import { MISSING_CODE, type Column } from '../../data/table';
import type { DroppedBecause, SelectKBestStep } from '../prepareSteps';
import { binEdges, binOf } from './bin';
import { dropSchema, stepLabel, type PrepareStepImpl, type TargetValues } from './prepareStepImpl';
import { categoriesOf, findColumn, withoutColumns } from './tableColumns';

/** Each row's bin (0..count-1), missing in the last bin. */
function discretize(column: Column | Float64Array, bins: number): { bin: Int32Array; count: number } {
  if (column instanceof Float64Array || column.values) {
    const values = column instanceof Float64Array ? column : column.values!;
    const edges = binEdges(values, 'quantile', bins);
    const inner = Math.max(1, edges.length - 1);
    const bin = Int32Array.from(values, (v) => (Number.isNaN(v) ? inner : edges.length === 0 ? 0 : binOf(v, edges)));
    return { bin, count: inner + 1 };
  }
  const { codes, categories } = categoriesOf(column);
  const bin = Int32Array.from(codes, (c) => (c === MISSING_CODE ? categories.length : c));
  return { bin, count: categories.length + 1 };
}

export function mutualInformation(x: { bin: Int32Array; count: number }, y: { bin: Int32Array; count: number }, use: Uint8Array): number {
  const joint = new Float64Array(x.count * y.count);
  const px = new Float64Array(x.count);
  const py = new Float64Array(y.count);
  let n = 0;
  for (let i = 0; i < use.length; i++) {
    if (!use[i]) continue;
    joint[x.bin[i] * y.count + y.bin[i]]++;
    px[x.bin[i]]++;
    py[y.bin[i]]++;
    n++;
  }
  let mi = 0;
  for (let a = 0; a < x.count; a++) {
    for (let b = 0; b < y.count; b++) {
      const nab = joint[a * y.count + b];
      if (nab > 0) mi += (nab / n) * Math.log((nab * n) / (px[a] * py[b]));
    }
  }
  return Math.max(0, mi);
}

function targetBins(target: TargetValues, bins: number): { y: { bin: Int32Array; count: number }; use: Uint8Array } {
  if (target.numbers) {
    const use = Uint8Array.from(target.numbers, (v) => (Number.isNaN(v) ? 0 : 1));
    return { y: discretize(target.numbers, bins), use };
  }
  const codes = target.codes!;
  const use = Uint8Array.from(codes, (c) => (c < 0 ? 0 : 1));
  return { y: { bin: Int32Array.from(codes, (c) => Math.max(0, c)), count: target.classes!.length }, use };
}

export const selectKBest: PrepareStepImpl<SelectKBestStep> = {
  fit(step, { table, target }) {
    const label = stepLabel(step);
    if (!target) throw new Error(`${label} needs the target's values, which only training has.`);
    const candidates = step.columns?.length ? step.columns.map((name) => findColumn(table, name, label)) : table.columns;
    const { y, use } = targetBins(target, step.bins);
    const scores = candidates.map((c) => ({ column: c.name, mi: mutualInformation(discretize(c, step.bins), y, use) }));
    const ranked = scores.map((s, i) => ({ ...s, i })).sort((a, b) => b.mi - a.mi || a.i - b.i);
    const dropped: DroppedBecause[] = ranked.slice(step.k).map((s, j) => ({
      column: s.column,
      reason: `mutual information with ${target.name} ${s.mi.toFixed(4)} nats, rank ${step.k + j + 1} of ${ranked.length} (keeping ${step.k})`,
    }));
    const fitted = { rows: table.rowCount, scores, dropped };
    return { fitted, table: withoutColumns(table, new Set(dropped.map((d) => d.column))) };
  },
  apply: (step, table) => withoutColumns(table, new Set(step.fitted.dropped.map((d) => d.column))),
  schema(step, schema) {
    if (step.fitted) return dropSchema(schema, new Set(step.fitted.dropped.map((d) => d.column)));
    const names = step.columns?.length ? step.columns : schema.columns.map((c) => c.name);
    return { ...schema, mayDrop: new Set([...schema.mayDrop, ...names]) };
  },
};
