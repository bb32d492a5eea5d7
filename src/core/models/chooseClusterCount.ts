/**
 * Picks the number of clusters by the silhouette: k-means for every k from `min` to `max`, and
 * the k whose clustering has the highest mean silhouette (the smaller k on ties). Each k's
 * inertia comes back too, for an elbow chart next to the silhouette chart.
 *
 * A k whose best run leaves a cluster empty (more clusters than distinct rows) cannot be
 * chosen: it is a smaller clustering in disguise. Its silhouette is still reported.
 */
import { trySilhouetteScore } from '../evaluate/silhouette';
import { throwIfAborted } from './abort';
import { fitKMeans, MAX_CLUSTERS, type KMeansModel, type KMeansParams } from './kMeans';

export interface ClusterCountScore {
  k: number;
  /** Mean silhouette of the k-means labels, from -1 to 1; null when it is undefined. */
  silhouette: number | null;
  inertia: number;
  emptyClusters: number;
}

export interface ClusterCountProgress {
  /** k values done so far, of `total`. */
  done: number;
  total: number;
  score: ClusterCountScore;
}

export interface ChooseClusterCountOptions {
  /** Smallest k tried (default 2). */
  min?: number;
  /** Largest k tried (default 10), at most rows - 1 and MAX_CLUSTERS. */
  max?: number;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (p: ClusterCountProgress) => void;
  /** k-means settings other than the cluster count (initializations, maxIterations, tolerance). */
  params?: Partial<Omit<KMeansParams, 'clusters'>>;
  /** Rows the silhouette scores (see silhouetteScore); its default keeps each k under a second. */
  silhouetteSampleSize?: number;
}

export interface ClusterCountChoice {
  k: number;
  scores: ClusterCountScore[];
  model: KMeansModel;
  /** The chosen clustering's label per training row. */
  labels: Int32Array;
}

export async function chooseClusterCount(X: Float32Array, rows: number, cols: number, options: ChooseClusterCountOptions): Promise<ClusterCountChoice> {
  const min = options.min ?? 2;
  const requestedMax = options.max ?? 10;
  if (!(Number.isInteger(min) && min >= 2)) throw new Error(`The smallest cluster count is ${min}; expected an integer of at least 2.`);
  if (!(Number.isInteger(requestedMax) && requestedMax >= min)) {
    throw new Error(`The largest cluster count is ${requestedMax}; expected an integer of at least ${min}.`);
  }
  // The silhouette needs fewer clusters than rows.
  const max = Math.min(requestedMax, rows - 1, MAX_CLUSTERS);
  if (max < min) throw new Error(`Choosing among ${min} or more clusters needs at least ${min + 1} rows, got ${rows}.`);

  const scores: ClusterCountScore[] = [];
  let best: { k: number; silhouette: number; model: KMeansModel; labels: Int32Array } | null = null;
  for (let k = min; k <= max; k++) {
    const fit = await fitKMeans(X, rows, cols, { ...options.params, clusters: k }, { seed: options.seed, signal: options.signal });
    throwIfAborted(options.signal);
    const silhouette = trySilhouetteScore(X, rows, cols, fit.labels, { sampleSize: options.silhouetteSampleSize, seed: options.seed });
    const score = { k, silhouette, inertia: fit.inertia, emptyClusters: fit.emptyClusters };
    scores.push(score);
    options.onProgress?.({ done: k - min + 1, total: max - min + 1, score });
    if (silhouette !== null && fit.emptyClusters === 0 && (best === null || silhouette > best.silhouette)) {
      best = { k, silhouette, model: fit.model, labels: fit.labels };
    }
  }
  if (best === null) throw new Error('No cluster count from the range gives a usable clustering: the rows have too few distinct values.');
  return { k: best.k, scores, model: best.model, labels: best.labels };
}
