/**
 * Guards the streaming path (sampleCsv). With room for every row, a file streamed in chunks of any
 * size must give readCsv's table over the whole file, its issues and line numbers included. With
 * less room, the sample must be rows of the file in file order, named by the file's own lines,
 * the same for the same seed, and uniform over the file.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { ImportError, type ImportIssue } from './importIssue';
import { readCsv, type ReadOptions, type ReadResult } from './readCsv';
import { asciiTableReads, attempt, fixtureReads, fuzzReads, numberTableReads, read, type Outcome, type Read } from './readerEquivalence.testkit';
import { CsvSampler, readSampledCsv, type SampleRequest } from './sampleCsv';

/** The file fed to a sampler in chunks of seeded sizes (1 byte up to `maxChunk`), then read. */
function sampled(bytes: Uint8Array, options: ReadOptions, request: SampleRequest, chunkSeed: number, maxChunk: number) {
  const sampler = new CsvSampler(options, request);
  const rand = createRng(chunkSeed);
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + rand.int(maxChunk);
    sampler.push(bytes.slice(at, at + size));
    at += size;
  }
  return readSampledCsv(sampler.finish(), request, options);
}

const ALL: SampleRequest = { rows: 1_000_000, seed: 7 };

/** Issues in a comparable form: the sample's own note left out, and no byte offset (a sample's offsets are not the file's). */
const sortedIssues = (issues: ImportIssue[]) =>
  issues
    .filter((i) => i.code !== 'sample')
    .map((i) => JSON.stringify({ ...i, message: i.message.replace(/is at offset \d+, line/, 'is on line') }))
    .sort();
const bits = (values: Float64Array | undefined) => (values ? Array.from(new BigUint64Array(values.buffer, values.byteOffset, values.length)) : undefined);
const plain = (result: ReadResult) => result.table.columns.map((c) => ({ ...c, values: bits(c.values), missing: Array.from(c.missing), codes: c.codes && Array.from(c.codes) }));

/**
 * The streamed read against the whole read: the same table, issues (in any order: the sampler
 * reports blank lines and dropped rows before the rows are read) and header line; or, where the
 * whole read fails, a failure with the same code, naming the same line.
 */
function expectSameAsWhole(streamed: Outcome, whole: Outcome, where: string, dropping: boolean, bytes: Uint8Array): void {
  const refused = 'error' in streamed && streamed.error instanceof ImportError ? streamed.error.issue.code : null;
  // A sample is read only from UTF-8 or single-byte text, since it scans the bytes for line breaks.
  if (refused === 'sample-encoding') return expect('result' in whole ? whole.result.dialect.encoding : 'utf-16 (refused whole too)', where).toMatch(/^utf-16/);
  const wholeCode = 'error' in whole && whole.error instanceof ImportError ? whole.error.issue.code : null;
  // The caps on rows and cells apply to what is held, and a streamed read never holds the rows it
  // drops; a file over them may fail for another reason first, or not at all.
  if (wholeCode === 'too-many-cells' || wholeCode === 'too-many-rows') return;
  // A file over the size cap is what streaming is for: the cap applies to the sample.
  if (wholeCode === 'file-too-large') return;
  if ('error' in whole) {
    expect('error' in streamed, `${where}: only the whole read failed`).toBe(true);
    if ('error' in streamed) {
      const a = streamed.error instanceof ImportError ? streamed.error.issue : streamed.error;
      const b = whole.error instanceof ImportError ? whole.error.issue : whole.error;
      expect(a instanceof Error ? a.message : { code: (a as ImportIssue).code, line: (a as ImportIssue).line }, where).toEqual(
        b instanceof Error ? b.message : { code: (b as ImportIssue).code, line: (b as ImportIssue).line },
      );
    }
    return;
  }
  if ('error' in streamed) throw new Error(`${where}: only the streamed read failed: ${String((streamed.error as Error).message)}`);
  const a = streamed.result;
  const b = whole.result;
  expect(a.table.rowCount, where).toBe(b.table.rowCount);
  expect(plain(a), where).toEqual(plain(b));
  if (dropping) {
    // Rows dropped for their field count never reach the sample, nor do the issues met in them:
    // the sample's issues about lines are the whole read's, less those.
    const wholeIssues = new Set(sortedIssues(b.issues));
    // Stray quotes are listed up to a cap, so dropping rows changes which are listed.
    const listed = (i: ImportIssue) => i.line !== undefined && i.code !== 'stray-quote' && i.code !== 'text-after-quote';
    for (const issue of sortedIssues(a.issues.filter(listed))) expect([...wholeIssues], where).toContain(issue);
    expect(a.issues.find((i) => i.code === 'ragged-row'), where).toEqual(b.issues.find((i) => i.code === 'ragged-row'));
  } else {
    expect(sortedIssues(a.issues), where).toEqual(sortedIssues(b.issues));
  }
  // Line endings are counted over the sample, which leaves out blank lines; a dropped row may be
  // what made the file windows-1252.
  const blankLines = /^\n|\n\n/.test(new TextDecoder('latin1').decode(bytes).replace(/\r\n?/g, '\n'));
  const dialect = (r: ReadResult) => ({ ...r.dialect, lineEnding: blankLines || dropping ? undefined : r.dialect.lineEnding, encoding: dropping ? undefined : r.dialect.encoding });
  expect(dialect(a), where).toEqual(dialect(b));
  expect(a.headerLine, where).toBe(b.headerLine);
}

