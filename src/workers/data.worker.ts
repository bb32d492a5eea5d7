/**
 * Holds the loaded dataset for the page. The store only ever sees summaries and the
 * few rows on screen; the full columns stay here.
 */
import * as Comlink from 'comlink';
import { cellText, tableBuffers, takeRows, type ColumnType, type Table } from '../core/data/table';
import { readCsv, type ReadOptions } from '../core/data/readCsv';
import { ImportError, type ImportIssue } from '../core/data/importIssue';
import { summarizeColumns, type ColumnSummary } from '../core/data/summarizeColumns';
import { validateTrainingSetup } from '../core/models/trainAndEvaluate';
import { chooseTask, type SupervisedTask } from '../core/prep/chooseTask';
import { filterRows, type RowFilter } from '../core/explore/filterRows';
import { dataWarnings, type DataWarning } from '../core/explore/dataWarnings';
import { targetRelations, type TargetRelations } from '../core/explore/targetRelations';
import { classBalance, type ClassBalance } from '../core/explore/classBalance';
import { scatterSample, type ScatterSample } from '../core/explore/scatterSample';
import { profileReportHtml } from '../core/explore/profileReport';
import type { TableProfile } from '../core/profile/profileTable';
import type { PrepareStep } from '../core/prep/prepareSteps';
import { checkPrepareSteps, previewPrepareStep } from '../core/prep/previewPrepareStep';
import { suggestPrepareSteps } from '../core/prep/suggestPrepareSteps';
import { prepareProfileHelper, twoThreadProfile } from './twoThreadProfile';

export interface ExploreData {
  warnings: DataWarning[];
  relations: TargetRelations | null;
  balance: ClassBalance | null;
  /** Why relations to the target could not be drawn (e.g. a text regression target). */
  relationsError: string | null;
}

/** Points in a scatter chart: each is an SVG node, and thousands of them block the page while it paints. */
const SCATTER_POINTS = 500;

/**
 * The profile of the current table, computed once per table (on two threads where that pays) and
 * reused by warnings and reports; a promise, so a call that needs it while it is computed waits for it.
 */
let profileCache: Promise<TableProfile> | null = null;

function currentProfile(): Promise<TableProfile> {
  if (!profileCache) {
    const pending = twoThreadProfile(requireDataset().table);
    profileCache = pending;
    // A failure is not kept: the next call tries again.
    pending.catch(() => {
      if (profileCache === pending) profileCache = null;
    });
  }
  return profileCache;
}

interface Dataset {
  table: Table;
  /** The original file, kept so a type override can re-read it exactly. */
  file: Blob;
  options: Omit<ReadOptions, 'onProgress'>;
}

let current: Dataset | null = null;
/** Row indices shown in the grid when a chart click filters the table; null shows all rows. */
let view: Int32Array | null = null;

function requireDataset(): Dataset {
  if (!current) throw new Error('No dataset is loaded.');
  return current;
}

