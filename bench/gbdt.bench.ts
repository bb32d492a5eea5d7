/**
 * Histogram gradient boosting, ours against scikit-learn's, on the same data in the same run.
 *
 *   npx tsx bench/gbdt.bench.ts [--rows 200000] [--repeats 3]
 *
 * Generates a seeded synthetic classification set shaped like docs/performance.md (12 float,
 * 4 integer and 3 small-integer categorical columns, 5% missing in 3 of them, a nonlinear
 * label), writes it to /tmp/gbdt_bench.csv, and holds out the last 20% of rows for testing
 * (rows are drawn independently, so that is a random split). Our fit runs here in Node, with
 * the helper thread the CLI uses for histograms (2 threads) and without it (1 thread);
 * scikit-learn's HistGradientBoostingClassifier (defaults, so early stopping is 'auto', random_state=0) runs in /usr/bin/python3 on the CSV. Prints a Markdown table of median fit
 * times, the time ratio, rounds and test accuracy. Absolute times drift between machines and
 * runs: read the ratio.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createRng } from '../src/core/random';
import { histGradientBoosting, type GbdtModel } from '../src/core/models/trees/histGradientBoosting';
import { setKernelThreadSpawner } from '../src/core/models/trees/kernelThread';
import { useNodeKernelThreads } from '../src/cli/kernelThreads';

const CSV = '/tmp/gbdt_bench.csv';
const PY = '/tmp/gbdt_bench.py';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg('rows', 200_000);
const REPEATS = arg('repeats', 3);
const FEATURES = ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11', 'i0', 'i1', 'i2', 'i3', 'c0', 'c1', 'c2'];
const MISSING = new Set([0, 5, 13]);

/** Row-major features (float32 values, NaN for missing) and a 0/1 label. */
function makeData(rows: number, seed: number): { X: Float32Array; y: Int32Array } {
  const rng = createRng(seed);
  const cols = FEATURES.length;
  const X = new Float32Array(rows * cols);
  const y = new Int32Array(rows);
  const catEffect = [0.8, -0.4, 0.1, -0.9, 0.5];
  for (let r = 0; r < rows; r++) {
    const v = new Float64Array(cols);
    for (let j = 0; j < 12; j++) v[j] = rng.normal();
    v[12] = Math.floor(rng.next() * 100);
    v[13] = Math.floor(-Math.log(1 - rng.next()) * 3);
    v[14] = Math.floor(rng.next() * 7);
    v[15] = 1900 + Math.floor(rng.next() * 120);
    v[16] = rng.int(5);
    v[17] = rng.int(12);
    v[18] = rng.int(3);
    let z =
      1.2 * Math.sin(1.5 * v[0]) +
      0.8 * v[1] * v[2] +
      (v[3] > 0.5 ? 0.9 : -0.3) +
      0.5 * v[4] * v[4] -
      0.5 +
      0.6 * Math.abs(v[5]) -
      0.4 +
      0.3 * v[6] +
      0.012 * (v[12] - 50) +
      (v[13] > 4 ? 0.6 : 0) +
      catEffect[v[16]] +
      (v[17] % 3 === 0 ? 0.4 : -0.2) +
      (v[15] > 1990 ? 0.3 : -0.3) * v[7];
    z += 1.1 * rng.normal();
    y[r] = z > 0 ? 1 : 0;
    for (let j = 0; j < cols; j++) {
      // Missing values hide information the label used, as real gaps do.
      X[r * cols + j] = MISSING.has(j) && rng.next() < 0.05 ? NaN : v[j];
    }
  }
  return { X, y };
}

function writeCsv(X: Float32Array, y: Int32Array, rows: number, cols: number): void {
  const lines = [[...FEATURES, 'label'].join(',')];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    // String(float32 value) is its exact double, so Python reads the very same numbers.
    for (let j = 0; j < cols; j++) cells.push(Number.isNaN(X[r * cols + j]) ? '' : String(X[r * cols + j]));
    cells.push(String(y[r]));
    lines.push(cells.join(','));
  }
  writeFileSync(CSV, lines.join('\n') + '\n');
}

