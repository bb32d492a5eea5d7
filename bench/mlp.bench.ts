/**
 * Neural-network training epochs, ours (TensorFlow.js, WASM and cpu backends, in Node) against
 * scikit-learn's MLPClassifier, on the same data in the same run.
 *
 *   npx tsx bench/mlp.bench.ts [--rows 50000] [--epochs 3] [--repeats 3]
 *
 * Generates a seeded classification set of 20 numeric columns shaped like the benchmark file of
 * bench/generateDataset.mjs (12 float columns at three scales, 4 integer columns, 4 more float
 * columns in place of the 3 categorical ones, which the studio would one-hot encode; no missing
 * values, since the recipe imputes them before a model sees X; a nonlinear 0/1 label),
 * standardises it with the training rows' means and deviations, writes it to /tmp/mlp_bench.csv
 * and holds out the last 20% of rows for testing (rows are drawn independently, so that is a
 * random split).
 *
 * Ours: `neuralNetwork` (hiddenLayers 64,64, batchSize 256, validationFraction 0.1, patience
 * larger than the epochs so it never stops early) fitted `repeats` times on each backend, WASM
 * and cpu interleaved. WASM runs its single-threaded SIMD build, as the studio's worker does. Time
 * per epoch: the intervals between successive onProgress callbacks (epoch 1 also pays tensor
 * set-up and warm-up, so it is left out), median over all fits. Reference: MLPClassifier with
 * the same layers and batch size (adam, early_stopping=False, random_state=0, max_iter = epochs)
 * in /usr/bin/python3, fit time / n_iter_, with OpenBLAS's default threads and with one thread.
 * Prints a Markdown table; absolute times drift between machines and runs: read the ratios.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createRng } from '../src/core/random';
import { neuralNetwork } from '../src/core/models/neuralNetwork';
import { machineInfo } from './lib/machineInfo.mjs';

const CSV = '/tmp/mlp_bench.csv';
const PY = '/tmp/mlp_bench.py';
const PYTHON = process.env.BENCH_PYTHON || '/usr/bin/python3';
const COLS = 20;
const BACKENDS = ['wasm', 'cpu'] as const;
type Backend = (typeof BACKENDS)[number];

function arg(name: string, fallback: number, min: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(String(process.argv[i + 1]).replace(/_/g, '')) : fallback;
  if (!Number.isInteger(value) || value < min) {
    console.error(`mlp.bench: --${name} must be an integer of at least ${min}, not ${process.argv[i + 1]}`);
    process.exit(1);
  }
  return value;
}

const ROWS = arg('rows', 50_000, 100);
// Epoch 1 is not timed (set-up and warm-up), so at least two are needed.
const EPOCHS = arg('epochs', 3, 2);
const REPEATS = arg('repeats', 3, 1);

/** Row-major standardised features and a 0/1 label; statistics from the first `nTrain` rows. */
function makeData(rows: number, nTrain: number, seed: number): { X: Float32Array; y: Int32Array } {
  const rng = createRng(seed);
  const X = new Float64Array(rows * COLS);
  const y = new Int32Array(rows);
  const v = new Float64Array(COLS);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < 12; j++) v[j] = rng.normal();
    v[12] = Math.floor(rng.next() * 100);
    v[13] = Math.floor(-Math.log(1 - rng.next()) * 3);
    v[14] = Math.floor(rng.next() * 7);
    v[15] = 1900 + Math.floor(rng.next() * 120);
    for (let j = 16; j < 20; j++) v[j] = rng.normal();
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
      0.7 * Math.tanh(2 * v[16] * v[17]) +
      (v[18] > 0 ? 0.4 : -0.2) +
      (v[15] > 1990 ? 0.3 : -0.3) * v[7];
    z += 1.1 * rng.normal();
    y[r] = z > 0 ? 1 : 0;
    for (let j = 0; j < COLS; j++) {
      // Three scales among the floats, as in the benchmark file; standardisation removes them.
      const scale = j < 12 ? [1, 100, 0.01][j % 3] : 1;
      X[r * COLS + j] = v[j] * scale;
    }
  }
  return { X: standardise(X, rows, nTrain), y };
}

function standardise(X: Float64Array, rows: number, nTrain: number): Float32Array {
  const out = new Float32Array(rows * COLS);
  for (let j = 0; j < COLS; j++) {
    let mean = 0;
    for (let r = 0; r < nTrain; r++) mean += X[r * COLS + j];
    mean /= nTrain;
    let ss = 0;
    for (let r = 0; r < nTrain; r++) ss += (X[r * COLS + j] - mean) ** 2;
    const sd = Math.sqrt(ss / nTrain) || 1;
    for (let r = 0; r < rows; r++) out[r * COLS + j] = (X[r * COLS + j] - mean) / sd;
  }
  return out;
}

