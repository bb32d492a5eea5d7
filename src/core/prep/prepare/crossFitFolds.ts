/**
 * The folds target encoding is cross-fitted with, assigned as scikit-learn's KFold (continuous
 * targets) and StratifiedKFold (class targets) assign them. With `shuffle` off the assignment is
 * exactly sklearn's; with it on, the order comes from our seeded generator (numpy's cannot be
 * reproduced), so the folds are as balanced as sklearn's but not the same rows.
 */
import { createRng } from '../../random';

/** fold[i] in [0, k) for each of n rows. */
export function kFolds(n: number, k: number, shuffle: boolean, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (shuffle) createRng(seed).shuffle(order);
  const fold = new Int32Array(n);
  // sklearn: the first n % k folds hold one row more.
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let i = start; i < start + size; i++) fold[order[i]] = f;
    start += size;
  }
  return fold;
}

/**
 * StratifiedKFold._make_test_folds: classes numbered by first appearance, each fold given the
 * classes of every k-th row of the class-sorted labels, then each class's rows dealt those folds
 * in order (shuffled with the seed when asked).
 */
export function stratifiedFolds(labels: Int32Array, k: number, shuffle: boolean, seed: number): Int32Array {
  const n = labels.length;
  const firstSeen = new Map<number, number>();
  for (let i = 0; i < n; i++) if (!firstSeen.has(labels[i])) firstSeen.set(labels[i], firstSeen.size);
  const encoded = Int32Array.from(labels, (y) => firstSeen.get(y)!);
  const classes = firstSeen.size;
  const order = Int32Array.from(encoded).sort();
  const allocation = Array.from({ length: k }, () => new Int32Array(classes));
  for (let f = 0; f < k; f++) for (let i = f; i < n; i += k) allocation[f][order[i]]++;
  const rng = createRng(seed);
  const fold = new Int32Array(n);
  for (let c = 0; c < classes; c++) {
    const forClass: number[] = [];
    for (let f = 0; f < k; f++) for (let j = 0; j < allocation[f][c]; j++) forClass.push(f);
    if (shuffle) rng.shuffle(forClass);
    let next = 0;
    for (let i = 0; i < n; i++) if (encoded[i] === c) fold[i] = forClass[next++];
  }
  return fold;
}
