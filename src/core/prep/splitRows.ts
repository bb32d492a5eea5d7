/**
 * Seeded row splits: a train/test hold-out and K folds, both optionally stratified so every
 * class keeps its share in each part. Indices come back sorted so the same seed gives the same
 * rows in the same order everywhere.
 */
import { createRng, type Rng } from '../random';

export interface RowSplit {
  train: Int32Array;
  test: Int32Array;
}

export interface SplitOptions {
  /** Share of rows held out for testing, in (0, 1). Default 0.2. */
  testFraction?: number;
  seed: number;
  /** One class index per row (0..n-1); keeps class proportions in both parts. */
  stratify?: Int32Array;
}

export function splitRows(n: number, options: SplitOptions): RowSplit {
  const fraction = options.testFraction ?? 0.2;
  if (!(fraction > 0 && fraction < 1)) throw new Error(`The test fraction must be between 0 and 1, got ${fraction}.`);
  if (!Number.isInteger(n) || n < 2) throw new Error(`At least 2 rows are needed to split, got ${n}.`);
  checkStratify(n, options.stratify);
  const rng = createRng(options.seed);
  const groups = shuffledGroups(n, options.stratify, rng);
  const nTest = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  const quota = allocate(
    groups.map((g) => g.length),
    nTest,
  );
  const test: number[] = [];
  const train: number[] = [];
  groups.forEach((g, k) => {
    for (let i = 0; i < g.length; i++) (i < quota[k] ? test : train).push(g[i]);
  });
  return { train: sorted(train), test: sorted(test) };
}

/** K folds; each row is in exactly one test fold, and the folds' sizes differ by at most one. */
export function kFoldRows(n: number, k: number, seed: number, stratify?: Int32Array): RowSplit[] {
  if (!Number.isInteger(k) || k < 2 || k > n) throw new Error(`K-fold needs 2 <= K <= ${n} rows, got K = ${k}.`);
  checkStratify(n, stratify);
  const rng = createRng(seed);
  const fold = new Int32Array(n);
  // Dealing continues across classes, so small classes spread over different folds.
  let next = 0;
  for (const group of shuffledGroups(n, stratify, rng)) {
    for (const row of group) fold[row] = next++ % k;
  }
  const out: RowSplit[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let r = 0; r < n; r++) (fold[r] === f ? test : train).push(r);
    out.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return out;
}

function checkStratify(n: number, stratify: Int32Array | undefined): void {
  if (stratify && stratify.length !== n) {
    throw new Error(`The stratify labels have ${stratify.length} entries for ${n} rows.`);
  }
}

/** Rows grouped by class (one group when not stratified), each group shuffled. */
function shuffledGroups(n: number, stratify: Int32Array | undefined, rng: Rng): number[][] {
  const groups = new Map<number, number[]>();
  for (let r = 0; r < n; r++) {
    const label = stratify ? stratify[r] : 0;
    let g = groups.get(label);
    if (!g) groups.set(label, (g = []));
    g.push(r);
  }
  const keys = [...groups.keys()].sort((a, b) => a - b);
  return keys.map((key) => rng.shuffle(groups.get(key)!));
}

/**
 * Splits `total` test rows over groups in proportion to their sizes (largest remainder, ties by
 * group order), keeping at least one row of every group with 2+ rows in training.
 */
function allocate(sizes: number[], total: number): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((s) => (s * total) / n);
  const quota = exact.map((e, k) => Math.min(Math.floor(e), Math.max(0, sizes[k] - 1)));
  let left = total - quota.reduce((a, b) => a + b, 0);
  const order = sizes.map((_, k) => k).sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
  // First pass respects "one left for training"; a second pass fills any rest (tiny groups).
  for (const slack of [1, 0]) {
    let progress = true;
    while (left > 0 && progress) {
      progress = false;
      for (const k of order) {
        if (left > 0 && quota[k] < sizes[k] - slack) {
          quota[k]++;
          left--;
          progress = true;
        }
      }
    }
  }
  return quota;
}

function sorted(rows: number[]): Int32Array {
  return Int32Array.from(rows).sort();
}
