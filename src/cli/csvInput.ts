/** Reads a CSV file into a Table with the studio's reader, reporting its warnings on stderr. */
import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { DEFAULT_LIMITS, readCsv, type ReadResult } from '../core/data/readCsv';
import { CsvSampler, readSampledCsv, type SampleInfo, type SampleRequest } from '../core/data/sampleCsv';
import type { Table } from '../core/data/table';
import { integerOption, type ParsedOptions } from './args';
import { CliError } from './cliError';
import type { CliIO } from './cliIO';
import { checkInputFile, fileSizeOrZero, readInputFile } from './files';
import { SAMPLE_SEED } from '../core/data/readMemory';

const MAX_WARNINGS = 5;
/** Bytes read at a time when streaming a file into a sample. */
const CHUNK_BYTES = 4 << 20;

export interface CsvFileRead {
  table: Table;
  /** Set when a random sample of the rows was read (`--sample-rows`). */
  sample?: SampleInfo;
}

export function readCsvFile(path: string, io: CliIO, what = 'data file', sample?: SampleRequest): Table {
  return readCsvFileOrSample(path, io, what, sample).table;
}

/** The whole file, or with `sample` a random sample of its rows streamed from it (the file is never held whole). */
export function readCsvFileOrSample(path: string, io: CliIO, what = 'data file', sample?: SampleRequest): CsvFileRead {
  const fileName = basename(path);
  const bytes = sample === undefined ? fileSizeOrZero(path) : 0;
  if (bytes > DEFAULT_LIMITS.maxBytes) {
    throw new CliError(
      `The ${what} "${path}" is ${(bytes / 1e9).toFixed(1)} GB; the CLI reads files up to ${DEFAULT_LIMITS.maxBytes / 1e9} GB whole. ` +
        'Add --sample-rows N to read a random sample of N rows, streamed from the file.',
    );
  }
  const result: ReadResult & { sample?: SampleInfo } = sample === undefined ? readCsv(readInputFile(path, what), { fileName }) : sampleFile(path, what, sample);
  const warnings = result.issues.filter((i) => i.severity === 'warning');
  const note = result.issues.find((i) => i.code === 'sample');
  if (note) io.stderr(`Note: ${note.message}\n`);
  for (const w of warnings.slice(0, MAX_WARNINGS)) io.stderr(`Warning: ${w.message}\n`);
  if (warnings.length > MAX_WARNINGS) {
    io.stderr(`Warning: ${warnings.length - MAX_WARNINGS} more warnings about "${fileName}" not shown.\n`);
  }
  return { table: result.table, sample: result.sample };
}

/** `--sample-rows N`, seeded by `seed` (a command's own seed) or else `--seed` (default SAMPLE_SEED); undefined to read the whole file. */
export function sampleOption(options: ParsedOptions, seed?: number): SampleRequest | undefined {
  if (!options.has('sample-rows')) return undefined;
  return {
    rows: integerOption(options, 'sample-rows', 0, 1, DEFAULT_LIMITS.maxRows),
    seed: seed ?? integerOption(options, 'seed', SAMPLE_SEED, 0, 2 ** 31 - 1),
  };
}

function sampleFile(path: string, what: string, request: SampleRequest) {
  checkInputFile(path, what);
  const options = { fileName: basename(path) };
  const sampler = new CsvSampler(options, request);
  const buffer = new Uint8Array(CHUNK_BYTES);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new CliError(`The ${what} "${path}" cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      sampler.push(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return readSampledCsv(sampler.finish(), request, options);
}