function writeCsv(X: Float32Array, y: Int32Array, rows: number): void {
  const header = [...Array.from({ length: COLS }, (_, j) => `x${j}`), 'label'].join(',');
  const lines = [header];
  for (let r = 0; r < rows; r++) {
    // String(float32 value) is its exact double, so Python reads the very same numbers.
    const cells = Array.from(X.subarray(r * COLS, (r + 1) * COLS), String);
    cells.push(String(y[r]));
    lines.push(cells.join(','));
  }
  writeFileSync(CSV, lines.join('\n') + '\n');
}

const PYTHON_SCRIPT = `
import json, sys, time, warnings
import numpy as np, pandas as pd, sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_info
# max_iter is the epoch count on purpose: the warning that it was reached is expected.
warnings.filterwarnings("ignore", category=ConvergenceWarning)
df = pd.read_csv(${JSON.stringify(CSV)})
X = df.drop(columns="label").to_numpy(dtype=np.float64)
y = df["label"].to_numpy()
n_train, epochs, repeats = (int(a) for a in sys.argv[1:4])
epoch_ms = []
for _ in range(repeats):
    model = MLPClassifier(hidden_layer_sizes=(64, 64), batch_size=256, max_iter=epochs, solver="adam", early_stopping=False, random_state=0)
    t0 = time.perf_counter(); model.fit(X[:n_train], y[:n_train]); seconds = time.perf_counter() - t0
    epoch_ms.append(1000 * seconds / model.n_iter_)
accuracy = float((model.predict(X[n_train:]) == y[n_train:]).mean())
blas = ", ".join(f"{i['internal_api']} {i['version']}, {i['num_threads']} thread(s)" for i in threadpool_info() if i["user_api"] == "blas")
print(json.dumps({"epochMs": epoch_ms, "epochs": int(model.n_iter_), "accuracy": accuracy, "blas": blas,
                  "python": sys.version.split()[0], "sklearn": sklearn.__version__, "numpy": np.__version__}))
`;

interface SklearnResult {
  epochMs: number[];
  epochs: number;
  accuracy: number;
  blas: string;
  python: string;
  sklearn: string;
  numpy: string;
}

interface OursResult {
  /** Every timed epoch (2..EPOCHS) of every fit, ms. */
  epochMs: number[];
  /** Fit start to the end of epoch 1 (set-up, warm-up and one epoch), per fit, ms. */
  firstEpochMs: number[];
  accuracy: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function useBackend(name: Backend): Promise<void> {
  // The studio's worker runs the single-threaded SIMD build (no pthread workers); do the same.
  if (name === 'wasm') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend(name))) throw new Error(`the TensorFlow.js ${name} backend did not initialise`);
  await tf.ready();
  // The cpu backend prints an "install tfjs-node" banner on first use in Node (see src/core/models/tfBackend.ts).
  if (name === 'cpu') (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
}

async function fitOnce(X: Float32Array, y: Int32Array, nTrain: number, into: OursResult): Promise<void> {
  const stamps: number[] = [];
  const params = { ...neuralNetwork.defaults, hiddenLayers: '64,64', epochs: EPOCHS, batchSize: 256, patience: EPOCHS + 1000, validationFraction: 0.1 };
  const t0 = performance.now();
  const model = await neuralNetwork.fit(X.subarray(0, nTrain * COLS), y.subarray(0, nTrain), { rows: nTrain, cols: COLS, classes: 2 }, params, {
    seed: 0,
    onProgress: () => stamps.push(performance.now()),
  });
  if (stamps.length !== EPOCHS) throw new Error(`expected ${EPOCHS} epochs, the fit reported ${stamps.length}`);
  into.firstEpochMs.push(stamps[0] - t0);
  for (let i = 1; i < stamps.length; i++) into.epochMs.push(stamps[i] - stamps[i - 1]);
  const nTest = y.length - nTrain;
  const pred = model.predict(X.subarray(nTrain * COLS), nTest, COLS);
  let ok = 0;
  for (let i = 0; i < nTest; i++) ok += pred[i] === y[nTrain + i] ? 1 : 0;
  into.accuracy = ok / nTest;
}

