/**
 * One prediction measurement in a fresh Node process, so that its peak memory is its own (run by
 * bench/predict.bench.ts as `node --import tsx bench/stages/predictStage.ts <mode> ...`).
 *
 * - `inprocess <modelDir> <file.csv> <repeats>`: loads the bundle (`readBundle` of the folder's files),
 *   reads the whole file with `readCsv` and conforms it to the bundle's inputs (not timed), predicts the
 *   first 1,000 rows once to warm the JIT (not timed), then times `bundle.predict(table)` on every row
 *   `repeats` times.
 * - `cli <modelDir> <file.csv> <out.csv>`: `runCli(['predict', ...])` of src/cli/main.ts, as
 *   `npm run cli -- predict` runs it (streamed CSV in, CSV out); timed: the whole command.
 * - `serve <modelDir> <maxBodyBytes>`: `startServer(bundle, { port: 0, maxBodyBytes })` of
 *   src/cli/serveCommand.ts; prints `{"url": ...}` once it listens, serves until its stdin closes, then
 *   prints its result line.
 *
 * Each mode prints one JSON line last: times in ms, `maxRssKB` (process.resourceUsage().maxRSS: peak
 * resident memory of this process) and `baseRssKB` (resident memory before the data was read, with the
 * engine's code and the bundle loaded). A failure prints `{ "error": "..." }` and exits with 2.
 */
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadBundleFolder } from '../../src/cli/bundleIO';
import type { CliIO } from '../../src/cli/cliIO';
import { runCli } from '../../src/cli/main';
import { startServer } from '../../src/cli/serveCommand';
import { conformTable } from '../../src/core/bundle/conformTable';
import { readCsv } from '../../src/core/data/readCsv';
import { takeRows } from '../../src/core/data/table';
import { ensureTfBackend } from '../../src/core/models/tfBackend';

const rssKB = () => Math.round(process.memoryUsage().rss / 1024);
const peakKB = () => process.resourceUsage().maxRSS;

async function inProcess(modelDir: string, file: string, repeats: number): Promise<Record<string, unknown>> {
  await ensureTfBackend();
  const bundle = loadBundleFolder(modelDir);
  const baseRssKB = rssKB();
  const t0 = performance.now();
  const { table: raw } = readCsv(readFileSync(file), { fileName: basename(file) });
  const readMs = performance.now() - t0;
  const { table } = conformTable(bundle.meta, raw);
  bundle.predict(takeRows(table, Array.from({ length: Math.min(1000, table.rowCount) }, (_, i) => i)));
  const predictMs: number[] = [];
  let predicted = 0;
  for (let i = 0; i < repeats; i++) {
    const t1 = performance.now();
    predicted = bundle.predict(table).prediction.length;
    predictMs.push(performance.now() - t1);
  }
  return { mode: 'inprocess', rows: table.rowCount, predicted, readMs, predictMs, maxRssKB: peakKB(), baseRssKB };
}

async function cli(modelDir: string, file: string, out: string): Promise<Record<string, unknown>> {
  const baseRssKB = rssKB();
  const said: string[] = [];
  const io: CliIO = { stdout: (text) => said.push(text), stderr: (text) => said.push(text) };
  const t0 = performance.now();
  const code = await runCli(['predict', '--model', modelDir, '--data', file, '--out', out], io);
  const cliMs = performance.now() - t0;
  if (code !== 0) throw new Error(`predict exited with ${code}: ${said.join('').trim()}`);
  const rows = Number(/Wrote (\d+) predictions/.exec(said.join(''))?.[1]);
  return { mode: 'cli', rows, cliMs, output: said.join('').trim(), maxRssKB: peakKB(), baseRssKB };
}

async function serve(modelDir: string, maxBodyBytes: number): Promise<Record<string, unknown>> {
  await ensureTfBackend();
  const bundle = loadBundleFolder(modelDir);
  const baseRssKB = rssKB();
  const server = await startServer(bundle, { port: 0, maxBodyBytes });
  console.log(JSON.stringify({ url: server.url }));
  // The parent ends the stage by closing our stdin (and so does its death).
  await new Promise<void>((resolve) => {
    process.stdin.on('end', resolve).on('close', resolve).resume();
  });
  await server.close();
  return { mode: 'serve', maxRssKB: peakKB(), baseRssKB };
}

async function main(): Promise<void> {
  const [mode, modelDir, ...rest] = process.argv.slice(2);
  let result: Record<string, unknown>;
  if (mode === 'inprocess' && rest.length === 2) result = await inProcess(modelDir, rest[0], Number(rest[1]));
  else if (mode === 'cli' && rest.length === 2) result = await cli(modelDir, rest[0], rest[1]);
  else if (mode === 'serve' && rest.length === 1) result = await serve(modelDir, Number(rest[0]));
  else throw new Error('usage: predictStage.ts inprocess <modelDir> <file> <repeats> | cli <modelDir> <file> <out> | serve <modelDir> <maxBodyBytes>');
  console.log(JSON.stringify(result));
}

try {
  await main();
} catch (error) {
  console.log(JSON.stringify({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
  process.exitCode = 2;
}