function expectStreamedLikeWhole({ bytes, options, where }: Read, k: number): void {
  const whole = read(bytes, options);
  // Chunks of 1-3 bytes split every CRLF, quote pair and line somewhere; larger ones are the usual case.
  const maxChunk = k % 3 === 0 ? 3 : k % 3 === 1 ? 17 : 4096;
  expectSameAsWhole(
    attempt(() => sampled(bytes, options, ALL, k, maxChunk)),
    whole,
    `${where}, chunks up to ${maxChunk} bytes`,
    options.raggedRows === 'drop',
    bytes,
  );
}

describe('streaming a file with room for every row', () => {
  it('gives readCsv\'s table on 2,000 seeded tables of quotes, line breaks, blank lines, ragged rows and caps', () => {
    let k = 0;
    for (const input of asciiTableReads(2000)) expectStreamedLikeWhole(input, k++);
  });

  it('gives readCsv\'s table on 1,000 seeded tables of awkward numbers', () => {
    let k = 0;
    for (const input of numberTableReads(1000)) expectStreamedLikeWhole(input, k++);
  });

  it('gives readCsv\'s table on the fuzz corpus', () => {
    let k = 0;
    for (const input of fuzzReads()) expectStreamedLikeWhole(input, k++);
  });

  it('gives readCsv\'s table on every CSV fixture and example', () => {
    let k = 0;
    for (const input of fixtureReads()) expectStreamedLikeWhole(input, k++);
  });
});

