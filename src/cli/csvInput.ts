/** Reads a CSV file into a Table with the studio's reader, reporting its warnings on stderr. */
import { basename } from 'node:path';
import { readCsv } from '../core/data/readCsv';
import type { Table } from '../core/data/table';
import type { CliIO } from './cliIO';
import { readInputFile } from './files';

const MAX_WARNINGS = 5;

export function readCsvFile(path: string, io: CliIO, what = 'data file'): Table {
  const bytes = readInputFile(path, what);
  const { table, issues } = readCsv(bytes, { fileName: basename(path) });
  const warnings = issues.filter((i) => i.severity === 'warning');
  for (const w of warnings.slice(0, MAX_WARNINGS)) io.stderr(`Warning: ${w.message}\n`);
  if (warnings.length > MAX_WARNINGS) {
    io.stderr(`Warning: ${warnings.length - MAX_WARNINGS} more warnings about "${basename(path)}" not shown.\n`);
  }
  return table;
}
