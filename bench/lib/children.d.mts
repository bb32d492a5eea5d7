/** Types of children.mjs, for the TypeScript benchmarks (bench/*.bench.ts). */
export const REPO_ROOT: string;
/** BENCH_PYTHON, or /usr/bin/python3. */
export const PYTHON: string;

/** The JSON object a child printed last, or `{ error }` with its last words; never throws. */
export function runJsonChild(command: string, args: readonly string[], options?: { timeoutMs?: number; env?: Record<string, string> }): Record<string, unknown>;
export function lastLine(text: string | null | undefined): string | undefined;
export function median(values: readonly number[]): number;
export function warmPageCache(path: string): Promise<void>;