const PYTHON = `
import json, sys, time
import numpy as np, pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
df = pd.read_csv(${JSON.stringify(CSV)})
X = df.drop(columns="label").to_numpy(dtype=np.float64)
y = df["label"].to_numpy()
n_train = int(sys.argv[1]); repeats = int(sys.argv[2])
times = []
for _ in range(repeats):
    model = HistGradientBoostingClassifier(random_state=0)
    t0 = time.perf_counter(); model.fit(X[:n_train], y[:n_train]); times.append(time.perf_counter() - t0)
acc = float((model.predict(X[n_train:]) == y[n_train:]).mean())
print(json.dumps({"times": times, "accuracy": acc, "rounds": int(model.n_iter_)}))
`;

interface Result {
  times: number[];
  accuracy: number;
  rounds: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function runOurs(X: Float32Array, y: Int32Array, nTrain: number, cols: number, threads: 1 | 2): Promise<Result> {
  if (threads === 2) useNodeKernelThreads();
  else setKernelThreadSpawner(null);
  const Xtrain = X.subarray(0, nTrain * cols);
  const ytrain = y.subarray(0, nTrain);
  const times: number[] = [];
  let model: GbdtModel | undefined;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    model = (await histGradientBoosting.fit(Xtrain, ytrain, { rows: nTrain, cols, classes: 2 }, histGradientBoosting.defaults, { seed: 0 })) as GbdtModel;
    times.push((performance.now() - t0) / 1000);
  }
  const nTest = y.length - nTrain;
  const pred = model!.predict(X.subarray(nTrain * cols), nTest, cols);
  let ok = 0;
  for (let i = 0; i < nTest; i++) ok += pred[i] === y[nTrain + i] ? 1 : 0;
  return { times, accuracy: ok / nTest, rounds: model!.rounds };
}

/** threads: undefined for scikit-learn's default (OpenMP on every core), or a fixed count. */
function runSklearn(nTrain: number, threads?: number): Result {
  writeFileSync(PY, PYTHON);
  const env = threads === undefined ? process.env : { ...process.env, OMP_NUM_THREADS: String(threads) };
  const out = spawnSync('/usr/bin/python3', [PY, String(nTrain), String(REPEATS)], { encoding: 'utf8', env });
  if (out.status !== 0) throw new Error(`scikit-learn run failed:\n${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as Result;
}

async function main(): Promise<void> {
  const cols = FEATURES.length;
  const { X, y } = makeData(ROWS, 2024);
  writeCsv(X, y, ROWS, cols);
  const nTrain = Math.round(ROWS * 0.8);
  const ours = await runOurs(X, y, nTrain, cols, 2);
  const ours1 = await runOurs(X, y, nTrain, cols, 1);
  const sk = runSklearn(nTrain);
  // One thread too: OpenMP's default suffers badly when other processes share the cores.
  const sk1 = runSklearn(nTrain, 1);
  const oursT = median(ours.times);
  const ours1T = median(ours1.times);
  const skT = median(sk.times);
  const sk1T = median(sk1.times);
  const fmt = (r: Result, t: number) => `${t.toFixed(2)} | ${r.times.map((v) => v.toFixed(2)).join(', ')} | ${r.rounds} | ${r.accuracy.toFixed(4)}`;
  console.log(`\n${ROWS} rows x ${cols} features (${nTrain} train, ${ROWS - nTrain} test), ${REPEATS} fits each, data in ${CSV}\n`);
  console.log('| model | median fit (s) | all fits (s) | rounds | test accuracy |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(`| ours, hist_gradient_boosting (Node ${process.version}, histograms on 2 threads) | ${fmt(ours, oursT)} |`);
  console.log(`| ours, 1 thread | ${fmt(ours1, ours1T)} |`);
  console.log(`| scikit-learn HistGradientBoostingClassifier (defaults, ${cpus().length} cores) | ${fmt(sk, skT)} |`);
  console.log(`| scikit-learn, OMP_NUM_THREADS=1 | ${fmt(sk1, sk1T)} |`);
  console.log(`\nratio ours / scikit-learn (defaults): ${(oursT / skT).toFixed(2)}x (target <= 1.5x)`);
  console.log(`ratio ours / scikit-learn, both on 1 thread: ${(ours1T / sk1T).toFixed(2)}x`);
  console.log(`accuracy ours - scikit-learn: ${(ours.accuracy - sk.accuracy).toFixed(4)}`);
}

await main();
