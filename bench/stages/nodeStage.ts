/**
 * One measurement of our engine in a fresh Node process, so that its peak memory is its own (run by
 * bench/run.mjs as `node --import tsx bench/stages/nodeStage.ts <ingest|profile> <file>`).
 *
 * - ingest: read the file's bytes, then `readCsv` them into typed columns; timed: both together.
 * - sample: `sample <file> <rows>`: the CLI's streamed sample (`--sample-rows`): the file read in 4 MB chunks
 *   into a seeded reservoir of <rows> records, never held whole, then the sample read into typed columns.
 * - profile: the same ingest (not timed), then the CLI's profile (`profileInParallel`: this thread and a worker
 *   thread started before the file is read, as `npm run cli -- profile` does); timed: the profile only. Then, for
 *   comparison, `profileTable` on this thread alone (`profileOneThreadMs`).
 *
 * Prints one JSON line: times in ms, `maxRssKB` (process.resourceUsage().maxRSS: peak resident memory of this
 * process, parse included for both stages) and `baseRssKB` (resident memory before the file was read: Node
 * plus the tsx loader and the engine's code). A failure prints `{ "error": "..." }` and exits with 2.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readCsv } from '../../src/core/data/readCsv';
import { profileTable } from '../../src/core/profile/profileTable';
import { profileInParallel, startProfileHelperThread } from '../../src/cli/profileInParallel';
import { readCsvFileOrSample } from '../../src/cli/csvInput';
import { SAMPLE_SEED } from '../../src/core/data/readMemory';

function sampleStage(file: string, rows: number): void {
  const baseRssKB = Math.round(process.memoryUsage().rss / 1024);
  const t0 = performance.now();
  const { table, sample } = readCsvFileOrSample(file, { stdout: () => undefined, stderr: () => undefined }, 'data file', { rows, seed: SAMPLE_SEED });
  const sampleMs = performance.now() - t0;
  console.log(JSON.stringify({ stage: 'sample', rows: table.rowCount, columns: table.columns.length, ...sample, sampleMs, maxRssKB: process.resourceUsage().maxRSS, baseRssKB }));
}

async function main(): Promise<void> {
  const [stage, file, rows] = process.argv.slice(2);
  if (stage === 'sample' && file && Number(rows) > 0) return sampleStage(file, Number(rows));
  if ((stage !== 'ingest' && stage !== 'profile') || !file) {
    throw new Error('usage: nodeStage.ts <ingest|profile> <file.csv> | sample <file.csv> <rows>');
  }
  const baseRssKB = Math.round(process.memoryUsage().rss / 1024);
  const thread = stage === 'profile' ? startProfileHelperThread() : null;
  const t0 = performance.now();
  const bytes = readFileSync(file);
  const t1 = performance.now();
  const { table } = readCsv(bytes, { fileName: basename(file) });
  const t2 = performance.now();
  const result: Record<string, unknown> = {
    stage,
    fileBytes: bytes.length,
    rows: table.rowCount,
    columns: table.columns.length,
    types: table.columns.map((c) => c.type).join(','),
    readMs: t1 - t0,
    parseMs: t2 - t1,
    ingestMs: t2 - t0,
  };
  if (stage === 'profile') {
    const t3 = performance.now();
    const profile = await profileInParallel(table, thread);
    const t4 = performance.now();
    result.profileMs = t4 - t3;
    result.correlated = profile.correlations.columns.length;
    result.profileThreads = thread ? 2 : 1;
    const t5 = performance.now();
    profileTable(table);
    result.profileOneThreadMs = performance.now() - t5;
  }
  result.maxRssKB = process.resourceUsage().maxRSS;
  result.baseRssKB = baseRssKB;
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
  process.exitCode = 2;
});
