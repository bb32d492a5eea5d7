/**
 * `train --task clustering`: k-means on every usable column (but --target, when given, which is
 * left out), with --clusters K or the K from 2 to 10 with the best silhouette; writes the bundle
 * (predictions are cluster numbers, with a drift reference of every row) and metrics.json with the
 * clusters' sizes and profiles.
 */
import { basename } from 'node:path';
import type { BundleInput } from '../core/bundle/bundleTypes';
import { readBundle } from '../core/bundle/readBundle';
import { writeBundle } from '../core/bundle/writeBundle';
import { columnIndex, type Table } from '../core/data/table';
import type { ModelParams } from '../core/models/types';
import { trainClustering } from '../core/models/trainClustering';
import { buildDriftReference } from '../core/monitor/driftReference';
import type { Recipe } from '../core/prep/recipe';
import { profileTable } from '../core/profile/profileTable';
import { CliError } from './cliError';
import type { CliIO } from './cliIO';
import { writeFolderAtomic } from './files';
import type { RetrainedFrom } from './recordedTraining';

export interface ClusterOptions {
  table: Table;
  data: string;
  out: string;
  /** A column to leave out of the inputs; undefined: none. */
  exclude?: string;
  clusters: number | 'auto';
  seed: number;
  /** Retraining (train --recipe): the old bundle's recipe, unfitted, and its other k-means settings. */
  recipe?: Recipe;
  params?: Partial<ModelParams>;
  /** Retraining: the replaced model, for metrics.json. */
  retrainedFrom?: RetrainedFrom;
}

export async function trainClusters(options: ClusterOptions, io: CliIO): Promise<void> {
  const { table, data, out, exclude, clusters, seed, recipe, params, retrainedFrom } = options;
  // A replayed recipe already leaves the column out, so new data may lack it.
  if (exclude !== undefined && !recipe && columnIndex(table, exclude) < 0) {
    throw new CliError(`There is no column "${exclude}" in "${data}" to leave out of the clustering.`);
  }
  if (clusters !== 'auto' && clusters >= table.rowCount) {
    throw new CliError(`${clusters} clusters need more rows than "${data}" has (${table.rowCount}).`);
  }
  const left = exclude === undefined ? '' : `, leaving out "${exclude}"`;
  const replayed = recipe ? ', the recorded recipe refitted' : '';
  io.stdout(`${recipe ? 'Retraining: clustering' : 'Clustering'} ${table.rowCount} rows with k-means${clusters === 'auto' ? ', choosing k from 2 to 10 by silhouette' : ` into ${clusters} clusters`}${left}${replayed} (seed ${seed}).\n`);
  const started = performance.now();
  let result;
  try {
    result = await trainClustering(table, { clusters, seed, exclude, recipe, params });
  } catch (error) {
    throw new CliError(`Clustering "${data}" failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fitSeconds = Math.round(performance.now() - started) / 1000;
  const bundleInput: BundleInput = {
    createdAt: new Date().toISOString(),
    target: exclude ?? '',
    task: 'clustering',
    recipe: result.recipe,
    model: result.model,
    params: result.params,
    metrics: result.metrics,
    seed,
    data: { name: basename(data), rows: table.rowCount, trainRows: table.rowCount, testRows: 0 },
    profiles: profileTable(table, { maxCorrelationColumns: 0, spearman: false, duplicates: false, associations: false }).columns,
  };
  // k-means learns from every row, so they are all the reference, with the bundle's own cluster numbers on them.
  const bundle = readBundle(writeBundle(bundleInput));
  const drift = buildDriftReference(table, bundle.meta.inputSchema, bundle.predict(table));
  const files = writeBundle({ ...bundleInput, drift });
  const metrics = {
    task: 'clustering',
    rows: table.rowCount,
    seed,
    best: result.modelName,
    ranked_by: 'silhouette',
    k: result.k,
    leaderboard: [{ model: result.modelName, params: result.params, metrics: result.metrics, fit_seconds: fitSeconds }],
    metrics: result.metrics,
    cluster_sizes: result.sizes,
    ...(result.kScores ? { k_scores: result.kScores } : {}),
    profiles: result.profiles,
    ...(exclude !== undefined ? { excluded: exclude } : {}),
    ...(retrainedFrom ? { retrained_from: retrainedFrom } : {}),
  };
  files.set('metrics.json', JSON.stringify(metrics, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2) + '\n');
  writeFolderAtomic(out, files);
  const silhouette = Number.isFinite(result.metrics.silhouette) ? result.metrics.silhouette.toFixed(4) : 'undefined';
  io.stdout(`k = ${result.k} (silhouette ${silhouette}); cluster sizes ${result.sizes.join(', ')}. Wrote ${out}.\n`);
}
