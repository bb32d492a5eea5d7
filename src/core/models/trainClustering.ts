/**
 * One clustering run, the same in the web worker and the CLI: the default recipe on every column
 * (but an excluded one, e.g. a label the person wants to compare with afterwards), or a given one
 * when retraining, fitted on all rows; k-means with the person's k, or the k from 2 to 10 with the best silhouette; then the
 * clusters' silhouette, sizes and profiles.
 */
import type { Table } from '../data/table';
import { clusterProfiles, type ClusterProfiles } from '../evaluate/clusterProfiles';
import { clusterSizes, trySilhouetteScore } from '../evaluate/silhouette';
import { applyRecipe } from '../prep/applyRecipe';
import { fitRecipe } from '../prep/fitRecipe';
import type { Recipe } from '../prep/recipe';
import { suggestRecipe } from '../prep/suggestRecipe';
import { throwIfAborted } from './abort';
import { chooseClusterCount, type ClusterCountScore } from './chooseClusterCount';
import { fitKMeans, kMeans, type KMeansModel } from './kMeans';
import type { ModelParams, TrainProgress } from './types';

/** The range "auto" searches: more clusters than ten are rarely what a person can read. */
export const AUTO_CLUSTERS = { min: 2, max: 10 } as const;

export interface ClusteringOptions {
  /** A number of clusters, or "auto" to pick it by silhouette. */
  clusters: number | 'auto';
  seed: number;
  /** A column left out of the inputs (e.g. a known label); '' or absent: none. */
  exclude?: string;
  /**
   * The recipe to fit on every row (unfitted; its target is the excluded column or ''); default:
   * `suggestRecipe` on every column but the excluded one. Retraining passes the old bundle's.
   */
  recipe?: Recipe;
  /** Overrides of k-means' other defaults (initializations, maxIterations, tolerance). */
  params?: Partial<ModelParams>;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
}

export interface ClusteringResult {
  recipe: Recipe;
  model: KMeansModel;
  modelName: 'k_means';
  params: ModelParams;
  k: number;
  /** Mean silhouette (on a seeded sample of 5,000 rows above that) and inertia; NaN where undefined. */
  metrics: { silhouette: number; inertia: number };
  /** Rows per cluster. */
  sizes: number[];
  /** With "auto": every k tried, for the silhouette-by-k chart. */
  kScores?: ClusterCountScore[];
  profiles: ClusterProfiles;
  featureNames: string[];
  rows: number;
  /** The cluster of every row. */
  labels: Int32Array;
}

export async function trainClustering(table: Table, options: ClusteringOptions): Promise<ClusteringResult> {
  const rows = table.rowCount;
  if (rows < 3) throw new Error(`Clustering needs at least 3 rows; the table has ${rows}.`);
  if (options.clusters !== 'auto' && options.clusters >= rows) {
    throw new Error(`${options.clusters} clusters need more rows than that; the table has ${rows}.`);
  }
  throwIfAborted(options.signal);
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  const recipe = fitRecipe(options.recipe ?? suggestRecipe(table, options.exclude ?? ''), table, all);
  const { X, featureNames } = applyRecipe(recipe, table, all);
  const cols = featureNames.length;
  if (cols === 0) throw new Error('No column can be used to cluster the rows: every one is an identifier, free text, empty or constant.');

  let model: KMeansModel;
  let labels: Int32Array;
  let kScores: ClusterCountScore[] | undefined;
  const base = { ...kMeans.defaults, ...options.params };
  if (options.clusters === 'auto') {
    const chosen = await chooseClusterCount(X, rows, cols, {
      min: AUTO_CLUSTERS.min,
      max: Math.min(AUTO_CLUSTERS.max, rows - 1),
      seed: options.seed,
      signal: options.signal,
      params: options.params,
      onProgress: (p) => options.onProgress?.({ epoch: p.done, epochs: p.total, loss: p.score.inertia }),
    });
    ({ model, labels } = chosen);
    kScores = chosen.scores;
  } else {
    const fit = await fitKMeans(X, rows, cols, { ...base, clusters: options.clusters }, { seed: options.seed, signal: options.signal, onProgress: options.onProgress });
    ({ model, labels } = fit);
  }
  const k = model.clusterCount;
  const silhouette = trySilhouetteScore(X, rows, cols, labels, { seed: options.seed });
  return {
    recipe,
    model,
    modelName: 'k_means',
    params: { ...base, clusters: k },
    k,
    metrics: { silhouette: silhouette ?? NaN, inertia: model.inertia },
    sizes: clusterSizes(labels, k),
    ...(kScores ? { kScores } : {}),
    profiles: clusterProfiles(table, all, labels, k),
    featureNames,
    rows,
    labels,
  };
}
