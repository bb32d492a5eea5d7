/**
 * Batch prediction for files of any size: the CSV is read chunk by chunk (csvChunkStream), each
 * chunk is parsed with the same delimiter and column types, conformed to the model's inputs,
 * predicted and appended to a temporary file beside --out, which is renamed into place only at
 * the end. Memory stays bounded by the chunk size, and a failure leaves nothing in --out.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { LoadedBundle } from '../core/bundle/bundleTypes';
import { ConformTally, findUnfillableCell, missingPolicy, type ColumnNote } from '../core/bundle/conformTable';
import { escapeFormula } from '../core/data/escapeFormula';
import { ImportError, type ImportIssue } from '../core/data/importIssue';
import { readCsv } from '../core/data/readCsv';
import { isCoded, type ColumnType } from '../core/data/table';
import { ensureTfBackend } from '../core/models/tfBackend';
import { CliError } from './cliError';
import type { CliIO } from './cliIO';
import { openChunkedCsv, type CsvChunk } from './csvChunkStream';
import { csvField, numberField } from './csvOutput';

export interface StreamOptions {
  /** About how many bytes of the input are parsed at a time (default 8 MiB); tests use tiny ones. */
  chunkBytes?: number;
}

export interface StreamResult {
  rows: number;
  /** What was done about columns that did not fit the model, over the whole file. */
  notes: ColumnNote[];
}

const MAX_WARNINGS = 5;

export async function streamPredictions(bundle: LoadedBundle, dataPath: string, outPath: string, io: CliIO, options: StreamOptions = {}): Promise<StreamResult> {
  const { meta } = bundle;
  const fileName = basename(dataPath);
  checkInputFile(dataPath);
  const out = resolve(outPath);
  if (existsSync(out) && statSync(out).isDirectory()) throw new CliError(`The output "${outPath}" is a folder; give a file name.`);

  const csv = openChunkedCsv(dataPath, fileName, options.chunkBytes);
  const tmp = join(dirname(out), `.${basename(out)}.partial-${process.pid}-${Date.now().toString(36)}`);
  let fd = -1;
  try {
    const read = { fileName, delimiter: csv.delimiter, hasHeader: true, encoding: csv.encoding };
    const headerOnly = readCsv(csv.header, read).table;
    const names = headerOnly.columns.map((c) => c.name);
    const typeOverrides = inputColumnTypes(bundle, names, fileName);
    const warnings = new WarningPrinter(io, fileName);
    const tally = new ConformTally(meta);
    await ensureTfBackend();

    mkdirSync(dirname(out), { recursive: true });
    fd = openSync(tmp, 'wx');
    const classes = meta.classes && bundle.model.predictProba ? meta.classes : [];
    const header = ['prediction', ...classes.map((name) => `proba_${name}`)];
    writeSync(fd, header.map((h) => csvField(escapeFormula(h))).join(',') + '\n');
    let rows = 0;
    let chunks = 0;
    for (const chunk of csv.chunks()) {
      chunks++;
      const parsed = readChunk(chunk, { ...read, typeOverrides }, rows);
      warnings.add(parsed.issues.filter((i) => i.severity === 'warning').map((i) => relocate(i.message, chunk, rows)));
      const before = rows;
      const table = tally.conform(parsed.table, (r) => `row ${before + r + 1}`);
      const unfillable = findUnfillableCell(meta, table);
      if (unfillable) {
        throw new CliError(
          `Row ${before + unfillable.row + 1} of "${fileName}" has no usable value in column "${unfillable.column}", which the model cannot fill in (its recipe does not impute it); give it a value and try again.`,
        );
      }
      if (table.rowCount > 0) writeSync(fd, predictionLines(bundle, table, classes.length));
      rows += table.rowCount;
    }
    // A file without data rows still gets its notes about columns.
    if (chunks === 0) tally.conform(headerOnly);
    closeSync(fd);
    fd = -1;
    renameSync(tmp, out);
    warnings.finish();
    const notes = tally.notes();
    for (const note of notes) io.stderr(`Warning: ${note.message}\n`);
    return { rows, notes };
  } finally {
    csv.close();
    if (fd >= 0) closeSync(fd);
    rmSync(tmp, { force: true });
  }
}

