/**
 * "Did you mean?": the candidate closest to a misspelt name, by case-insensitive edit distance,
 * when it is close enough to be a plausible typo. Names are compared on their first 64
 * characters so a table with thousands of long headers stays cheap.
 */
const COMPARED_LENGTH = 64;

export function closestName(name: string, candidates: Iterable<string>): string | null {
  const target = name.slice(0, COMPARED_LENGTH).toLowerCase();
  // A typo may change about a third of a name, and at least one character in short ones.
  const limit = Math.max(1, Math.floor(target.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const other = candidate.slice(0, COMPARED_LENGTH).toLowerCase();
    if (Math.abs(other.length - target.length) > Math.min(limit, bestDistance)) continue;
    const distance = editDistance(target, other, Math.min(limit, bestDistance));
    // Ties keep the first candidate, so the suggestion follows the table's column order.
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return bestDistance <= limit ? best : null;
}

/** Levenshtein distance with adjacent transpositions; anything above `cap` returns cap + 1. */
function editDistance(a: string, b: string, cap: number): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let row = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2] + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > cap) return cap + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return Math.min(prev[n], cap + 1);
}
