/**
 * What `train --recipe R` replays: the bundle.json of the model bundle R (a folder written by
 * train, or that file itself) and, when it lies beside it and belongs to it, the metrics.json train
 * wrote with it. The folds and the hold-out grouping are recorded only in metrics.json, as is the
 * seed of bundles made before bundle.json kept it; without it the defaults apply.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BundleError, type BundleData, type BundleMeta } from '../core/bundle/bundleTypes';
import { parseBundleMeta } from '../core/bundle/parseBundleMeta';
import { asBundleError, readJsonFile } from '../core/bundle/readJsonFile';
import { getModel } from '../core/models/registry';
import type { FoldBy } from '../core/prep/foldsBy';
import { CliError, sentence } from './cliError';
import { readInputFile } from './files';

export interface RecordedTraining {
  /** The path given to --recipe, for messages. */
  source: string;
  meta: BundleMeta;
  /** From bundle.json, else metrics.json; undefined when neither records it. */
  seed?: number;
  /** From metrics.json. */
  folds?: number;
  foldBy?: FoldBy;
}

/** metrics.json's "retrained_from": the replaced model's numbers, for a scheduler to compare. */
export interface RetrainedFrom {
  created_at: string;
  model: string;
  /** Its hold-out metrics, as bundle.json records them (null where undefined). */
  metrics: Record<string, number | null>;
  data?: BundleData;
}

export function readRecordedTraining(source: string): RecordedTraining {
  const isFolder = existsSync(source) && statSync(source).isDirectory();
  const bundlePath = isFolder ? join(source, 'bundle.json') : source;
  if (isFolder && !existsSync(bundlePath)) {
    throw new CliError(`The recipe folder "${source}" has no bundle.json; give a model folder written by train --out, or its bundle.json.`);
  }
  const json = readJson(bundlePath, 'recipe');
  if (isPlainRecipe(json)) {
    throw new CliError(`"${source}" is a bare recipe; --recipe takes a model bundle written by train (its folder or bundle.json), which also records the model to retrain.`);
  }
  let meta: BundleMeta;
  try {
    meta = parseBundleMeta(json);
  } catch (error) {
    const failure = asBundleError('bundle.json', error);
    if (failure instanceof BundleError) throw new CliError(`The recipe "${source}" cannot be read: ${sentence(failure.message)}`);
    throw failure;
  }
  if (!(getModel(meta.model.kind).tasks as string[]).includes(meta.task)) {
    throw new CliError(`The recipe "${source}" records the model "${meta.model.kind}", which does not do ${meta.task}.`);
  }
  const metricsPath = join(dirname(bundlePath), 'metrics.json');
  const metrics = existsSync(metricsPath) ? readMetrics(metricsPath, meta) : {};
  return { source, meta, ...metrics, ...(meta.seed !== undefined ? { seed: meta.seed } : {}) };
}

export function retrainedFrom(recorded: RecordedTraining): RetrainedFrom {
  const { meta } = recorded;
  return { created_at: meta.createdAt, model: meta.model.kind, metrics: meta.model.metrics, ...(meta.data ? { data: meta.data } : {}) };
}

function readJson(path: string, what: string): unknown {
  try {
    const name = basename(path);
    return readJsonFile(new Map([[name, readInputFile(path, what)]]), name);
  } catch (error) {
    if (error instanceof BundleError) throw new CliError(`The ${what} "${path}" cannot be read: ${sentence(error.message)}`);
    throw error;
  }
}

function isPlainRecipe(json: unknown): boolean {
  return typeof json === 'object' && json !== null && !('format' in json) && 'steps' in json && 'features' in json;
}

/**
 * The settings metrics.json recorded, taken only when it describes this bundle's model and each
 * field has the shape train writes: it is a hint beside the bundle, so a stale or edited one is
 * passed over rather than refused.
 */
function readMetrics(path: string, meta: BundleMeta): Pick<RecordedTraining, 'seed' | 'folds' | 'foldBy'> {
  let json: unknown;
  try {
    json = readJson(path, 'metrics file');
  } catch {
    return {};
  }
  if (typeof json !== 'object' || json === null) return {};
  const m = json as Record<string, unknown>;
  if (m.best !== meta.model.kind || m.task !== meta.task) return {};
  const out: Pick<RecordedTraining, 'seed' | 'folds' | 'foldBy'> = {};
  if (isWhole(m.seed)) out.seed = m.seed;
  if (isWhole(m.folds) && m.folds !== 1) out.folds = m.folds;
  const by = m.folds_by as Record<string, unknown> | undefined;
  if (by && (by.kind === 'group' || by.kind === 'time') && typeof by.column === 'string') out.foldBy = { kind: by.kind, column: by.column };
  return out;
}

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
