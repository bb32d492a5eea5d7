/**
 * Prediction throughput (rows/s) of a model bundle: in Node, through `predict` of the CLI and through the
 * REST API of `serve`, against scikit-learn's HistGradientBoosting predict on the same data in the same run.
 *
 *   npx tsx bench/predict.bench.ts [--rows 100000 | --data FILE] [--seed 42] [--train-rows 50000]
 *                                  [--repeats 3] [--batch 1000] [--requests N] [--skip-python] [--retrain]
 *                                  [--json FILE]
 *
 * Data: the benchmark file of bench/generateDataset.mjs (`--data`, or the cached file of `--rows` and
 * `--seed`); the target is its `label` column. Model: `npm run cli -- train --models hist_gradient_boosting
 * --folds 0 --search none` on its first `--train-rows` rows (the CLI fits on its seeded 80% of them), cached
 * in bench/data/predict-<hash of those rows>/ and retrained only when missing, unloadable or --retrain.
 *
 * Measured, each in a fresh process (bench/stages/predictStage.ts) so that its peak memory is its own:
 * 1. in process: `readBundle(files).predict(table)` on every row of the file, the table read and conformed
 *    once before (not timed) and the JIT warmed on 1,000 rows; median of `--repeats` calls;
 * 2. the CLI: `predict --model DIR --data FILE --out P.csv` (streamed CSV in, CSV out), `--repeats` fresh
 *    processes; timed both inside the process (the command) and from outside (with Node's and tsx's start-up);
 * 3. the REST API: `startServer(bundle, { port: 0 })` in a child process; from this process, POST /predict
 *    with `{"rows": [...]}` bodies of `--batch` rows (typed per the bundle's inputSchema, serialised before
 *    the clock starts) at concurrency 1 and 4, `--requests` requests each after 5 untimed ones; rows/s over
 *    the wall time, and p50/p95 latency per request.
 * Reference (not with --skip-python): scikit-learn's HistGradientBoostingClassifier with as many trees as
 * ours (max_iter = our rounds, early_stopping=False) behind an OrdinalEncoder for the text columns, fitted on
 * the same rows (bench/stages/sklearnPredictStage.py): predict_proba on the read DataFrame with OpenMP's
 * default threads and with one, and read_csv + predict_proba + to_csv end to end.
 *
 * Prints a Markdown section; `--json FILE` also writes the numbers (bench/run.mjs puts them in its table).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { loadBundleFolder } from '../src/cli/bundleIO';
import type { LoadedBundle } from '../src/core/bundle/bundleTypes';
import { readCsv } from '../src/core/data/readCsv';
import { columnIndex, type Column, type Table } from '../src/core/data/table';
import { DATA_DIR, HEADER, ensureDataset } from './generateDataset.mjs';
import { PYTHON, REPO_ROOT, median, runJsonChild } from './lib/children.mjs';
import { machineInfo } from './lib/machineInfo.mjs';

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

function text(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function int(name: string, fallback: number): number {
  const given = text(name);
  const value = given === undefined ? fallback : Number(given.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1) {
    console.error(`predict.bench: --${name} must be a positive integer, not ${given}`);
    process.exit(1);
  }
  return value;
}

const REPEATS = int('repeats', 3);
const BATCH = int('batch', 1000);
const SKIP_PYTHON = flag('skip-python');
const TARGET = HEADER[HEADER.length - 1];
const CONCURRENCY = [1, 4];
const WARMUP_REQUESTS = 5;
const DEFAULT_MAX_BODY = 1024 * 1024;
const NODE_TSX = [process.execPath, '--import', 'tsx'] as const;
const log = (message: string) => console.error(`predict.bench: ${message}`);

/** The first `rows` data rows of a CSV file (header included), read only as far as needed. */
function headRows(file: string, rows: number): Buffer {
  const fd = openSync(file, 'r');
  const parts: Buffer[] = [];
  let lines = 0;
  try {
    const chunk = Buffer.alloc(4 * 1024 * 1024);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      let end = 0;
      while (end < n && lines <= rows) {
        const nl = chunk.indexOf(10, end);
        if (nl < 0 || nl >= n) {
          end = n;
          break;
        }
        end = nl + 1;
        lines++;
      }
      parts.push(Buffer.from(chunk.subarray(0, end)));
      if (lines > rows) break;
    }
  } finally {
    closeSync(fd);
  }
  return Buffer.concat(parts);
}

