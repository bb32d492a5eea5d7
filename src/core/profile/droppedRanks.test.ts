import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { droppedRanks, rankDrop } from './droppedRanks';
import { rankArray } from './rankColumn';

/** Average ranks (1-based) of `values`, NaN kept as NaN. */
function averageRanks(values: Float64Array): Float32Array | Float64Array {
  const rows = [...values.keys()].filter((i) => !Number.isNaN(values[i])).sort((a, b) => values[a] - values[b]);
  const ranks = rankArray(values.length).fill(NaN);
  for (let p = 0; p < rows.length; ) {
    let q = p + 1;
    while (q < rows.length && values[rows[q]] === values[rows[p]]) q++;
    for (let t = p; t < q; t++) ranks[rows[t]] = (p + q + 1) / 2;
    p = q;
  }
  return ranks;
}

describe('droppedRanks', () => {
  it('moves each kept rank down by the dropped rows below it and half those tied with it, over several runs of entries', () => {
    const rng = createRng(6);
    // 300,000 rows of 5,000 values: keys up to 600,000, past the 2^16 entries (8 keys each) of one run.
    const n = 300_000;
    for (const distinct of [5000, n]) {
      const values = Float64Array.from({ length: n }, (_, i) => (i % 31 === 0 ? NaN : distinct === n ? rng.next() : rng.int(distinct)));
      const ranks = averageRanks(values);
      const dropped = Int32Array.from([...values.keys()].filter(() => rng.next() < 0.2));
      const isDropped = new Uint8Array(n);
      dropped.forEach((r) => (isDropped[r] = 1));
      const drop = droppedRanks(ranks, dropped, distinct < n)!;
      const gone = [...dropped].map((r) => values[r]).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
      expect(drop.count).toBe(gone.length);
      const below = (v: number, strict: boolean) => {
        let lo = 0;
        let hi = gone.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (strict ? gone[mid] < v : gone[mid] <= v) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      };
      for (let i = 0; i < n; i += 97) {
        if (isDropped[i] || Number.isNaN(values[i])) continue;
        const expected = (below(values[i], true) + below(values[i], false)) / 2;
        expect(rankDrop(drop.entries, drop.base, drop.scale, ranks[i])).toBe(expected);
      }
    }
  });

  it('is null when none of the dropped rows is ranked', () => {
    const ranks = averageRanks(Float64Array.from([1, NaN, 2, NaN]));
    expect(droppedRanks(ranks, Int32Array.from([1, 3]), false)).toBeNull();
  });
});
