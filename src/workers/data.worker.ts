/**
 * Holds the loaded dataset for the page. The store only ever sees summaries and the
 * few rows on screen; the full columns stay here.
 */
import * as Comlink from 'comlink';
import { cellText, tableBuffers, takeRows, type ColumnType, type Table } from '../core/data/table';
import { readCsv, type ReadOptions } from '../core/data/readCsv';
import { ImportError, type ImportIssue } from '../core/data/importIssue';
import { summarizeColumns, type ColumnSummary } from '../core/data/summarizeColumns';
import { profileTable } from '../core/profile/profileTable';
import { validateTrainingSetup } from '../core/models/trainAndEvaluate';
import { chooseTask, type SupervisedTask } from '../core/prep/chooseTask';

interface Dataset {
  table: Table;
  /** The original file, kept so a type override can re-read it exactly. */
  file: Blob;
  options: Omit<ReadOptions, 'onProgress'>;
}

let current: Dataset | null = null;

function requireDataset(): Dataset {
  if (!current) throw new Error('No dataset is loaded.');
  return current;
}

const api = {
  setDataset(table: Table, file: Blob, options: Omit<ReadOptions, 'onProgress'>): ColumnSummary[] {
    current = { table, file, options };
    return summarizeColumns(table);
  },

  /** Display text for rows [start, start + count), row-major. */
  rows(start: number, count: number): string[][] {
    const { table } = requireDataset();
    const end = Math.min(table.rowCount, start + count);
    const out: string[][] = [];
    for (let r = Math.max(0, start); r < end; r++) out.push(table.columns.map((c) => cellText(c, r)));
    return out;
  },

  profile() {
    return profileTable(requireDataset().table);
  },

  /** Re-reads the kept bytes with the user's type choice; the old table stays if that fails. */
  async setColumnType(index: number, type: ColumnType): Promise<{ ok: true; columns: ColumnSummary[]; issues: ImportIssue[] } | { ok: false; issue: ImportIssue }> {
    const dataset = requireDataset();
    const others = (dataset.options.typeOverrides ?? []).filter((o) => o.column !== index);
    const options = { ...dataset.options, typeOverrides: [...others, { column: index, type }] };
    try {
      const result = readCsv(new Uint8Array(await dataset.file.arrayBuffer()), options);
      current = { table: result.table, file: dataset.file, options };
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

  validate(target: string, task: 'classification' | 'regression'): string[] {
    return validateTrainingSetup(requireDataset().table, target, task);
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