interface Model {
  dir: string;
  bundle: LoadedBundle;
  trees: number;
  trainedMs?: number;
  trainOutput?: string;
  sliceRows: number;
  slice: string;
}

/** Our bundle, trained with the CLI on the first `trainRows` rows, or the cached one. */
function ensureModel(file: string, trainRows: number): Model {
  const sliceBytes = headRows(file, trainRows);
  const sliceRows = sliceBytes.subarray(0, sliceBytes.length - 1).toString('latin1').split('\n').length - 1;
  const key = createHash('sha256').update(sliceBytes).digest('hex').slice(0, 12);
  const cache = join(DATA_DIR, `predict-${sliceRows}r-${key}`);
  const slice = join(cache, 'train.csv');
  const dir = join(cache, 'model');
  mkdirSync(cache, { recursive: true });
  if (!existsSync(slice) || statSync(slice).size !== sliceBytes.length) writeFileSync(slice, sliceBytes);
  let bundle: LoadedBundle | undefined;
  if (!flag('retrain') && existsSync(join(dir, 'bundle.json'))) {
    try {
      bundle = loadBundleFolder(dir);
    } catch (error) {
      log(`the cached bundle does not load (${(error as Error).message}); training again`);
    }
  }
  let trainedMs: number | undefined;
  let trainOutput: string | undefined;
  if (!bundle) {
    rmSync(dir, { recursive: true, force: true });
    const args = ['src/cli/main.ts', 'train', '--data', slice, '--target', TARGET, '--models', 'hist_gradient_boosting', '--folds', '0', '--search', 'none', '--out', dir];
    log(`training: npm run cli -- ${args.slice(1).join(' ')}`);
    const t0 = performance.now();
    const train = spawnSync(NODE_TSX[0], [...NODE_TSX.slice(1), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    trainedMs = performance.now() - t0;
    if (train.status !== 0) throw new Error(`training failed (exit ${train.status}): ${train.stderr.trim() || train.stdout.trim()}`);
    trainOutput = train.stdout.trim();
    bundle = loadBundleFolder(dir);
  }
  const trees = (bundle.model as unknown as { trees?: unknown[] }).trees?.length ?? NaN;
  return { dir, bundle, trees, trainedMs, trainOutput, sliceRows, slice };
}

/** A request row: each input the bundle declares, typed as the API wants it (null when missing). */
function jsonCell(column: Column | undefined, row: number, type: string): unknown {
  if (!column || column.missing[row]) return null;
  if (column.codes && column.categories) return column.categories[column.codes[row]];
  const v = column.values![row];
  if (type === 'boolean') return v !== 0;
  if (type === 'datetime') return new Date(v).toISOString();
  return v;
}

function requestBodies(bundle: LoadedBundle, table: Table): string[] {
  const schema = bundle.meta.inputSchema.map((f) => ({ ...f, column: table.columns[columnIndex(table, f.name)] }));
  const bodies: string[] = [];
  for (let start = 0; start + BATCH <= table.rowCount; start += BATCH) {
    const rows = [];
    for (let r = start; r < start + BATCH; r++) rows.push(Object.fromEntries(schema.map((f) => [f.name, jsonCell(f.column, r, f.type)])));
    bodies.push(JSON.stringify({ rows }));
  }
  return bodies;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

interface RestRun {
  concurrency: number;
  requests: number;
  rows: number;
  wallMs: number;
  rowsPerS: number;
  p50Ms: number;
  p95Ms: number;
}

async function post(url: string, body: string): Promise<string> {
  const res = await fetch(`${url}/predict`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  const answer = await res.text();
  if (res.status !== 200) throw new Error(`POST /predict answered ${res.status}: ${answer.slice(0, 300)}`);
  return answer;
}

async function restRun(url: string, bodies: string[], requests: number, concurrency: number): Promise<RestRun> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const body = bodies[next++ % bodies.length];
      const t0 = performance.now();
      await post(url, body);
      latencies.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - t0;
  const rows = requests * BATCH;
  return { concurrency, requests, rows, wallMs, rowsPerS: rows / (wallMs / 1000), p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95) };
}

/** A child's JSON line: its numbers, or `{ error }`. */
interface Memory {
  maxRssKB: number;
  baseRssKB: number;
}
interface InProcess extends Memory {
  error?: string;
  rows: number;
  readMs: number;
  predictMs: number[];
}
interface CliRun extends Memory {
  error?: string;
  rows: number;
  cliMs: number;
  wallMs: number;
}
interface Rest {
  error?: string;
  runs: RestRun[];
  bodyBytes: number;
  maxBodyBytes: number;
  distinctBodies: number;
  server: Memory;
}
interface Sklearn extends Memory {
  skipped?: boolean;
  error?: string;
  fit?: { fitMs?: number; cached?: boolean; error?: string };
  sklearn?: string;
  threads?: number;
  readMs: number;
  predictMs: number[];
  predict1ThreadMs: number[];
  endToEndMs: number;
  predictMedianMs: number;
  predict1ThreadMedianMs: number;
}
interface Results {
  file: string;
  bytes: number;
  rows: number;
  repeats: number;
  batch: number;
  model: { kind: string; trees: number; sliceRows: number; trainRows?: number; accuracy: number | null; dir: string; trainedMs?: number; createdAt: string };
  inprocess: InProcess & { medianMs: number; rowsPerS: number };
  cli: (Partial<CliRun> & { runs: CliRun[]; rowsPerS: number; wallRowsPerS: number }) | { error: string; runs: CliRun[] };
  rest: Rest | { error: string };
  sklearn: Sklearn | { skipped: true } | { error: string };
  load: [number, number];
}

const child = <T,>(command: string, args: string[]) => runJsonChild(command, args) as T & { error?: string };

/** The REST measurements: a server child (its own event loop and peak memory), this process as the client. */
async function measureRest(model: Model, file: string, requests: number): Promise<Rest | { error: string }> {
  const head = headRows(file, Math.min(requests, 200) * BATCH);
  const { table } = readCsv(head, { fileName: basename(file) });
  const bodies = requestBodies(model.bundle, table);
  if (bodies.length === 0) return { error: `the file has fewer than --batch ${BATCH} rows` };
  const largest = Math.max(...bodies.map((b) => Buffer.byteLength(b)));
  const maxBodyBytes = largest > DEFAULT_MAX_BODY ? Math.ceil(largest * 1.1) : DEFAULT_MAX_BODY;
  const server = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), 'bench/stages/predictStage.ts', 'serve', model.dir, String(maxBodyBytes)], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr.on('data', (d) => (stderr += d));
  const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
  const nextJson = async <T,>(): Promise<T & { error?: string }> => {
    const line = await lines.next();
    if (line.done) throw new Error(`the server stage ended: ${stderr.trim().split('\n').pop() ?? 'no output'}`);
    return JSON.parse(line.value) as T & { error?: string };
  };
  try {
    const started = await nextJson<{ url?: string }>();
    if (!started.url) throw new Error(started.error ?? 'no URL from the server stage');
    const first = JSON.parse(await post(started.url, bodies[0])) as { predictions: unknown[] };
    if (first.predictions.length !== BATCH) throw new Error(`the server answered ${first.predictions.length} predictions for ${BATCH} rows`);
    for (let i = 1; i < WARMUP_REQUESTS; i++) await post(started.url, bodies[i % bodies.length]);
    const runs: RestRun[] = [];
    for (const c of CONCURRENCY) {
      log(`REST: ${requests} requests of ${BATCH} rows, concurrency ${c}…`);
      runs.push(await restRun(started.url, bodies, requests, c));
    }
    server.stdin.end();
    const done = await nextJson<Memory>();
    if (done.error) throw new Error(`the server stage: ${done.error}`);
    return { runs, bodyBytes: largest, maxBodyBytes, distinctBodies: bodies.length, server: done };
  } catch (error) {
    server.kill();
    return { error: (error as Error).message };
  }
}

