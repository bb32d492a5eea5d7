/**
 * `train --task clustering`: k-means on every usable column (but --target, when given, which is
 * left out), with --clusters K or the K from 2 to 10 with the best silhouette; writes the bundle
 * (predictions are cluster numbers) and metrics.json with the clusters' sizes and profiles.
 */
import { basename } from 'node:path';
import { writeBundle } from '../core/bundle/writeBundle';
import { columnIndex, type Table } from '../core/data/table';
import { trainClustering } from '../core/models/trainClustering';
import { profileTable } from '../core/profile/profileTable';
import { CliError } from './cliError';
import type { CliIO } from './cliIO';
import { writeFolderAtomic } from './files';

export interface ClusterOptions {
  table: Table;
  data: string;
  out: string;
  /** A column to leave out of the inputs; undefined: none. */
  exclude?: string;
  clusters: number | 'auto';
  seed: number;
}

export async function trainClusters(options: ClusterOptions, io: CliIO): Promise<void> {
  const { table, data, out, exclude, clusters, seed } = options;
  if (exclude !== undefined && columnIndex(table, exclude) < 0) {
    throw new CliError(`There is no column "${exclude}" in "${data}" to leave out of the clustering.`);
  }
  if (clusters !== 'auto' && clusters >= table.rowCount) {
    throw new CliError(`${clusters} clusters need more rows than "${data}" has (${table.rowCount}).`);
  }
  const left = exclude === undefined ? '' : `, leaving out "${exclude}"`;
  io.stdout(`Clustering ${table.rowCount} rows with k-means${clusters === 'auto' ? ', choosing k from 2 to 10 by silhouette' : ` into ${clusters} clusters`}${left} (seed ${seed}).\n`);
  const started = performance.now();
  let result;
  try {
    result = await trainClustering(table, { clusters, seed, exclude });
  } catch (error) {
    throw new CliError(`Clustering "${data}" failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fitSeconds = Math.round(performance.now() - started) / 1000;
  const files = writeBundle({
    createdAt: new Date().toISOString(),
    target: exclude ?? '',
    task: 'clustering',
    recipe: result.recipe,
    model: result.model,
    params: result.params,
    metrics: result.metrics,
    data: { name: basename(data), rows: table.rowCount, trainRows: table.rowCount, testRows: 0 },
    profiles: profileTable(table, { maxCorrelationColumns: 0, spearman: false, duplicates: false, associations: false }).columns,
  });
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
  };
  files.set('metrics.json', JSON.stringify(metrics, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2) + '\n');
  writeFolderAtomic(out, files);
  const silhouette = Number.isFinite(result.metrics.silhouette) ? result.metrics.silhouette.toFixed(4) : 'undefined';
  io.stdout(`k = ${result.k} (silhouette ${silhouette}); cluster sizes ${result.sizes.join(', ')}. Wrote ${out}.\n`);
}
