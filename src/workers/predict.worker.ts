/**
 * The deployed model of the page: a bundle (exported from this page's training or imported
 * from a .zip), the predictions it made on the last "Predict CSV" file, and drift checks.
 * A bundle is loaded from its .zip bytes only, exactly as any other host loads it, so the
 * page predicts what the CLI and the REST API predict with the same file.
 */
import * as Comlink from 'comlink';
import { readBundle } from '../core/bundle/readBundle';
import { unzipBundle } from '../core/bundle/unzipBundle';
import { conformTable } from '../core/bundle/conformTable';
import type { BundlePrediction, LoadedBundle } from '../core/bundle/bundleTypes';
import { DEFAULT_LIMITS, readCsv } from '../core/data/readCsv';
import { ImportError } from '../core/data/importIssue';
import type { Table } from '../core/data/table';
import { predictionTable } from '../core/bundle/predictionTable';
import type { ColumnNote } from '../core/bundle/conformTable';
import type { InputField } from '../core/bundle/bundleTypes';
import { singleRowTable } from '../core/bundle/singleRowTable';
import { compareDrift, type DriftReport } from '../core/monitor';
import { modelCard, type CardFairness } from '../core/bundle/modelCard';

/** What the page shows about the deployed model. */
export interface DeployedModel {
  fileName: string;
  kind: string;
  target: string;
  task: 'classification' | 'regression' | 'clustering';
  classes?: string[];
  inputSchema: InputField[];
  metrics: Record<string, number | null>;
  createdAt: string;
  dataName?: string;
  hasDriftReference: boolean;
}

export interface PredictionSummary {
  fileName: string;
  rows: number;
  /** The header is the file's columns, then "prediction" and the probability columns. */
  header: string[];
  inputColumns: number;
  /** One per input problem (missing or extra column, unseen categories, wrong type), with what was done. */
  notes: ColumnNote[];
  classes?: string[];
}

export interface SinglePrediction {
  prediction: string;
  probabilities?: Array<{ name: string; p: number }>;
}

let deployed: { bundle: LoadedBundle; fileName: string } | null = null;
let last: { input: Table; result: BundlePrediction; fileName: string } | null = null;

function requireModel(): LoadedBundle {
  if (!deployed) throw new Error('No model is loaded; train one or import a bundle first.');
  return deployed.bundle;
}

async function readTable(file: Blob, fileName: string): Promise<Table> {
  // The reader's byte cap, checked before the file is read into memory.
  if (file.size > DEFAULT_LIMITS.maxBytes) {
    throw new Error(`"${fileName}" is ${(file.size / 1e9).toFixed(1)} GB; the studio reads files up to ${DEFAULT_LIMITS.maxBytes / 1e9} GB in the browser.`);
  }
  try {
    return readCsv(new Uint8Array(await file.arrayBuffer()), { fileName }).table;
  } catch (error) {
    if (error instanceof ImportError) throw new Error(error.issue.message, { cause: error });
    throw error;
  }
}

const api = {
  /** Loads a bundle .zip; throws a sentence naming the file and field when it is not a valid bundle. */
  load(zip: Uint8Array, fileName: string): DeployedModel {
    const bundle = readBundle(unzipBundle(zip, fileName));
    deployed = { bundle, fileName };
    last = null;
    const { meta } = bundle;
    return {
      fileName,
      kind: meta.model.kind,
      target: meta.target,
      task: meta.task,
      classes: meta.classes,
      inputSchema: meta.inputSchema,
      metrics: meta.model.metrics,
      createdAt: meta.createdAt,
      dataName: meta.data?.name,
      hasDriftReference: meta.drift !== undefined,
    };
  },

  /** Predicts every row of a CSV; the rows themselves stay here, the page asks for the ones it shows. */
  async predictCsv(file: Blob, fileName: string): Promise<PredictionSummary> {
    const bundle = requireModel();
    const input = await readTable(file, fileName);
    const { table, notes } = conformTable(bundle.meta, input);
    const result = bundle.predict(table);
    last = { input, result, fileName };
    const header = predictionTable(input, result, 0, 0).header;
    return { fileName, rows: input.rowCount, header, inputColumns: input.columns.length, notes, classes: result.classes };
  },

  /** Rows [start, start + count) of the last predictions: the input cells, then prediction and probabilities. */
  predictionRows(start: number, count: number): string[][] {
    if (!last) return [];
    return predictionTable(last.input, last.result, start, count).rows;
  },

  /** The last predictions as CSV text, cells starting with = + - @ escaped against formula injection. */
  predictionsCsv(): string {
    if (!last) throw new Error('There are no predictions to download yet; load a CSV with "Predict CSV" first.');
    return predictionTable(last.input, last.result, 0, last.input.rowCount).csv();
  },

  /** One prediction from the "what if" form's values (text as typed; empty is missing). */
  predictOne(values: Record<string, string>): SinglePrediction {
    const bundle = requireModel();
    const result = bundle.predict(singleRowTable(bundle.meta, values));
    const classes = result.classes;
    return {
      prediction: String(result.prediction[0]),
      probabilities: classes && result.proba ? classes.map((name, k) => ({ name, p: result.proba![k] })) : undefined,
    };
  },

  /** The model card generated from the deployed bundle. */
  generatedModelCard(fairness?: CardFairness): string {
    return modelCard(requireModel().meta, { fairness });
  },

  /** New data against the training data the bundle remembers: per column and for the predictions. */
  async checkDrift(file: Blob, fileName: string): Promise<DriftReport> {
    const bundle = requireModel();
    const reference = bundle.meta.drift;
    if (!reference) {
      throw new Error(`The model${deployed ? ` "${deployed.fileName}"` : ''} carries no training distributions (it was exported before drift checks existed); export it again to check drift.`);
    }
    const input = await readTable(file, fileName);
    const { table } = conformTable(bundle.meta, input);
    return compareDrift(reference, input, bundle.predict(table));
  },
};

export type PredictApi = typeof api;
Comlink.expose(api);
