/**
 * Cancellation for the explanation methods, which run many predictions: they check the signal
 * between batches and let queued messages (a "Stop" request) through, like training does.
 */
import { yieldToEventLoop } from '../models/abort';

const YIELD_MS = 25;

export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const error = new Error('The explanation was stopped.');
  // The name the rest of the engine uses, so callers treat it as a normal outcome.
  error.name = 'AbortError';
  throw error;
}

/** Checks the signal and, every few milliseconds, yields to the event loop. */
export function createStopCheck(signal: AbortSignal | undefined): () => Promise<void> {
  let last = performance.now();
  return async () => {
    throwIfStopped(signal);
    if (performance.now() - last < YIELD_MS) return;
    await yieldToEventLoop();
    last = performance.now();
    throwIfStopped(signal);
  };
}