/** A file of `rows` rows whose first column is the row's own number, so a sampled row says where it came from. */
function numberedFile(rows: number, extra = ''): Uint8Array {
  const lines = ['row,value,word'];
  for (let r = 1; r <= rows; r++) lines.push(`${r},${(r * 7) % 13},${r % 3 === 0 ? '"two\nlines"' : 'w' + (r % 5)}${extra}`);
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

describe('a sample of fewer rows than the file', () => {
  it('keeps that many rows of the file, in file order, each named by its own line', () => {
    const bytes = numberedFile(5000);
    const result = sampled(bytes, { fileName: 'n.csv' }, { rows: 300, seed: 1 }, 3, 65536);
    expect(result.sample).toEqual({ rows: 300, fileRows: 5000, fileBytes: bytes.length, seed: 1 });
    const rows = result.table.columns[0].values!;
    for (let i = 1; i < rows.length; i++) expect(rows[i]).toBeGreaterThan(rows[i - 1]);
    // Row r sits on line 1 + r + (rows before it with a two-line value), as the word column shows.
    const words = result.table.columns[2];
    expect(words.type).toBe('categorical');
    expect(result.issues[0]).toMatchObject({ code: 'sample', message: expect.stringContaining('A random sample of 300 of the 5,000 rows of "n.csv" was read (seed 1)') });
  });

  it('names the file\'s line and record in a message about a sampled row', () => {
    // Rows with a text value in a numeric column: the sample's note must name the file's line of the first one kept.
    const lines = ['id,x'];
    for (let r = 1; r <= 4000; r++) lines.push(`${r},${r % 1000 === 0 ? 'oops' : String(r / 10)}`);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const result = sampled(bytes, { fileName: 'x.csv' }, { rows: 3000, seed: 5 }, 9, 1000);
    const ids = result.table.columns[0].values!;
    const x = result.table.columns[1];
    const firstOops = Array.from(ids).findIndex((id) => id % 1000 === 0);
    expect(firstOops).toBeGreaterThanOrEqual(0);
    const issue = result.issues.find((i) => i.column?.name === 'x' && i.line !== undefined);
    expect(issue, JSON.stringify(result.issues)).toBeDefined();
    // The id on line L of this file is L - 1.
    expect(issue!.line).toBe(ids[firstOops] + 1);
    expect(x.missing.length).toBe(result.table.rowCount);
  });

  it('is the same for the same seed, whatever the chunk sizes, and differs for another seed', () => {
    const bytes = numberedFile(3000);
    const ids = (seed: number, chunkSeed: number, maxChunk: number) => Array.from(sampled(bytes, { fileName: 'n.csv' }, { rows: 200, seed }, chunkSeed, maxChunk).table.columns[0].values!);
    const a = ids(42, 1, 5);
    expect(ids(42, 2, 70_000)).toEqual(a);
    expect(ids(43, 1, 5)).not.toEqual(a);
  });

  it('keeps each row about equally often (200 seeds, 2,000 rows, 100 kept)', () => {
    const bytes = numberedFile(2000);
    const kept = new Float64Array(2000);
    const seeds = 200;
    for (let seed = 0; seed < seeds; seed++) {
      for (const id of sampled(bytes, { fileName: 'n.csv' }, { rows: 100, seed }, seed, 50_000).table.columns[0].values!) kept[id - 1]++;
    }
    // Each row is kept with probability 1/20: 10 times in 200 on average. Tenths of the file must each hold about a tenth of the picks.
    const tenths = Array.from({ length: 10 }, (_, t) => kept.subarray(t * 200, (t + 1) * 200).reduce((s, v) => s + v, 0));
    for (const count of tenths) expect(Math.abs(count - 2000)).toBeLessThan(200);
    // And the first and last rows are kept as often as the rest (Algorithm L has no edge bias).
    const firstHundred = kept.subarray(0, 100).reduce((s, v) => s + v, 0);
    const lastHundred = kept.subarray(1900).reduce((s, v) => s + v, 0);
    expect(Math.abs(firstHundred - 1000)).toBeLessThan(150);
    expect(Math.abs(lastHundred - 1000)).toBeLessThan(150);
  });

  it('reports a ragged row anywhere in the file, sampled or not, by its line and record', () => {
    const lines = ['a,b'];
    for (let r = 1; r <= 1000; r++) lines.push(r === 777 ? '1,2,3' : `${r},${r}`);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const outcome = attempt(() => sampled(bytes, { fileName: 'r.csv' }, { rows: 10, seed: 1 }, 1, 100));
    expect('error' in outcome && outcome.error instanceof ImportError && outcome.error.issue).toMatchObject({ code: 'ragged-row', line: 778, record: 777 });
    const dropped = sampled(bytes, { fileName: 'r.csv', raggedRows: 'drop' }, { rows: 10, seed: 1 }, 1, 100);
    expect(dropped.sample.fileRows).toBe(999);
    expect(dropped.issues.find((i) => i.code === 'ragged-row')).toMatchObject({ line: 778, message: expect.stringContaining('1 row of "r.csv"') });
  });

  it('refuses an unclosed quote at the end of the file, naming where it opened', () => {
    const bytes = new TextEncoder().encode('a,b\n1,2\n3,"open\n4,5\n');
    const outcome = attempt(() => sampled(bytes, { fileName: 'q.csv' }, { rows: 1, seed: 1 }, 1, 4));
    expect('error' in outcome && outcome.error instanceof ImportError && outcome.error.issue).toMatchObject({ code: 'unclosed-quote', line: 3, column: { name: 'b' } });
  });

  it('holds only its sample: 500,000 rows streamed into a sample of 1,000 keep under 1 MB of record bytes', () => {
    const sampler = new CsvSampler({ fileName: 'big.csv' }, { rows: 1000, seed: 3 });
    const encoder = new TextEncoder();
    let fileBytes = 0;
    for (let block = 0; block < 500; block++) {
      const lines: string[] = block === 0 ? ['id,x,y,label'] : [];
      for (let r = 0; r < 1000; r++) lines.push(`${block * 1000 + r + 1},${r * 0.25},${block},l${r % 7}`);
      const chunk = encoder.encode(lines.join('\n') + '\n');
      fileBytes += chunk.length;
      sampler.push(chunk);
    }
    const sample = sampler.finish();
    expect(sample.fileBytes).toBe(fileBytes);
    expect(sample.recordsAfterFirst).toBe(500_000);
    expect(sample.bytes.length).toBeLessThan(1 << 20);
    expect(fileBytes).toBeGreaterThan(8 << 20);
    const result = readSampledCsv(sample, { rows: 1000, seed: 3 }, { fileName: 'big.csv' });
    expect(result.table.rowCount).toBe(1000);
    expect(result.sample.fileRows).toBe(500_000);
    // Whole-file reads of the same rows agree with the sample, row for row.
    const whole = readCsv(sample.bytes, { fileName: 'big.csv' });
    expect(Array.from(result.table.columns[0].values!)).toEqual(Array.from(whole.table.columns[0].values!));
  });
});
