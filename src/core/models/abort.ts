/**
 * Cancellation as a normal outcome: a stopped fit throws an Error named "AbortError" (the name
 * fetch and DOM APIs use), so callers tell "stopped by the user" apart from a failure.
 */
export function abortError(): Error {
  const error = new Error('Training was stopped.');
  error.name = 'AbortError';
  return error;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Lets queued messages run (a worker only sees an abort request between tasks), so "Stop"
 * takes effect within one epoch even though training itself is synchronous tensor work.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Whether an iterative fit should stop growing its model now (see FitContext.deadline). */
export function pastDeadline(deadline: number | undefined): boolean {
  return deadline !== undefined && Date.now() > deadline;
}