function rate(rows: number, ms: number | undefined): number {
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? rows / (ms / 1000) : NaN;
}

const fmtRate = (v: number) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en-US')} rows/s` : '—');
const fmtMs = (v: number | undefined) =>
  v !== undefined && Number.isFinite(v) ? (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`) : '—';
const fmtMB = (kB: number) => (Number.isFinite(kB) ? `${((kB * 1024) / 1e6).toFixed(0)} MB` : '—');
const fmtX = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : '—');
const mem = (r: Memory) => `${fmtMB(r.maxRssKB)} (+${fmtMB(r.maxRssKB - r.baseRssKB)})`;

async function main(): Promise<void> {
  const seed = int('seed', 42);
  const dataFile = text('data');
  const data = dataFile ? { path: dataFile, bytes: statSync(dataFile).size } : await ensureDataset({ rows: int('rows', 100_000), seed, log });
  const file = data.path;
  const model = ensureModel(file, int('train-rows', 50_000));
  const machine = machineInfo({ python: !SKIP_PYTHON });
  const loadAtStart = loadavg()[0];
  const stage = (...args: string[]) => [...NODE_TSX.slice(1), 'bench/stages/predictStage.ts', ...args];

  log(`in process: bundle.predict on ${relative(REPO_ROOT, file)}, ${REPEATS} calls…`);
  const inproc = child<InProcess>(NODE_TSX[0], stage('inprocess', model.dir, file, String(REPEATS)));
  if (inproc.error) throw new Error(`in-process stage: ${inproc.error}`);
  const rows = inproc.rows;
  const inprocMs = median(inproc.predictMs);

  const cliRuns: CliRun[] = [];
  const out = join(tmpdir(), `predict-bench-${process.pid}.csv`);
  for (let i = 0; i < REPEATS; i++) {
    log(`CLI: predict run ${i + 1} of ${REPEATS}…`);
    const t0 = performance.now();
    const run = child<CliRun>(NODE_TSX[0], stage('cli', model.dir, file, out));
    cliRuns.push({ ...run, wallMs: performance.now() - t0 });
    rmSync(out, { force: true });
  }
  const cliOk = cliRuns.filter((r) => !r.error);
  const mid = (key: 'cliMs' | 'wallMs' | 'maxRssKB' | 'baseRssKB') => median(cliOk.map((r) => r[key]));
  const cli: Results['cli'] = cliOk.length
    ? {
        rows: cliOk[0].rows,
        cliMs: mid('cliMs'),
        wallMs: mid('wallMs'),
        maxRssKB: mid('maxRssKB'),
        baseRssKB: mid('baseRssKB'),
        rowsPerS: rate(rows, mid('cliMs')),
        wallRowsPerS: rate(rows, mid('wallMs')),
        runs: cliRuns,
      }
    : { error: cliRuns[0]?.error ?? 'no run', runs: cliRuns };

  const requests = int('requests', Math.min(100, Math.max(1, Math.floor(rows / BATCH))));
  const rest = await measureRest(model, file, requests);

  let sklearn: Results['sklearn'] = { skipped: true };
  if (!SKIP_PYTHON) {
    const pkl = join(model.dir, '..', `sklearn-${model.trees}trees.pkl`);
    let fit: Sklearn['fit'] = { cached: true };
    if (!existsSync(pkl) || flag('retrain')) {
      log(`scikit-learn: fitting ${model.trees} trees on ${relative(REPO_ROOT, model.slice)}…`);
      fit = child<{ fitMs: number }>(PYTHON, ['bench/stages/sklearnPredictStage.py', 'train', model.slice, TARGET, String(model.trees), pkl]);
    }
    log('scikit-learn: predict…');
    if (fit.error) sklearn = { error: `fit: ${fit.error}` };
    else {
      const pred = child<Sklearn>(PYTHON, ['bench/stages/sklearnPredictStage.py', 'predict', pkl, file, TARGET, String(REPEATS), `${out}.py.csv`]);
      sklearn = pred.error ? { error: pred.error } : { ...pred, fit, predictMedianMs: median(pred.predictMs), predict1ThreadMedianMs: median(pred.predict1ThreadMs) };
    }
  }

  const results: Results = {
    file: relative(REPO_ROOT, file),
    bytes: data.bytes,
    rows,
    repeats: REPEATS,
    batch: BATCH,
    model: {
      kind: model.bundle.meta.model.kind,
      trees: model.trees,
      sliceRows: model.sliceRows,
      trainRows: model.bundle.meta.data?.trainRows,
      accuracy: model.bundle.meta.model.metrics.accuracy ?? null,
      dir: relative(REPO_ROOT, model.dir),
      trainedMs: model.trainedMs,
      createdAt: model.bundle.meta.createdAt,
    },
    inprocess: { ...inproc, medianMs: inprocMs, rowsPerS: rate(rows, inprocMs) },
    cli,
    rest,
    sklearn,
    load: [loadAtStart, loadavg()[0]],
  };
  const json = text('json');
  if (json) writeFileSync(json, JSON.stringify(results, null, 2) + '\n');
  printMarkdown(results, machine);
}

function printMarkdown(r: Results, machine: ReturnType<typeof machineInfo>): void {
  const sk = 'predictMs' in r.sklearn ? r.sklearn : undefined;
  const skWhy = 'skipped' in r.sklearn ? 'skipped (--skip-python)' : 'error' in r.sklearn ? `failed: ${r.sklearn.error}` : '';
  const skCell = (ms: number | undefined, what: string) => (sk ? `${what}: ${fmtMs(ms)} (${fmtRate(rate(r.rows, ms))}), peak ${mem(sk)}` : `scikit-learn ${skWhy}`);
  const m = r.model;
  const ip = r.inprocess;
  const lines = [
    `Data: \`${r.file}\`, ${r.rows.toLocaleString('en-US')} rows (${(r.bytes / 1e6).toFixed(1)} MB). Model: ${m.kind}, ${m.trees} trees, trained with \`npm run cli -- train --models hist_gradient_boosting --folds 0 --search none\` on ${m.trainRows?.toLocaleString('en-US') ?? '?'} of the first ${m.sliceRows.toLocaleString('en-US')} rows (hold-out accuracy ${m.accuracy?.toFixed(4) ?? '?'}; ${m.trainedMs ? `trained in ${fmtMs(m.trainedMs)} this run` : `cached in ${m.dir}, made ${m.createdAt}`}). Node ${machine.node}, ${machine.cores} cores, 1-minute load average ${r.load[0].toFixed(2)} at the start and ${r.load[1].toFixed(2)} at the end${sk?.sklearn ? `; scikit-learn ${sk.sklearn}` : ''}.`,
    '',
    '| measurement | rows | time (median) | throughput | peak RSS (+ over start) | reference | ratio (ours / ref time) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| in process: \`readBundle(files).predict(table)\`, table read before, ${r.repeats} call${r.repeats > 1 ? 's' : ''} | ${r.rows.toLocaleString('en-US')} | ${fmtMs(ip.medianMs)} | ${fmtRate(ip.rowsPerS)} | ${mem(ip)} | ${skCell(sk?.predictMedianMs, `\`predict_proba\`, ${sk?.threads ?? '?'} threads`)}${sk ? `; 1 thread: ${fmtMs(sk.predict1ThreadMedianMs)} (${fmtRate(rate(r.rows, sk.predict1ThreadMedianMs))})` : ''} | ${sk ? `${fmtX(ip.medianMs / sk.predictMedianMs)} (${fmtX(ip.medianMs / sk.predict1ThreadMedianMs)} vs 1 thread)` : '—'} |`,
  ];
  const c = r.cli;
  if ('error' in c) lines.push(`| CLI \`predict\` | — | failed: ${c.error} | | | | |`);
  else {
    lines.push(
      `| CLI \`predict\`, CSV in → CSV out, ${r.repeats} process${r.repeats > 1 ? 'es' : ''} | ${c.rows!.toLocaleString('en-US')} | ${fmtMs(c.cliMs)} (${fmtMs(c.wallMs)} with start-up) | ${fmtRate(c.rowsPerS)} (${fmtRate(c.wallRowsPerS)}) | ${mem(c as CliRun)} | ${skCell(sk?.endToEndMs, '`read_csv` + `predict_proba` + `to_csv`')} | ${sk ? fmtX(c.cliMs! / sk.endToEndMs) : '—'} |`,
    );
  }
  const rest = r.rest;
  if ('error' in rest) lines.push(`| REST \`POST /predict\` | — | failed: ${rest.error} | | | | |`);
  else {
    for (const run of rest.runs) {
      lines.push(
        `| REST \`POST /predict\`, ${r.batch} rows a request, concurrency ${run.concurrency} | ${run.rows.toLocaleString('en-US')} (${run.requests} requests) | ${fmtMs(run.wallMs)}; per request p50 ${fmtMs(run.p50Ms)}, p95 ${fmtMs(run.p95Ms)} | ${fmtRate(run.rowsPerS)} | server ${mem(rest.server)} | — | ${fmtX(ip.rowsPerS / run.rowsPerS)} the in-process time per row |`,
      );
    }
  }
  const cliCalls = c.runs.map((x) => (x.error ? 'error' : `${x.cliMs.toFixed(0)} (${x.wallMs.toFixed(0)} with start-up)`)).join(', ');
  const skCalls = sk ? `; scikit-learn ${sk.predictMs.map((v) => v.toFixed(0)).join(', ')} (1 thread: ${sk.predict1ThreadMs.map((v) => v.toFixed(0)).join(', ')})` : '';
  lines.push('', `Every call (ms): in process ${ip.predictMs.map((v) => v.toFixed(0)).join(', ')}; CLI ${cliCalls}${skCalls}.`);
  if (!('error' in rest)) {
    lines.push(
      `REST bodies: ${(rest.bodyBytes / 1024).toFixed(0)} KiB of JSON for ${r.batch} rows (server limit ${rest.maxBodyBytes === DEFAULT_MAX_BODY ? 'the default 1 MiB' : `raised to ${rest.maxBodyBytes} bytes`}), ${rest.distinctBodies} distinct bodies cycled; the client (this process, Node's fetch, keep-alive) shares the machine's cores with the server.`,
    );
  }
  if (sk) {
    lines.push(
      `scikit-learn: HistGradientBoostingClassifier(max_iter=${m.trees}, early_stopping=False) behind an OrdinalEncoder, fitted on all ${m.sliceRows.toLocaleString('en-US')} rows of the slice${sk.fit?.fitMs ? ` in ${fmtMs(sk.fit.fitMs)}` : ' (cached)'}; its time is on the DataFrame already read (\`read_csv\` took ${fmtMs(sk.readMs)}).`,
    );
  }
  console.log(lines.join('\n'));
}

await main();
