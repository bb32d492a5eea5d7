/** Types of generateDataset.mjs, for the TypeScript benchmarks (bench/*.bench.ts). */
export const GENERATOR_VERSION: number;
export const DATA_DIR: string;
/** The file's columns; the last, `label`, is the target. */
export const HEADER: readonly string[];

export interface Dataset {
  path: string;
  bytes: number;
  rows: number;
  seed: number;
  columns: number;
  sha256: string;
  cached: boolean;
  ms: number;
}

export function datasetPath(rows: number, seed?: number): string;
export function ensureDataset(options?: { rows?: number; seed?: number; force?: boolean; log?: (message: string) => void }): Promise<Dataset>;
