/**
 * Builds the model bundle .zip off the main thread. The model is rebuilt from its JSON
 * through the registry, exactly as any host that loads the bundle will do.
 */
import * as Comlink from 'comlink';
import { zipSync, strToU8 } from 'fflate';
import { writeBundle } from '../core/bundle/writeBundle';
import { readBundle } from '../core/bundle/readBundle';
import type { BundleInput } from '../core/bundle/bundleTypes';
import { buildDriftReference } from '../core/monitor';
import type { Table } from '../core/data/table';
import { getModel } from '../core/models/registry';
import type { ModelJSON } from '../core/models/types';
import type { Recipe } from '../core/prep/recipe';
import type { TrainedRun } from './trainOutcome';

export interface ExportRequest {
  run: TrainedRun;
  target: string;
  task: 'classification' | 'regression' | 'clustering';
  createdAt: string;
  dataName: string;
  rows: number;
  profiles?: unknown;
  /** The edited model card, when the person changed the generated one. */
  modelCard?: string;
}

const api = {
  /** `table` is the dataset the run was trained on: the bundle keeps its distributions for drift checks. */
  exportZip(request: ExportRequest, table: Table): Uint8Array {
    const { run } = request;
    const model = getModel(run.modelName).fromJSON(run.model as ModelJSON);
    const input: BundleInput = {
      createdAt: request.createdAt,
      target: request.target,
      task: request.task,
      classes: run.classes,
      recipe: run.recipe as Recipe,
      model,
      params: run.params,
      metrics: run.metrics,
      data: { name: request.dataName, rows: request.rows, trainRows: run.trainRows, testRows: run.testRows },
      profiles: request.profiles,
      modelCard: request.modelCard,
    };
    // Predicting through the bundle as written gives the reference of prediction drift.
    const bundle = readBundle(writeBundle(input));
    const drift = buildDriftReference(table, bundle.meta.inputSchema, bundle.predict(table));
    const files = writeBundle({ ...input, drift });
    const entries: Record<string, Uint8Array> = {};
    for (const [name, content] of files) entries[name] = typeof content === 'string' ? strToU8(content) : content;
    const zip = zipSync(entries, { level: 6, mtime: new Date(request.createdAt) });
    return Comlink.transfer(zip, [zip.buffer as ArrayBuffer]);
  },
};

export type BundleApi = typeof api;
Comlink.expose(api);