/**
 * The reader's column types for the model's inputs, by position in the header. Inputs are read
 * as text and converted by conformTable, so every chunk gets the same types whatever its values
 * look like, and cells that are not numbers are counted over the whole file in one note.
 */
function inputColumnTypes(bundle: LoadedBundle, names: string[], fileName: string): Array<{ column: number; type: ColumnType }> {
  const { meta } = bundle;
  const present = meta.inputSchema.filter((f) => names.includes(f.name));
  if (present.length === 0 && meta.inputSchema.length > 0) {
    const all = meta.inputSchema.map((f) => `"${f.name}"`);
    const list = all.slice(0, 10).join(', ') + (all.length > 10 ? ` and ${all.length - 10} more` : '');
    throw new CliError(
      `"${fileName}" lacks ${all.length === 1 ? 'the column' : 'the columns'} ${list} that the model needs as input (it has none of them), so nothing can be predicted; check that it is the right file and that its first line is the header.`,
    );
  }
  const needed = meta.inputSchema.find((f) => !names.includes(f.name) && missingPolicy(meta, f.name) === 'fails');
  if (needed) throw new CliError(`"${fileName}" lacks the column "${needed.name}", which the model needs and cannot fill in; add that column and try again.`);
  return present.map((f) => ({ column: names.indexOf(f.name), type: isCoded(f.type) ? f.type : 'categorical' }));
}

/** Parses one chunk; a reader error is re-told with the file's line and record numbers instead of the chunk's. */
function readChunk(chunk: CsvChunk, options: Parameters<typeof readCsv>[1], rowsBefore: number) {
  try {
    return readCsv(chunk.bytes, options);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    const issue: ImportIssue = { ...error.issue, message: relocate(error.issue.message, chunk, rowsBefore) };
    if (issue.line !== undefined) issue.line = chunk.fileLine(issue.line);
    if (issue.record !== undefined) issue.record += rowsBefore;
    throw new ImportError(issue);
  }
}

/** A reader message about a chunk, with its line, record and byte numbers turned into the whole file's. */
export function relocate(message: string, chunk: CsvChunk, rowsBefore: number): string {
  return message
    .replace(/\b([Ll]ine) (\d+)/g, (_, word: string, n: string) => `${word} ${chunk.fileLine(Number(n))}`)
    .replace(/\brecord (\d+)/g, (_, n: string) => `record ${Number(n) + rowsBefore}`)
    .replace(/\boffset (\d+)/g, (_, n: string) => `offset ${Number(n) - chunk.headerBytes + chunk.firstByte}`);
}

/** The CSV lines for one chunk's predictions: the class (or value), then each class's probability. */
function predictionLines(bundle: LoadedBundle, table: Parameters<LoadedBundle['predict']>[0], k: number): string {
  const result = bundle.predict(table);
  const parts: string[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const p = result.prediction[r];
    // Numbers stay numbers (a negative value is not a formula); class names are text and escaped.
    const fields = [typeof p === 'number' ? numberField(p) : csvField(escapeFormula(p))];
    for (let c = 0; c < k; c++) fields.push(numberField(result.proba![r * k + c]));
    parts.push(fields.join(',') + '\n');
  }
  return parts.join('');
}

function checkInputFile(path: string): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new CliError(`The data file "${path}" does not exist.`);
  }
  if (!stat.isFile()) throw new CliError(`The data file "${path}" is not a file.`);
}

/** The reader's warnings over all chunks: each kind once, at most five, and a count of the rest. */
class WarningPrinter {
  private readonly seen = new Set<string>();
  private hidden = 0;
  constructor(
    private readonly io: CliIO,
    private readonly fileName: string,
  ) {}

  add(messages: string[]): void {
    for (const message of messages) {
      // Chunks repeat the same warning with other numbers; its wording without them is its kind.
      const kind = message.replace(/\d+/g, '#');
      if (this.seen.has(kind) || this.seen.size >= MAX_WARNINGS) {
        this.hidden++;
        continue;
      }
      this.seen.add(kind);
      this.io.stderr(`Warning: ${message}\n`);
    }
  }

  finish(): void {
    if (this.hidden > 0) this.io.stderr(`Warning: ${this.hidden} more warnings about "${this.fileName}" not shown.\n`);
  }
}