async function runOurs(X: Float32Array, y: Int32Array, nTrain: number): Promise<Record<Backend, OursResult>> {
  const results = {} as Record<Backend, OursResult>;
  for (const b of BACKENDS) results[b] = { epochMs: [], firstEpochMs: [], accuracy: NaN };
  for (let i = 0; i < REPEATS; i++) {
    // Interleaved, so that drift in the machine's load hits both backends alike.
    for (const b of BACKENDS) {
      await useBackend(b);
      await fitOnce(X, y, nTrain, results[b]);
      console.error(`mlp.bench: ${b} fit ${i + 1}/${REPEATS}: epochs 2..${EPOCHS} ${results[b].epochMs.slice(-(EPOCHS - 1)).map((t) => t.toFixed(0)).join(', ')} ms`);
    }
  }
  return results;
}

/** threads: undefined for OpenBLAS's default (every core), or a fixed count. */
function runSklearn(nTrain: number, threads?: number): SklearnResult {
  writeFileSync(PY, PYTHON_SCRIPT);
  const limit = threads === undefined ? {} : { OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  const out = spawnSync(PYTHON, [PY, String(nTrain), String(EPOCHS), String(REPEATS)], { encoding: 'utf8', env: { ...process.env, ...limit } });
  if (out.status !== 0) throw new Error(`scikit-learn run failed:\n${out.stderr}`);
  const result = JSON.parse(out.stdout.trim().split('\n').pop()!) as SklearnResult;
  console.error(`mlp.bench: scikit-learn (${result.blas}): ${result.epochMs.map((t) => t.toFixed(0)).join(', ')} ms per epoch`);
  return result;
}

async function main(): Promise<void> {
  const started = performance.now();
  const nTrain = Math.round(ROWS * 0.8);
  const { X, y } = makeData(ROWS, nTrain, 2024);
  writeCsv(X, y, ROWS);
  const ours = await runOurs(X, y, nTrain);
  const sk = runSklearn(nTrain);
  // One thread too: our WASM build is single-threaded, and OpenBLAS threads suffer on shared cores.
  const sk1 = runSklearn(nTrain, 1);
  const skT = median(sk.epochMs);
  const sk1T = median(sk1.epochMs);
  const m = machineInfo({ python: false });
  // trainNetwork holds out round(10%) of the training rows for its validation loss.
  const ourRows = nTrain - Math.round(nTrain * 0.1);
  const ms = (t: number) => t.toFixed(t >= 100 ? 0 : 1);
  const x = (t: number, ref: number) => `${(t / ref).toFixed(2)}x`;
  const all = (values: number[]) => values.map((t) => t.toFixed(0)).join(', ');

  console.log(`\n${ROWS} rows x ${COLS} standardised numeric features (${nTrain} train, ${ROWS - nTrain} test), MLP 64-64, batch 256, ${EPOCHS} epochs, ${REPEATS} fit(s) each; data in ${CSV}\n`);
  console.log(`- CPU: ${m.cpu}, ${m.cores} cores; RAM ${m.ramGiB.toFixed(1)} GiB; ${m.os}`);
  console.log(`- Node ${m.node}, TensorFlow.js ${tf.version.tfjs} (WASM SIMD: ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, one thread); Python ${sk.python}, scikit-learn ${sk.sklearn}, numpy ${sk.numpy} (${sk.blas})\n`);
  console.log('| model | ms per epoch (median) | all timed epochs (ms) | ratio to scikit-learn (default threads) | ratio to scikit-learn (1 thread) | test accuracy |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const b of BACKENDS) {
    const t = median(ours[b].epochMs);
    console.log(`| ours, neural_network, TensorFlow.js ${b} backend | ${ms(t)} | ${all(ours[b].epochMs)} | ${x(t, skT)} | ${x(t, sk1T)} | ${ours[b].accuracy.toFixed(4)} |`);
  }
  console.log(`| scikit-learn MLPClassifier (${sk.blas}) | ${ms(skT)} | ${all(sk.epochMs)} | 1.00x | ${x(skT, sk1T)} | ${sk.accuracy.toFixed(4)} |`);
  console.log(`| scikit-learn MLPClassifier, OPENBLAS_NUM_THREADS=1 | ${ms(sk1T)} | ${all(sk1.epochMs)} | ${x(sk1T, skT)} | 1.00x | ${sk1.accuracy.toFixed(4)} |`);
  console.log(
    `\nOurs: epochs 2..${EPOCHS} of each fit, between onProgress callbacks, over ${ourRows} training rows (10% held out for the validation loss, computed each epoch); ` +
      `epoch 1 with set-up, median: WASM ${ms(median(ours.wasm.firstEpochMs))} ms, cpu ${ms(median(ours.cpu.firstEpochMs))} ms. ` +
      `scikit-learn: fit time / n_iter_ (${sk.epochs}) over all ${nTrain} training rows, float64, no validation split.`,
  );
  console.error(`mlp.bench: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
