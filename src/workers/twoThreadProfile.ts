/**
 * The data worker's column profile: on two threads (core/profile/profileWithHelper, the helper a
 * worker nested in this one) when the table is big and the machine has a second core; else
 * profileTable on this thread. A helper that cannot start or fails costs only time: the profile is
 * then computed here alone. The result is the same either way.
 */
import * as Comlink from 'comlink';
import type { Table } from '../core/data/table';
import { profilePlan, profileTable, type TableProfile } from '../core/profile/profileTable';
import { helperColumns, helperPays, profileWithHelper, type ProfileHelper } from '../core/profile/profileWithHelper';
import { sharedColumns } from '../core/profile/sharedColumns';
import type { ProfileHelperApi } from './profileHelper.worker';

interface StartedHelper {
  worker: Worker;
  helper: ProfileHelper;
  /** Resolves once the worker answers (its script loaded). */
  ready: Promise<unknown>;
  /**
   * The helper's columns (`source`) already copied into shared memory (`copy`), made while the page
   * paints the new table.
   */
  prepared: { source: Table; copy: Table } | null;
}

/** A helper started ahead of the profile it will serve. */
let spare: StartedHelper | null = null;

function helpUseful(table: Table): boolean {
  return helperPays(table) && typeof Worker === 'function' && (navigator.hardwareConcurrency ?? 1) >= 2;
}

function startHelper(): StartedHelper {
  const worker = new Worker(new URL('./profileHelper.worker.ts', import.meta.url), { type: 'module', name: 'profile-helper' });
  // A worker that fails to load, or throws outside a call, never answers: each call races this.
  const failed = new Promise<never>((_, reject) => {
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || 'the profile helper stopped'));
    };
  });
  failed.catch(() => undefined);
  const remote = Comlink.wrap<ProfileHelperApi>(worker);
  const sharedMemory = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
  const started: StartedHelper = {
    worker,
    ready: Promise.race([remote.ready(), failed]),
    prepared: null,
    helper: {
      sharedMemory,
      profileColumns: (part, rank, sharedRanks) =>
        Promise.race([remote.profileColumns(sharedMemory ? preparedOr(started.prepared, part) : part, rank, sharedRanks), failed]),
      spearmanPairs: (columns, pairs) => Promise.race([remote.spearmanPairs(columns, pairs), failed]),
      spearmanPairsShared: (columns, pairs, counter, results) => Promise.race([remote.spearmanPairsShared(columns, pairs, counter, results), failed]),
    },
  };
  return started;
}

/** The shared copy made ahead of time when it is a copy of exactly these columns; else a new one. */
function preparedOr(prepared: StartedHelper['prepared'], part: Table): Table {
  const source = prepared?.source;
  const same = source && source.rowCount === part.rowCount && source.columns.length === part.columns.length && part.columns.every((c, j) => source.columns[j] === c);
  return same ? prepared!.copy : sharedColumns(part);
}

/**
 * Starts the helper for a table that will be profiled. A nested worker starts only while its
 * parent is idle: started by the profile itself, it would wait for this thread's half of the work.
 */
export function prepareProfileHelper(table: Table): void {
  if (spare || !helpUseful(table)) return;
  const started = startHelper();
  spare = started;
  if (!started.helper.sharedMemory) return;
  // Copying the helper's columns into shared memory takes about 0.1 s at a million rows: done once
  // the helper has started (a nested worker starts only while this thread is idle), it happens
  // while the page paints the new table instead of after the profile is asked for.
  // (A profile asked for meanwhile awaits the same `ready` after this, so it finds the copy made.)
  void started.ready.then(
    () => {
      const source = { rowCount: table.rowCount, columns: helperColumns(profilePlan(table).correlated).map((j) => table.columns[j]) };
      started.prepared = { source, copy: sharedColumns(source) };
    },
    () => undefined,
  );
}

export async function twoThreadProfile(table: Table): Promise<TableProfile> {
  if (!helpUseful(table)) return profileTable(table);
  const started = spare ?? startHelper();
  spare = null;
  try {
    await started.ready;
    return await profileWithHelper(table, started.helper);
  } catch (error) {
    console.warn('The profile helper failed; profiling on one thread instead:', error);
    return profileTable(table);
  } finally {
    // Ended after each profile, so the copies it was sent do not stay in memory.
    started.worker.terminate();
  }
}