const api = {
  setDataset(table: Table, file: Blob, options: Omit<ReadOptions, 'onProgress'>): ColumnSummary[] {
    current = { table, file, options };
    view = null;
    profileCache = null;
    prepareProfileHelper(table);
    return summarizeColumns(table);
  },

  /** Display text for rows [start, start + count), row-major. */
  rows(start: number, count: number): string[][] {
    const { table } = requireDataset();
    const total = view ? view.length : table.rowCount;
    const end = Math.min(total, start + count);
    const out: string[][] = [];
    for (let i = Math.max(0, start); i < end; i++) {
      const r = view ? view[i] : i;
      out.push(table.columns.map((c) => cellText(c, r)));
    }
    return out;
  },

  /** Shows only the rows matching `filter` in the grid (null: all rows); returns how many match. */
  setFilter(filter: RowFilter | null): number {
    const { table } = requireDataset();
    view = filter ? filterRows(table, filter) : null;
    return view ? view.length : table.rowCount;
  },

  /** Shows only the given rows in the grid (e.g. one confusion-matrix cell's); returns how many. */
  showRows(rows: number[]): number {
    const { table } = requireDataset();
    view = Int32Array.from(rows.filter((r) => Number.isInteger(r) && r >= 0 && r < table.rowCount));
    return view.length;
  },

  /** Everything the Explore view shows beyond the column profile: warnings, target relations, balance. */
  async explore(target: string | null, task: 'classification' | 'regression' | 'clustering'): Promise<ExploreData> {
    const { table } = requireDataset();
    const warnings = dataWarnings(await currentProfile(), table, target);
    let relations: TargetRelations | null = null;
    let balance: ClassBalance | null = null;
    let relationsError: string | null = null;
    if (target) {
      try {
        // Clustering has no target to relate to; a chosen column is shown against the others as a class.
        relations = targetRelations(table, target, task === 'clustering' ? 'classification' : task, { maxPoints: SCATTER_POINTS });
      } catch (error) {
        relationsError = error instanceof Error ? error.message : String(error);
      }
      if (task === 'classification') balance = classBalance(table, target);
    }
    return { warnings, relations, balance, relationsError };
  },

  /** 500 points per panel: enough to see a relationship; SVG with more blocks the page while it paints. */
  scatter(columns: string[]): ScatterSample {
    return scatterSample(requireDataset().table, columns, SCATTER_POINTS);
  },

  async reportHtml(title: string, generatedAt: string, target: string | null): Promise<string> {
    const { table } = requireDataset();
    const profile = await currentProfile();
    return profileReportHtml(profile, dataWarnings(profile, table, target), { title, generatedAt });
  },

  profile(): Promise<TableProfile> {
    return currentProfile();
  },

  /** Re-reads the kept bytes with the user's type choice; the old table stays if that fails. */
  async setColumnType(index: number, type: ColumnType): Promise<{ ok: true; columns: ColumnSummary[]; issues: ImportIssue[] } | { ok: false; issue: ImportIssue }> {
    const dataset = requireDataset();
    const others = (dataset.options.typeOverrides ?? []).filter((o) => o.column !== index);
    const options = { ...dataset.options, typeOverrides: [...others, { column: index, type }] };
    try {
      const result = readCsv(new Uint8Array(await dataset.file.arrayBuffer()), options);
      current = { table: result.table, file: dataset.file, options };
      view = null;
      profileCache = null;
      return { ok: true, columns: summarizeColumns(result.table), issues: result.issues };
    } catch (error) {
      if (error instanceof ImportError) return { ok: false, issue: error.issue };
      throw error;
    }
  },

  /** The task the CLI's `--task auto` would pick for this target, so both hosts agree. */
  proposeTask(target: string): SupervisedTask {
    const column = requireDataset().table.columns.find((c) => c.name === target);
    return column ? chooseTask(column) : 'classification';
  },

  validate(target: string, task: 'classification' | 'regression' | 'clustering'): string[] {
    const table = requireDataset().table;
    if (task === 'clustering') return table.rowCount < 3 ? [`Clustering needs at least 3 rows; the table has ${table.rowCount}.`] : [];
    return validateTrainingSetup(table, target, task);
  },

  /** The SHA-256 of the file's bytes: a dataset version's identity, whatever its file name. */
  async fileHash(): Promise<string> {
    const bytes = await requireDataset().file.arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  },

  /** The first recipe step that cannot work on this table (null: all can), for refusing a change. */
  checkPrepare(steps: PrepareStep[], target: string | null) {
    return checkPrepareSteps(steps, requireDataset().table, target);
  },

  /** The default preparation as editable steps. */
  suggestPrepare(target: string | null): PrepareStep[] {
    return suggestPrepareSteps(requireDataset().table, target);
  },

  /** Before and after of one recipe step, fitted on a sample of the rows. */
  previewPrepare(steps: PrepareStep[], stepId: string, target: string | null) {
    return previewPrepareStep(steps, stepId, requireDataset().table, target);
  },

  /** The original file (a Blob goes by reference). */
  file(): Blob {
    return requireDataset().file;
  },

  /** A copy of the table for the training worker, handed over by transfer. */
  tableForTraining(): Table {
    const { table } = requireDataset();
    const all = new Int32Array(table.rowCount);
    for (let i = 0; i < all.length; i++) all[i] = i;
    const copy = takeRows(table, all);
    return Comlink.transfer(copy, tableBuffers(copy));
  },
};

export type DataApi = typeof api;
Comlink.expose(api);
