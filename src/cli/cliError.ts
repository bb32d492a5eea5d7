/**
 * The CLI's error contract: one sentence on stderr and an exit status, 2 for bad input
 * (a missing file, a bad CSV, an unknown column or option) and 1 for an internal failure.
 */
import { BundleError } from '../core/bundle/bundleTypes';
import { ImportError } from '../core/data/importIssue';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** A problem with what the user asked for; the message is shown as is. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = EXIT_BAD_INPUT) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** The sentence and exit status for anything a command throws. */
export function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof ImportError) return { message: error.issue.message, exitCode: EXIT_BAD_INPUT };
  if (error instanceof BundleError) return { message: sentence(error.message), exitCode: EXIT_BAD_INPUT };
  const detail = error instanceof Error ? error.message : String(error);
  return { message: `Internal error: ${sentence(detail)}`, exitCode: EXIT_INTERNAL };
}

/** `text` on one line, ending with a full stop. */
export function sentence(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim() || 'unknown failure';
  return /[.!?]$/.test(line) ? line : line + '.';
}
