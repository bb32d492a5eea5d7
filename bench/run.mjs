#!/usr/bin/env node
/**
 * `npm run bench`: measures each stage of the studio against a reference measured on the same file in the
 * same run, and writes bench/out/results.md (and results.json). See bench/README.md.
 *
 *   npm run bench                       1,000,000 rows, 3 repeats, every stage
 *   npm run bench -- --quick            100,000 rows, 1 repeat, scaling at 10k and 100k only
 *   npm run bench -- --rows 200000 --skip-browser --skip-python
 *
 * Flags: --rows N, --seed S, --repeats K, --quick, --skip-browser, --skip-python, --skip-scaling,
 * --skip-gbdt, --skip-mlp, --skip-predict, --scale-rows 10000,100000,..., --rebuild (run `vite build` even
 * when dist/ exists), --gbdt-timeout SECONDS (default 1200), --mlp-timeout SECONDS (default 600),
 * --predict-timeout SECONDS (default 900), --skip-streaming, --streaming-copies K (default 3: the streamed-sample
 * file is the 5,000,000-row file's rows K times, 1.84 GB for 3; not in --quick runs unless given).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { DATA_DIR, ensureDataset } from './generateDataset.mjs';
import { REPO_ROOT, lastLine, runBrowser, runBrowserSample, runOurs, runPandas, warmPageCache } from './lib/children.mjs';
import { machineInfo } from './lib/machineInfo.mjs';
import { renderReport, seconds } from './lib/report.mjs';

/** V8's longest string (2^29 - 24 characters on 64-bit): the reader decodes the file into one string. */
const V8_MAX_STRING = 536_870_888;
const OUT_DIR = join(REPO_ROOT, 'bench/out');
const DIST = join(REPO_ROOT, 'dist');

const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string' },
    seed: { type: 'string', default: '42' },
    repeats: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'skip-browser': { type: 'boolean', default: false },
    'skip-python': { type: 'boolean', default: false },
    'skip-scaling': { type: 'boolean', default: false },
    'skip-gbdt': { type: 'boolean', default: false },
    'skip-mlp': { type: 'boolean', default: false },
    'skip-predict': { type: 'boolean', default: false },
    'scale-rows': { type: 'string' },
    rebuild: { type: 'boolean', default: false },
    'gbdt-timeout': { type: 'string', default: '1200' },
    'mlp-timeout': { type: 'string', default: '600' },
    'predict-timeout': { type: 'string', default: '900' },
    'skip-streaming': { type: 'boolean', default: false },
    'streaming-copies': { type: 'string' },
  },
});

function positiveInt(text, name) {
  const n = Number(String(text).replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench: --${name} must be a positive integer, not ${JSON.stringify(text)}`);
    process.exit(1);
  }
  return n;
}

const options = {
  rows: positiveInt(flags.rows ?? (flags.quick ? 100_000 : 1_000_000), 'rows'),
  seed: positiveInt(flags.seed, 'seed'),
  repeats: positiveInt(flags.repeats ?? (flags.quick ? 1 : 3), 'repeats'),
  quick: flags.quick,
  skipBrowser: flags['skip-browser'],
  skipPython: flags['skip-python'],
  rebuild: flags.rebuild,
  streamingCopies: flags['skip-streaming'] ? 0 : flags['streaming-copies'] !== undefined ? positiveInt(flags['streaming-copies'], 'streaming-copies') : flags.quick ? 0 : 3,
  scaleRows: flags['skip-scaling']
    ? []
    : (flags['scale-rows'] ?? (flags.quick ? '10000,100000' : '10000,100000,1000000,5000000')).split(',').map((s) => positiveInt(s.trim(), 'scale-rows')),
};

const log = (message) => console.log(`bench: ${message}`);
const started = performance.now();
const notes = [];

/** Runs `measure(run)` `repeats` times, ours and the reference interleaved by the caller. */
function repeat(times, fn) {
  const out = [];
  for (let i = 0; i < times; i++) out.push(fn(i));
  return out;
}

function describeRun(label, result, key) {
  log(`  ${label}: ${result.error ? `error: ${result.error}` : `${seconds(result[key])}, peak ${(((result.maxRssKB ?? result.peakResidentKB) * 1024) / 1e6).toFixed(0)} MB`}`);
}

/** Ingest (and profile) of one file: ours and pandas interleaved, `repeats` times each. */
function measurePair(stage, file, repeats, key) {
  const ours = [];
  const pandas = [];
  for (let i = 0; i < repeats; i++) {
    ours.push(runOurs(stage, file));
    describeRun(`ours ${stage} #${i + 1}`, ours[i], key);
    if (!options.skipPython) {
      pandas.push(runPandas(stage, file));
      describeRun(`pandas ${stage} #${i + 1}`, pandas[i], key);
    }
  }
  return { ours, pandas };
}

