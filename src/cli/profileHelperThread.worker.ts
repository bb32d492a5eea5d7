/**
 * The CLI's profile helper thread: answers the calls of core/profile/profileWithHelper's
 * ProfileHelper, sent by cli/profileInParallel.ts as { id, method, args }, with { id, result } or
 * { id, error }. Columns and ranks arrive and go back in SharedArrayBuffers, so nothing large is copied.
 */
import { parentPort } from 'node:worker_threads';
import { profileHelperJobs } from '../core/profile/profileWithHelper';

const methods: Record<string, (...args: never[]) => unknown> = { ready: () => true, ...profileHelperJobs };

const port = parentPort;
if (!port) throw new Error('profileHelperThread.worker.ts runs as a worker thread');
port.on('message', ({ id, method, args }: { id: number; method: string; args: never[] }) => {
  try {
    port.postMessage({ id, result: methods[method](...args) });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
