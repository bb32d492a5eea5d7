/**
 * One column's measurements against its reference: PSI, the KS or chi-square test, missing
 * shares, unseen categories and the two distributions as chart bars.
 */
import type { Column } from '../data/table';
import { isoDate } from '../profile/isoDate';
import { chiSquareHomogeneity, totalVariation } from './chiSquareHomogeneity';
import type { CategoricalReference, ColumnReference, DriftChart, NumericReference } from './driftTypes';
import type { Measured } from './judgeColumn';
import { ksTwoSample } from './ksTwoSample';
import { populationStability, shares } from './populationStability';
import { readCategories, readNumbers } from './readColumn';
import { binIndex, sketchError } from './sketchNumbers';

/** Unseen categories listed in a report; the count and share cover all of them. */
export const MAX_UNSEEN_LISTED = 20;

export function compareColumn(ref: ColumnReference, column: Column, rowCount: number): Measured {
  return ref.kind === 'numeric' ? compareNumeric(ref, column, rowCount) : compareCategorical(ref, column, rowCount);
}

/** The measurements of a column the new data lacks: the reference side only. */
export function absentColumn(ref: ColumnReference): Measured {
  const chart = ref.kind === 'numeric' ? numericChart(ref, new Array<number>(ref.bins.length).fill(0)) : categoricalChart(ref, ref.counts.map(() => 0), 0);
  return {
    name: ref.name,
    kind: ref.kind,
    type: ref.type,
    absent: true,
    reference: referenceSide(ref),
    current: { count: 0, missingRate: 0 },
    missingRateChange: null,
    psi: null,
    test: null,
    chart,
  };
}

function compareNumeric(ref: NumericReference, column: Column, rowCount: number): Measured {
  const reading = readNumbers(column, rowCount, ref.type);
  const bins = new Array<number>(ref.bins.length).fill(0);
  for (const v of reading.sorted) bins[binIndex(ref.edges, v)]++;
  const ks = ksTwoSample(ref.points, ref.pointCounts, reading.sorted);
  const current = { count: reading.sorted.length, missingRate: reading.missing / rowCount };
  const reference = referenceSide(ref);
  return {
    name: ref.name,
    kind: 'numeric',
    type: ref.type,
    reference,
    current,
    missingRateChange: current.missingRate - reference.missingRate,
    psi: populationStability(ref.bins, bins),
    test: ks && { name: 'ks', statistic: ks.statistic, pValue: ks.pValue, effect: ks.statistic, maxError: sketchError(ref) },
    ...(reading.unreadable > 0 ? { unreadable: reading.unreadable } : {}),
    chart: numericChart(ref, bins),
  };
}

function compareCategorical(ref: CategoricalReference, column: Column, rowCount: number): Measured {
  const reading = readCategories(column, rowCount);
  const index = new Map(ref.categories.map((c, k) => [c, k]));
  const counts = ref.categories.map(() => 0);
  const unseen: { category: string; count: number }[] = [];
  let unlisted = 0;
  reading.categories.forEach((category, k) => {
    const i = index.get(category);
    if (i !== undefined) counts[i] += reading.counts[k];
    else {
      unlisted += reading.counts[k];
      unseen.push({ category, count: reading.counts[k] });
    }
  });
  // With every training category listed, PSI and the test compare the shares of the known ones and
  // new categories are left to the unseen rule: in PSI a 5% bucket against an empty one would weigh
  // 0.05 * ln(0.05 / 1e-4) = 0.31, so a few new values would always read as drift. With an "other"
  // count the unlisted values may be rare known ones, so they join it as one more category.
  const listsAll = ref.other === 0;
  const refCounts = listsAll ? ref.counts : [...ref.counts, ref.other];
  const newCounts = listsAll ? counts : [...counts, unlisted];
  const present = reading.counts.reduce((s, c) => s + c, 0);
  const chi = chiSquareHomogeneity(refCounts, newCounts);
  const current = { count: present, missingRate: reading.missing / rowCount };
  const reference = referenceSide(ref);
  unseen.sort((a, b) => b.count - a.count);
  return {
    name: ref.name,
    kind: 'categorical',
    type: ref.type,
    reference,
    current,
    missingRateChange: current.missingRate - reference.missingRate,
    psi: populationStability(refCounts, newCounts),
    test: chi && { name: 'chi-square', statistic: chi.statistic, pValue: chi.pValue, dof: chi.dof, effect: totalVariation(refCounts, newCounts) },
    unseen: {
      categories: unseen.slice(0, MAX_UNSEEN_LISTED).map((u) => u.category),
      count: unlisted,
      share: present === 0 ? 0 : unlisted / present,
    },
    chart: categoricalChart(ref, counts, unlisted),
  };
}

function referenceSide(ref: ColumnReference): { count: number; missingRate: number } {
  const rows = ref.count + ref.missing;
  return { count: ref.count, missingRate: rows === 0 ? 0 : ref.missing / rows };
}

function numericChart(ref: NumericReference, bins: number[]): DriftChart {
  return { labels: binLabels(ref), reference: shares(ref.bins), current: shares(bins) };
}

function categoricalChart(ref: CategoricalReference, counts: number[], unlisted: number): DriftChart {
  const labels = ref.categories.slice();
  const refCounts = ref.counts.slice();
  const newCounts = counts.slice();
  if (ref.other > 0 || unlisted > 0) {
    labels.push(ref.other > 0 ? '(other)' : '(unseen)');
    refCounts.push(ref.other);
    newCounts.push(unlisted);
  }
  return { labels, reference: shares(refCounts), current: shares(newCounts) };
}

/** "≤ a", "a – b" for (a, b], "> b"; booleans as false and true; datetimes as ISO text. */
export function binLabels(ref: Pick<NumericReference, 'edges' | 'type'>): string[] {
  const { edges, type } = ref;
  if (type === 'boolean' && edges.length === 1 && edges[0] === 0) return ['false', 'true'];
  if (edges.length === 0) return ['all values'];
  const f = (v: number) => (type === 'datetime' ? isoDate(v) : String(Number(v.toPrecision(6))));
  const labels = [`≤ ${f(edges[0])}`];
  for (let i = 1; i < edges.length; i++) labels.push(`${f(edges[i - 1])} – ${f(edges[i])}`);
  labels.push(`> ${f(edges[edges.length - 1])}`);
  return labels;
}
