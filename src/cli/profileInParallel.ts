/**
 * The CLI's column profile on two threads, as the studio's data worker computes it: this thread and
 * a worker_threads helper (core/profile/profileWithHelper), for tables big enough to pay for it on a
 * machine with a second core; profileTable otherwise, or when the helper fails. The profile is the
 * same either way, bit for bit.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Table } from '../core/data/table';
import { profileTable, type TableProfile } from '../core/profile/profileTable';
import { helperPays, profileWithHelper, type ProfileHelper } from '../core/profile/profileWithHelper';
import { sharedColumns } from '../core/profile/sharedColumns';

/** Files smaller than this are profiled on one thread without starting a helper (about 100,000 rows). */
export const HELPER_MIN_FILE_BYTES = 4_000_000;

/**
 * The CLI runs as TypeScript through tsx, whose loader a worker thread does not inherit, so the
 * thread registers it before importing its entry (as cli/kernelThreads.ts does).
 */
const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./profileHelperThread.worker.ts', import.meta.url).href)}); })`;

export interface ProfileHelperThread {
  helper: ProfileHelper;
  /** Resolves once the thread answers; rejects if it cannot start. */
  ready: Promise<unknown>;
  close(): void;
}

/**
 * Starts the helper thread (before the file is read, so that it boots meanwhile), or null on a
 * machine with one core.
 */
export function startProfileHelperThread(): ProfileHelperThread | null {
  if (availableParallelism() < 2) return null;
  const worker = new Worker(bootstrap, { eval: true });
  worker.unref();
  const failed = new Promise<never>((_, reject) => {
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the profile helper thread exited (${code})`)));
  });
  failed.catch(() => undefined);
  // Each call is a message { id, method, args }; the thread answers { id, result } or { id, error }.
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
    const call = pending.get(id);
    pending.delete(id);
    if (error !== undefined) call?.reject(new Error(error));
    else call?.resolve(result);
  });
  const call = <T>(method: string, ...args: unknown[]): Promise<T> => {
    const id = nextId++;
    const answer = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    worker.postMessage({ id, method, args });
    const settled = Promise.race([answer, failed]);
    // Closing the thread rejects the calls still pending, `ready` among them when a small table
    // never awaited it: whoever awaits a call still sees its rejection, but none goes unhandled.
    settled.catch(() => undefined);
    return settled;
  };
  return {
    ready: call('ready'),
    helper: {
      sharedMemory: true,
      profileColumns: (part, rank, sharedRanks) => call('profileColumns', sharedColumns(part), rank, sharedRanks),
      spearmanPairs: (columns, pairs) => call('spearmanPairs', columns, pairs),
      spearmanPairsShared: (columns, pairs, counter, results) => call('spearmanPairsShared', columns, pairs, counter, results),
    },
    close: () => void worker.terminate(),
  };
}

/** The profile of `table`, with `thread`'s help where it pays; the thread is closed either way. */
export async function profileInParallel(table: Table, thread: ProfileHelperThread | null): Promise<TableProfile> {
  try {
    if (!thread || !helperPays(table)) return profileTable(table);
    try {
      await thread.ready;
      return await profileWithHelper(table, thread.helper);
    } catch (error) {
      process.emitWarning(`The profile helper thread failed (${error instanceof Error ? error.message : String(error)}); profiling on one thread instead.`);
      return profileTable(table);
    }
  } finally {
    thread?.close();
  }
}
