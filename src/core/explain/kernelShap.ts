/**
 * Kernel SHAP (Lundberg & Lee 2017) for any model, on its input table columns: the Shapley
 * values of v(S) = the mean prediction over the background rows with the columns in S set to
 * the explained row's values (interventional, "independent features" SHAP).
 *
 * Chosen over permutation sampling because: with the efficiency constraint solved exactly
 * (sum of values = prediction - base), additivity holds to rounding whatever the sample; with
 * up to about 11 varying columns (most tabular data) every coalition fits the default budget
 * and the values are exact, not estimates; beyond that the weighted regression over paired
 * coalitions uses each evaluation for all players at once and converges faster than
 * permutations; and a batch of coalitions is one `predict` call on one table.
 *
 * Columns whose value every background row already shares get exactly 0 and are left out of
 * the regression (as shap's KernelExplainer does).
 */
import { takeRows, type Table } from '../data/table';
import { createRng } from '../random';
import { coalitionTable, preparePlayers, type Player } from './coalitionTable';
import { defaultCoalitionBudget, kernelCoalitions } from './kernelCoalitions';
import { predictionOutputs } from './predictionOutputs';
import { solveLinear } from './solveLinear';
import { createStopCheck } from './stopCheck';
import type { PredictFn } from './types';

export interface KernelShapOptions {
  /** The players: input columns of the model, in both tables (default: every column of `table`). */
  columns?: readonly string[];
  /** Class names, when the predictions do not name them. */
  classes?: string[];
  /** Coalitions evaluated at most (default 2 M + 2048, as shap). */
  maxCoalitions?: number;
  seed?: number;
  signal?: AbortSignal;
}

export interface KernelShapValues {
  /** 'prediction', or one name per class (probabilities). */
  outputs: string[];
  columns: string[];
  /** Mean prediction over the background rows, per output. */
  base: Float64Array;
  /** The row's prediction, per output. */
  output: Float64Array;
  /** [column * outputs + output]; base + the sum over columns equals output. */
  phi: Float64Array;
  /** Every coalition was evaluated, so the values are exact Shapley values. */
  exact: boolean;
  coalitions: number;
  backgroundRows: number;
}

/** Predicted rows per `predict` call: large enough to be fast, small enough to stop promptly. */
const BATCH_ROWS = 20_000;

export async function kernelShap(predict: PredictFn, table: Table, row: number, background: Table, options: KernelShapOptions = {}): Promise<KernelShapValues> {
  if (!(Number.isInteger(row) && row >= 0 && row < table.rowCount)) throw new Error(`Row ${row} is not in the data (${table.rowCount} rows).`);
  if (background.rowCount === 0) throw new Error('Kernel SHAP needs at least one background row.');
  const stop = createStopCheck(options.signal);
  const columns = (options.columns ?? table.columns.map((c) => c.name)).slice();
  const players = preparePlayers(background, table, row, columns);

  const bgOut = predictionOutputs(predict(background), background.rowCount, options.classes);
  const outputs = bgOut.names;
  const K = outputs.length;
  const B = background.rowCount;
  const base = meanRows(bgOut.values, B, K);
  const output = predictionOutputs(predict(takeRows(table, [row])), 1, options.classes).values.slice(0, K);
  const delta = Float64Array.from(output, (v, k) => v - base[k]);

  const active = players.filter((p) => p.varies);
  const M = active.length;
  const phi = new Float64Array(columns.length * K);
  const place = (p: Player, values: ArrayLike<number>, at: number) => {
    const c = players.indexOf(p);
    for (let k = 0; k < K; k++) phi[c * K + k] = values[at * K + k];
  };
  const budget = options.maxCoalitions ?? defaultCoalitionBudget(M);
  const coalitions = kernelCoalitions(M, budget, createRng(options.seed ?? 0));
  if (M === 1) place(active[0], delta, 0);
  if (M >= 2) {
    // v(S) - base per coalition and output, evaluated in batches of whole coalitions.
    const C = coalitions.masks.length;
    const v = new Float64Array(C * K);
    const perBatch = Math.max(1, Math.floor(BATCH_ROWS / B));
    for (let first = 0; first < C; first += perBatch) {
      await stop();
      const masks = coalitions.masks.slice(first, first + perBatch);
      const out = predictionOutputs(predict(coalitionTable(background, active, masks)), masks.length * B, options.classes);
      const means = meanBlocks(out.values, masks.length, B, K);
      for (let i = 0; i < masks.length * K; i++) v[first * K + i] = means[i] - base[i % K];
    }
    const solved = solveWithEfficiency(coalitions.masks, coalitions.weights, v, delta, M, K);
    active.forEach((p, i) => place(p, solved, i));
  }
  return {
    outputs,
    columns,
    base,
    output,
    phi,
    exact: coalitions.exact,
    coalitions: M >= 2 ? coalitions.masks.length : 0,
    backgroundRows: B,
  };
}

/**
 * The weighted least squares of Kernel SHAP under sum(phi) = delta: the last player's value is
 * delta minus the others', which leaves an unconstrained problem in M - 1 unknowns.
 */
function solveWithEfficiency(masks: readonly Uint8Array[], weights: Float64Array, v: Float64Array, delta: Float64Array, M: number, K: number): Float64Array {
  const n = M - 1;
  const A = new Float64Array(n * n);
  const b = new Float64Array(n * K);
  const d = new Float64Array(n);
  masks.forEach((mask, c) => {
    const w = weights[c];
    const last = mask[n];
    for (let i = 0; i < n; i++) d[i] = mask[i] - last;
    for (let i = 0; i < n; i++) {
      if (d[i] === 0) continue;
      for (let j = 0; j < n; j++) A[i * n + j] += w * d[i] * d[j];
      for (let k = 0; k < K; k++) b[i * K + k] += w * d[i] * (v[c * K + k] - last * delta[k]);
    }
  });
  const x = solveLinear(A, b, n, K);
  const phi = new Float64Array(M * K);
  phi.set(x);
  for (let k = 0; k < K; k++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += x[i * K + k];
    phi[n * K + k] = delta[k] - sum;
  }
  return phi;
}

function meanRows(values: Float64Array, rows: number, K: number): Float64Array {
  return meanBlocks(values, 1, rows, K);
}

/** Means of `blocks` consecutive blocks of `rows` rows each, per output. */
function meanBlocks(values: Float64Array, blocks: number, rows: number, K: number): Float64Array {
  const out = new Float64Array(blocks * K);
  for (let c = 0; c < blocks; c++) {
    for (let r = 0; r < rows; r++) for (let k = 0; k < K; k++) out[c * K + k] += values[(c * rows + r) * K + k];
    for (let k = 0; k < K; k++) out[c * K + k] /= rows;
  }
  return out;
}
