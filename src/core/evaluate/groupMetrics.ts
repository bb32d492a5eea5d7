/**
 * Fairness check: the main metrics within each value of a categorical column (say, sex or
 * region), with row counts, and per metric the largest gap between two groups. Groups under
 * `minRows` rows are flagged as too small and left out of the gaps: their metrics swing on one
 * row. A column with very many values would flood the UI, so beyond `maxGroups` the smallest
 * groups are merged into one "(other values)" group.
 *
 * The task follows yTrue: class indices (Int32Array) for classification, numbers otherwise.
 * Classification adds log loss and ROC AUC when probabilities are given, and for two classes
 * the positive rate (share predicted as class 1, the "selection rate" of demographic parity).
 * Regression adds the mean error y - ŷ (a group the model systematically under- or over-rates).
 */
import { MISSING_CODE } from '../data/table';
import { nullForNaN } from './baselineMetrics';
import { classificationMetrics, labelMetrics } from './classificationMetrics';
import { regressionMetrics } from './regressionMetrics';

export interface GroupColumn {
  /** One code per scored row; MISSING_CODE marks a missing cell. */
  codes: ArrayLike<number>;
  categories: string[];
}

export interface GroupRow {
  group: string;
  rows: number;
  share: number;
  tooSmall: boolean;
  metrics: Record<string, number | null>;
}

export interface GroupGap {
  metric: string;
  gap: number;
  highest: { group: string; value: number };
  lowest: { group: string; value: number };
}

export interface GroupMetrics {
  task: 'classification' | 'regression';
  overall: Record<string, number | null>;
  /** Largest first; a merged "(other values)" group last. */
  groups: GroupRow[];
  /** Per metric, over the groups that are not too small (none when fewer than two are). */
  gaps: GroupGap[];
  /** The gap of the main metric (accuracy, or MAE for regression), null when there is none. */
  largestGap: GroupGap | null;
  minRows: number;
}

export interface GroupMetricsOptions {
  minRows?: number;
  maxGroups?: number;
}

export const MISSING_GROUP = '(missing)';
export const OTHER_GROUP = '(other values)';

export function groupMetrics(
  yTrue: Int32Array | Float64Array,
  yPred: ArrayLike<number>,
  proba: Float64Array | undefined,
  groups: GroupColumn,
  options: GroupMetricsOptions = {},
): GroupMetrics {
  const n = yTrue.length;
  const minRows = options.minRows ?? 5;
  const maxGroups = Math.max(2, options.maxGroups ?? 20);
  if (yPred.length !== n || groups.codes.length !== n) {
    throw new Error(`Group metrics need one prediction and one group per row: ${n} rows, ${yPred.length} predictions, ${groups.codes.length} groups.`);
  }
  const task = yTrue instanceof Int32Array ? 'classification' : 'regression';
  const score = scorer(yTrue, yPred, proba);

  // Members of each group, keyed by category index (categories.length stands for missing).
  const missingKey = groups.categories.length;
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const code = groups.codes[i];
    const key = code === MISSING_CODE || !(code >= 0 && code < missingKey) ? missingKey : code;
    let list = members.get(key);
    if (!list) members.set(key, (list = []));
    list.push(i);
  }
  const ordered = [...members.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  const kept = ordered.length > maxGroups ? ordered.slice(0, maxGroups - 1) : ordered;
  const named = kept.map(([key, rows]) => ({ group: key === missingKey ? MISSING_GROUP : groups.categories[key], rows }));
  if (kept.length < ordered.length) named.push({ group: OTHER_GROUP, rows: ordered.slice(kept.length).flatMap(([, rows]) => rows).sort((a, b) => a - b) });

  const rows: GroupRow[] = named.map(({ group, rows: members }) => ({
    group,
    rows: members.length,
    share: members.length / n,
    tooSmall: members.length < minRows,
    metrics: score(Int32Array.from(members)),
  }));
  const gaps = gapsOf(rows.filter((g) => !g.tooSmall));
  const main = task === 'classification' ? 'accuracy' : 'mae';
  return { task, overall: score(null), groups: rows, gaps, largestGap: gaps.find((g) => g.metric === main) ?? null, minRows };
}

/** Metrics of the rows at `positions` (all rows for null). */
function scorer(yTrue: Int32Array | Float64Array, yPred: ArrayLike<number>, proba: Float64Array | undefined) {
  const n = yTrue.length;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (yTrue instanceof Float64Array) {
    return (positions: Int32Array | null): Record<string, number | null> => {
      const rows = positions ?? all;
      const t = Float64Array.from(rows, (i) => yTrue[i]);
      const p = Float64Array.from(rows, (i) => yPred[i]);
      let error = 0;
      for (let k = 0; k < t.length; k++) error += t[k] - p[k];
      return nullForNaN({ ...regressionMetrics(t, p), mean_error: error / t.length });
    };
  }
  let classes = 2;
  if (proba) classes = proba.length / n;
  else for (let i = 0; i < n; i++) classes = Math.max(classes, yTrue[i] + 1, yPred[i] + 1);
  if (!Number.isInteger(classes)) throw new Error(`The probabilities hold ${proba?.length} values, not a whole number of classes for ${n} rows.`);
  return (positions: Int32Array | null): Record<string, number | null> => {
    const rows = positions ?? all;
    const t = Int32Array.from(rows, (i) => yTrue[i]);
    const p = Int32Array.from(rows, (i) => yPred[i]);
    // Labels come from the predictions given (which may use a tuned threshold), not argmax.
    const metrics: Record<string, number> = { ...labelMetrics(t, p, classes) };
    if (proba) {
      const picked = new Float64Array(rows.length * classes);
      rows.forEach((r, k) => picked.set(proba.subarray(r * classes, (r + 1) * classes), k * classes));
      const { log_loss, roc_auc } = classificationMetrics(t, picked, classes);
      Object.assign(metrics, { log_loss, roc_auc });
    }
    if (classes === 2) metrics.positive_rate = p.reduce((a, v) => a + (v === 1 ? 1 : 0), 0) / p.length;
    return nullForNaN(metrics);
  };
}

function gapsOf(groups: GroupRow[]): GroupGap[] {
  if (groups.length < 2) return [];
  const out: GroupGap[] = [];
  for (const metric of Object.keys(groups[0].metrics)) {
    let highest: { group: string; value: number } | null = null;
    let lowest: { group: string; value: number } | null = null;
    for (const g of groups) {
      const value = g.metrics[metric];
      if (value === null) continue;
      if (!highest || value > highest.value) highest = { group: g.group, value };
      if (!lowest || value < lowest.value) lowest = { group: g.group, value };
    }
    if (highest && lowest && highest.group !== lowest.group) out.push({ metric, gap: highest.value - lowest.value, highest, lowest });
  }
  return out;
}