function ensureBuild() {
  if (!options.rebuild && existsSync(join(DIST, 'index.html'))) return true;
  log('building the production bundle (npx vite build)…');
  const build = spawnSync('npx', ['vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) notes.push(`\`npx vite build\` failed (exit ${build.status}); the browser stage could not run.`);
  return build.status === 0;
}

/**
 * Runs a self-contained `bench/<name>.bench.ts` (it measures its own reference) and keeps its Markdown
 * output for the report. `quickArgs`: its own flags for a --quick run.
 */
function runBenchScript({ name, skip, timeoutFlag, quickArgs, args: always = [] }) {
  const script = join(REPO_ROOT, `bench/${name}.bench.ts`);
  if (skip) return { status: 'skipped' };
  if (!existsSync(script)) return { status: 'absent' };
  const args = [`bench/${name}.bench.ts`, ...always, ...(options.quick ? quickArgs : [])];
  log(`${name}: npx tsx ${args.join(' ')} …`);
  const t0 = performance.now();
  const timeout = positiveInt(flags[timeoutFlag], timeoutFlag) * 1000;
  // One process (node with the tsx loader), not `npx tsx`, whose grandchild would outlive the timeout's kill.
  const child = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  const output = (child.stdout ?? '').replace(/^\s*\n/, '').trimEnd();
  if (child.status === 0) return { status: 'ok', ms, output, command: `npx tsx ${args.join(' ')}` };
  const why = child.error?.code === 'ETIMEDOUT' ? `timed out after ${timeout / 1000} s` : child.signal ? `killed by ${child.signal}` : `exit code ${child.status}`;
  return { status: 'failed', ms, output, line: `${why}: ${lastLine(child.stderr) || lastLine(child.stdout) || 'no output'}` };
}

/** Newest modification time under `dir` (ms), to tell whether dist/ was built from the current src/. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    try {
      newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
    } catch {
      // removed meanwhile
    }
  }
  return newest;
}

/** The commit measured, and how many files under src/ differ from it. */
function codeVersion() {
  const git = (args) => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  if (head.status !== 0) return null;
  const dirty = git(['status', '--porcelain', '--', 'src']).stdout.split('\n').filter(Boolean).length;
  return { commit: head.stdout.trim(), changedInSrc: dirty };
}

function freeDiskBytes(path) {
  try {
    const s = statfsSync(path);
    return s.bavail * s.bsize;
  } catch {
    return Infinity;
  }
}

async function scaling(main, mainRuns) {
  const rows = [];
  for (const n of options.scaleRows) {
    if (n === main.rows && main.seed === options.seed) {
      log(`scaling ${n} rows: the main stage's ingest runs`);
      rows.push({ rows: n, bytes: main.bytes, ours: mainRuns.ours, pandas: mainRuns.pandas, reused: true });
      continue;
    }
    const estimate = (main.bytes / main.rows) * n;
    if (estimate * 1.1 > freeDiskBytes(join(REPO_ROOT, 'bench'))) {
      rows.push({ rows: n, bytes: estimate, unsupported: `not enough free disk for the ${(estimate / 1e6).toFixed(0)} MB file` });
      continue;
    }
    log(`scaling ${n} rows: generating (cached after the first time)…`);
    const data = await ensureDataset({ rows: n, seed: options.seed, log });
    await warmPageCache(data.path);
    if (data.bytes > V8_MAX_STRING) {
      // The reader decodes the whole file into one string: try once, to report its own words.
      const once = runOurs('ingest', data.path);
      if (once.error) {
        rows.push({
          rows: n,
          bytes: data.bytes,
          unsupported: `${once.error.replace(/^ImportError: /, '')} (the reader holds the file as one string, and V8 strings stop at ${V8_MAX_STRING.toLocaleString('en-US')} characters)`,
          ours: [once],
          pandas: [],
        });
        log(`  not supported: ${once.error}`);
        continue;
      }
    }
    const runs = measurePair('ingest', data.path, options.repeats, 'ingestMs');
    rows.push({ rows: n, bytes: data.bytes, ...runs });
  }
  return rows;
}

/** Rows of the file the streamed sample is drawn from, before it is repeated; the sample keeps at most SAMPLE_ROWS. */
const STREAMING_BASE_ROWS = 5_000_000;
const SAMPLE_ROWS = 1_000_000;

/** Bytes of a file's first line, its line feed included. */
function headerBytes(path) {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).indexOf(0x0a) + 1;
  } finally {
    closeSync(fd);
  }
}

