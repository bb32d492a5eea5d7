/**
 * A numeric column split by group (a class, a category), each group's values sorted: the input
 * of box plots by class and of class-conditional histograms. A counting pass places every value
 * in its group's slice of one array, then each slice is radix-sorted, so no per-group arrays.
 */
import { boxStatsSorted, type BoxStats } from '../profile/boxStats';
import { sortFloat64 } from '../profile/sortFloat64';

export interface GroupedValues {
  /** Group g's values are sorted[offsets[g] .. offsets[g + 1]). */
  offsets: Int32Array;
  sorted: Float64Array;
}

/** Values that are present (not missing, not NaN) in rows whose group is >= 0. */
export function groupValues(values: Float64Array, missing: Uint8Array, group: Int32Array, groups: number): GroupedValues {
  const offsets = new Int32Array(groups + 1);
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (g >= 0 && !missing[i] && values[i] === values[i]) offsets[g + 1]++;
  }
  for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
  const sorted = new Float64Array(offsets[groups]);
  const next = offsets.slice(0, groups);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (g >= 0 && !missing[i] && values[i] === values[i]) sorted[next[g]++] = values[i];
  }
  for (let g = 0; g < groups; g++) sortFloat64(sorted.subarray(offsets[g], offsets[g + 1]));
  return { offsets, sorted };
}

export function groupSlice(grouped: GroupedValues, g: number): Float64Array {
  return grouped.sorted.subarray(grouped.offsets[g], grouped.offsets[g + 1]);
}

export function groupBoxes(grouped: GroupedValues, maxOutliers: number): (BoxStats | null)[] {
  const groups = grouped.offsets.length - 1;
  return Array.from({ length: groups }, (_, g) => boxStatsSorted(groupSlice(grouped, g), maxOutliers));
}

/**
 * Histograms of every group over the same equal-width edges (numpy.histogram's rule over all
 * groups' finite values: the last bin includes the maximum; one value v gets [v - 0.5, v + 0.5]).
 */
export function sharedHistogram(grouped: GroupedValues, bins: number): { edges: number[]; counts: number[][] } {
  const groups = grouped.offsets.length - 1;
  let lo = Infinity;
  let hi = -Infinity;
  for (let g = 0; g < groups; g++) {
    const s = groupSlice(grouped, g);
    let first = 0;
    while (first < s.length && !Number.isFinite(s[first])) first++;
    let last = s.length - 1;
    while (last >= 0 && !Number.isFinite(s[last])) last--;
    if (first <= last) {
      lo = Math.min(lo, s[first]);
      hi = Math.max(hi, s[last]);
    }
  }
  if (!(lo <= hi)) return { edges: [], counts: Array.from({ length: groups }, () => []) };
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const edges: number[] = [];
  for (let b = 0; b <= bins; b++) edges.push(b === bins ? hi : lo + b * width);
  const counts = Array.from({ length: groups }, (_, g) => {
    const s = groupSlice(grouped, g);
    const out = new Array<number>(bins).fill(0);
    // Sorted, so walk the bins forward instead of dividing per value.
    let bin = 0;
    for (let i = 0; i < s.length; i++) {
      const v = s[i];
      if (!Number.isFinite(v)) continue;
      while (bin < bins - 1 && v >= edges[bin + 1]) bin++;
      out[bin]++;
    }
    return out;
  });
  return { edges, counts };
}