/** The 5M-row file's rows `copies` times under one header (cached in bench/data/), written to a temporary name and renamed. */
async function repeatedFile(copies) {
  const base = await ensureDataset({ rows: STREAMING_BASE_ROWS, seed: options.seed, log });
  const path = join(DATA_DIR, `bench-v1-${STREAMING_BASE_ROWS}r-s${options.seed}-x${copies}.csv`);
  const bytes = base.bytes * copies - (copies - 1) * headerBytes(base.path);
  if (existsSync(path) && statSync(path).size === bytes) return { path, bytes, rows: STREAMING_BASE_ROWS * copies };
  if (bytes * 1.1 > freeDiskBytes(DATA_DIR)) return { unsupported: `not enough free disk for the ${(bytes / 1e9).toFixed(2)} GB file` };
  log(`streaming: writing ${relative(REPO_ROOT, path)} (${(bytes / 1e9).toFixed(2)} GB, the ${STREAMING_BASE_ROWS.toLocaleString('en-US')}-row file's rows ${copies} times)…`);
  const temp = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(temp);
  for (let k = 0; k < copies; k++) {
    let headerSkipped = k === 0;
    for await (let chunk of createReadStream(base.path, { highWaterMark: 8 << 20 })) {
      if (!headerSkipped) {
        chunk = chunk.subarray(chunk.indexOf(0x0a) + 1);
        headerSkipped = true;
      }
      if (!out.write(chunk)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  renameSync(temp, path);
  return { path, bytes: statSync(path).size, rows: STREAMING_BASE_ROWS * copies };
}

/**
 * A random sample of a file too big to read whole (over the page's 1.5 GB): the CLI's --sample-rows in Node, the
 * page's "Import a random sample" in Chromium, and pandas read_csv skipping rows at random as the reference.
 */
async function streaming() {
  if (!options.streamingCopies) return { skipped: true };
  const file = await repeatedFile(options.streamingCopies);
  if (file.unsupported) return file;
  await warmPageCache(file.path);
  const withBrowser = !options.skipBrowser && ensureBuild();
  log(`streaming: a ${SAMPLE_ROWS.toLocaleString('en-US')}-row sample of ${file.rows.toLocaleString('en-US')} rows (${options.repeats} runs each)…`);
  const ours = [];
  const pandas = [];
  const browser = [];
  for (let i = 0; i < options.repeats; i++) {
    ours.push(runOurs('sample', file.path, SAMPLE_ROWS));
    describeRun(`ours sample #${i + 1}`, ours[i], 'sampleMs');
    if (!options.skipPython) {
      pandas.push(runPandas('sample', file.path, SAMPLE_ROWS, file.rows));
      describeRun(`pandas sample #${i + 1}`, pandas[i], 'sampleMs');
    }
    if (withBrowser) {
      browser.push(runBrowserSample(file.path, file.rows, DIST));
      describeRun(`browser sample #${i + 1}`, { ...browser[i], sampleMs: browser[i].ingestMs }, 'sampleMs');
    }
  }
  return { relPath: relative(REPO_ROOT, file.path), bytes: file.bytes, fileRows: file.rows, sampleRows: SAMPLE_ROWS, ours, pandas, browser };
}

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  const machine = machineInfo({ python: !options.skipPython });
  const loadAtStart = loadavg()[0];
  log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB.toFixed(1)} GiB, Node ${machine.node}, pandas ${machine.pandas ?? '—'}`);
  log(`dataset: ${options.rows} rows, seed ${options.seed}…`);
  const data = await ensureDataset({ rows: options.rows, seed: options.seed, log });
  log(`  ${relative(REPO_ROOT, data.path)}: ${(data.bytes / 1e6).toFixed(1)} MB${data.cached ? ' (cached)' : ` (written in ${seconds(data.ms)})`}`);
  await warmPageCache(data.path);

  log(`ingest (${options.repeats} runs each, fresh process per run)…`);
  const ingest = measurePair('ingest', data.path, options.repeats, 'ingestMs');
  log(`profile (${options.repeats} runs each)…`);
  const profile = measurePair('profile', data.path, options.repeats, 'profileMs');

  let browser = { skipped: true };
  if (!options.skipBrowser) {
    if (ensureBuild()) {
      log(`browser: upload ${options.rows} rows in Chromium (${options.repeats} runs)…`);
      const runs = repeat(options.repeats, (i) => {
        const result = runBrowser(data.path, options.rows, DIST);
        log(`  browser #${i + 1}: ${result.error ? `error: ${result.error}` : `ingest ${seconds(result.ingestMs)}, profile ${seconds(result.profileMs)}, longest task ${seconds(result.longestTaskMs)}`}`);
        return result;
      });
      browser = { runs };
    } else {
      browser = { runs: [{ error: 'no production build (vite build failed)' }] };
    }
  }

  const scaled = await scaling({ rows: options.rows, seed: options.seed, bytes: data.bytes }, ingest);
  const streamed = await streaming();
  // Prediction throughput on the same file: it prints its own section and writes its numbers for the table.
  const predictJson = join(OUT_DIR, 'predict.json');
  rmSync(predictJson, { force: true });
  const predict = runBenchScript({
    name: 'predict',
    skip: flags['skip-predict'],
    timeoutFlag: 'predict-timeout',
    quickArgs: [],
    args: ['--data', relative(REPO_ROOT, data.path), '--repeats', String(options.repeats), '--json', relative(REPO_ROOT, predictJson), ...(options.skipPython ? ['--skip-python'] : [])],
  });
  if (predict.status === 'ok' && existsSync(predictJson)) predict.results = JSON.parse(readFileSync(predictJson, 'utf8'));
  if (predict.status !== 'absent' && predict.status !== 'skipped') log(`predict: ${predict.status}${predict.line ? ` (${predict.line})` : ''}`);
  // A quick run fits the GBDT once instead of three times.
  const gbdt = runBenchScript({ name: 'gbdt', skip: flags['skip-gbdt'], timeoutFlag: 'gbdt-timeout', quickArgs: ['--repeats', '1'] });
  if (gbdt.status !== 'absent' && gbdt.status !== 'skipped') log(`gbdt: ${gbdt.status}${gbdt.line ? ` (${gbdt.line})` : ''}`);
  // A quick run: one fit per backend on fewer rows (its defaults: 50,000 rows, 3 epochs, 3 fits).
  const mlp = runBenchScript({ name: 'mlp', skip: flags['skip-mlp'], timeoutFlag: 'mlp-timeout', quickArgs: ['--rows', '20000', '--repeats', '1'] });
  if (mlp.status !== 'absent' && mlp.status !== 'skipped') log(`mlp: ${mlp.status}${mlp.line ? ` (${mlp.line})` : ''}`);

  const loadAtEnd = loadavg()[0];
  const distIndex = join(DIST, 'index.html');
  if (!browser.skipped && existsSync(distIndex)) {
    const srcChanged = newestMtime(join(REPO_ROOT, 'src'));
    if (srcChanged > statSync(distIndex).mtimeMs) {
      notes.push(`The browser stage measured the build in dist/ (${statSync(distIndex).mtime.toISOString()}), which is older than the newest change under src/ (${new Date(srcChanged).toISOString()}); the Node stages ran the current src/. Run with --rebuild to measure the same code in both.`);
    }
  }
  if (Math.max(loadAtStart, loadAtEnd) > 0.5 * machine.cores) {
    notes.push(`The machine was busy with other work (1-minute load average ${loadAtStart.toFixed(2)} at the start, ${loadAtEnd.toFixed(2)} at the end, on ${machine.cores} cores): absolute times are inflated and noisier; the interleaved ratios less so.`);
  }
  if (options.skipPython) notes.push('Run with --skip-python: no pandas reference, so no ratios.');
  if (options.quick) notes.push('Quick run (--quick): 100,000 rows and 1 repeat; ratios are noisier and start-up costs weigh more.');
  const results = {
    date: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    totalMs: performance.now() - started,
    machine: { ...machine, loadAtStart, loadAtEnd },
    options,
    code: codeVersion(),
    distBuiltAt: existsSync(join(DIST, 'index.html')) ? statSync(join(DIST, 'index.html')).mtime.toISOString() : null,
    dataset: { ...data, relPath: relative(REPO_ROOT, data.path) },
    node: { ingest: ingest.ours, profile: profile.ours },
    pandas: { ingest: ingest.pandas, profile: profile.pandas },
    browser,
    scaling: scaled,
    streaming: streamed,
    predict,
    gbdt,
    mlp,
    notes,
  };
  const markdown = renderReport(results);
  writeFileSync(join(OUT_DIR, 'results.md'), markdown + '\n');
  writeFileSync(join(OUT_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\n${markdown}`);
  log(`wrote ${relative(REPO_ROOT, join(OUT_DIR, 'results.md'))} and results.json in ${seconds(results.totalMs)}`);
}

await main();
