/**
 * Hyperparameter search for one model: candidate configurations drawn from its search space
 * (`searchSpaces.ts`), each cross-validated on the same seeded folds, best by the task's metric
 * (accuracy or R², higher is better, NaN worst).
 *
 * The defaults are always cross-validated first, on every row, so the search has a result that
 * is never worse than the defaults even when the time budget stops it at once, and only
 * full-data scores decide the winner, which keeps it comparable with other models' CV scores.
 *
 * - 'random': every candidate on every row.
 * - 'halving': successive halving as scikit-learn's HalvingRandomSearchCV (factor 3, resource =
 *   training rows, min_resources='exhaust'): rung 0 scores all candidates on a seeded stratified
 *   subsample, each rung keeps the best third on three times the rows, and the last rung uses
 *   every row. Its best candidate competes with the defaults.
 */
import type { Table } from '../data/table';
import type { SupervisedTask } from '../prep/chooseTask';
import type { ClassificationTarget, RegressionTarget } from '../prep/encodeTarget';
import type { Recipe } from '../prep/recipe';
import { splitRows } from '../prep/splitRows';
import { createRng } from '../random';
import { isAbortError, throwIfAborted } from './abort';
import { rankingMetric } from './autoMLRules';
import { crossValidate, type CrossValidation } from './crossValidate';
import type { FoldBy } from '../prep/foldsBy';
import { sampleParams, searchSpaces, type SearchSpace } from './searchSpaces';
import type { ModelParams, ModelSpec } from './types';

export type SearchStrategy = 'random' | 'halving';

export interface SearchInput {
  table: Table;
  target: string;
  task: SupervisedTask;
  encoded: ClassificationTarget | RegressionTarget;
  spec: ModelSpec<ModelParams>;
  /** The unfitted recipe; it is refitted on the training part of every fold. */
  recipe: Recipe;
  folds: number;
  seed: number;
  /** Folds by group or in time order (see crossValidate). */
  by?: FoldBy;
  strategy: SearchStrategy;
  /** Sampled candidates besides the defaults; default 8 for 'random', 16 for 'halving'. */
  trials?: number;
  /** Seconds; no evaluation starts after it has passed (the defaults always run). */
  timeBudgetSeconds?: number;
  /** Default `searchSpaces[spec.name]`; none: only the defaults are evaluated. */
  space?: SearchSpace;
  /** Fixed overrides of the model's defaults, kept under every candidate. */
  baseParams?: Partial<ModelParams>;
  signal?: AbortSignal;
  /** See FitContext.deadline. */
  deadline?: number;
  onTrial?: (trial: SearchTrial) => void;
}

export interface SearchTrial {
  /** Evaluation number, in the order they ran (0 is the defaults). */
  trial: number;
  /** Configuration number: 0 is the defaults, 1.. the sampled ones (one per halving rung it reaches). */
  candidate: number;
  params: ModelParams;
  /** The K-fold mean of the task's metric; NaN when undefined or when the fit failed. */
  score: number;
  std: number;
  /** Halving only: the rung (0 = fewest rows); absent for the defaults and random search. */
  rung?: number;
  /** Rows (with a target) the folds were dealt from. */
  rows: number;
  /** Absent when the fit failed. */
  cv?: CrossValidation;
  /** Why the candidate's fit failed. */
  error?: string;
}

export interface SearchResult {
  /** 'accuracy' or 'r2'. */
  metric: string;
  best: { params: ModelParams; cv: CrossValidation; score: number; candidate: number };
  /** Every evaluation, in order. */
  trials: SearchTrial[];
  /** True when the time budget left candidates unevaluated. */
  stoppedByBudget: boolean;
}

/** Halving keeps a third of the candidates and triples the rows at each rung (scikit-learn's default factor). */
const FACTOR = 3;

/** Budget exhausted: a signal to unwind the search, not an error. */
class BudgetSpent extends Error {}

export async function searchHyperparameters(input: SearchInput): Promise<SearchResult> {
  const { encoded, spec, strategy } = input;
  if (encoded.task !== input.task) throw new Error(`The target was encoded for ${encoded.task}, not ${input.task}.`);
  if (strategy !== 'random' && strategy !== 'halving') throw new Error(`There is no search strategy "${String(strategy)}"; use "random" or "halving".`);
  const metric = rankingMetric(input.task);
  const defaults: ModelParams = { ...spec.defaults, ...stripUndefined(input.baseParams) };
  const space = input.space ?? searchSpaces[spec.name];
  const count = input.trials ?? (strategy === 'halving' ? 16 : 8);
  if (!(Number.isInteger(count) && count >= 0)) throw new Error(`The number of search trials must be a whole number, got ${count}.`);
  const candidates = [defaults, ...(space ? drawCandidates(space, defaults, count, input.seed) : [])];

  const started = performance.now();
  const budget = input.timeBudgetSeconds;
  const trials: SearchTrial[] = [];
  let stoppedByBudget = false;

  const evaluate = async (candidate: number, positions: Int32Array | undefined, rung: number | undefined): Promise<SearchTrial> => {
    throwIfAborted(input.signal);
    if (trials.length > 0 && budget !== undefined && (performance.now() - started) / 1000 >= budget) throw new BudgetSpent();
    const params = candidates[candidate];
    const subset = positions ? subsetTarget(encoded, positions) : encoded;
    const base = { trial: trials.length, candidate, params, rows: subset.rows.length, ...(rung === undefined ? {} : { rung }) };
    let record: SearchTrial;
    try {
      const cv = await crossValidate({ ...input, encoded: subset, params });
      record = { ...base, score: cv.mean[metric], std: cv.std[metric], cv };
    } catch (error) {
      if (isAbortError(error) || input.signal?.aborted) throw error;
      // The defaults failing means the model cannot be trained at all: the caller reports it.
      if (candidate === 0) throw error;
      record = { ...base, score: NaN, std: NaN, error: error instanceof Error ? error.message : String(error) };
    }
    trials.push(record);
    input.onTrial?.(record);
    return record;
  };

  await evaluate(0, undefined, undefined);
  try {
    const sampled = candidates.map((_, k) => k).slice(1);
    if (strategy === 'random') {
      for (const k of sampled) await evaluate(k, undefined, undefined);
    } else if (sampled.length > 0) {
      await halve(input, sampled, evaluate);
    }
  } catch (error) {
    if (!(error instanceof BudgetSpent)) throw error;
    stoppedByBudget = true;
  }

  // Only full-data scores compete; ties keep the earlier candidate, so the defaults win ties.
  const n = encoded.rows.length;
  let best = trials[0];
  for (const t of trials) if (t.rows === n && t.cv && better(t.score, best.score)) best = t;
  return { metric, best: { params: best.params, cv: best.cv!, score: best.score, candidate: best.candidate }, trials, stoppedByBudget };
}

/**
 * The rungs for `candidates` configurations on `n` rows: as scikit-learn's 'exhaust', as many
 * rungs as it takes to reach one candidate, fewer when the smallest subsample would fall below
 * `minRows`; the last rung uses every row.
 */
export function halvingRungs(candidates: number, n: number, minRows: number): { rows: number; keep: number }[] {
  let required = 1;
  while (FACTOR ** required <= candidates) required++;
  let possible = 1;
  while (FACTOR ** possible * minRows <= n) possible++;
  const rungs = Math.max(1, Math.min(required, possible));
  const out: { rows: number; keep: number }[] = [];
  let alive = candidates;
  for (let i = 0; i < rungs; i++) {
    const rows = i === rungs - 1 ? n : Math.floor(n / FACTOR ** (rungs - 1 - i));
    out.push({ rows, keep: alive });
    alive = Math.ceil(alive / FACTOR);
  }
  return out;
}

/** Smallest subsample: every fold's test part holds about two rows per class, and at least six rows. */
export function minRungRows(folds: number, classes: number): number {
  return folds * Math.max(2 * classes, 6);
}

async function halve(
  input: SearchInput,
  sampled: number[],
  evaluate: (candidate: number, positions: Int32Array | undefined, rung: number) => Promise<SearchTrial>,
): Promise<void> {
  const { encoded } = input;
  const n = encoded.rows.length;
  const classes = encoded.task === 'classification' ? encoded.classes.length : 1;
  const rungs = halvingRungs(sampled.length, n, minRungRows(input.folds, classes));
  let alive = sampled;
  for (const [rung, { rows, keep }] of rungs.entries()) {
    alive = alive.slice(0, keep);
    const positions = rows < n ? subsampleRows(encoded, rows, input.seed) : undefined;
    const scored: { candidate: number; score: number }[] = [];
    for (const candidate of alive) scored.push({ candidate, score: (await evaluate(candidate, positions, rung)).score });
    // Stable sort: ties keep the earlier candidate.
    scored.sort((a, b) => (better(a.score, b.score) ? -1 : better(b.score, a.score) ? 1 : 0));
    alive = scored.map((s) => s.candidate);
  }
}

/**
 * A seeded stratified sample of `count` positions in the encoded rows. It reuses the hold-out
 * split's stratified draw; since the shuffle depends only on the seed, a larger count takes a
 * superset, so the rungs' subsamples are nested.
 */
export function subsampleRows(encoded: ClassificationTarget | RegressionTarget, count: number, seed: number): Int32Array {
  const n = encoded.rows.length;
  const stratify = encoded.task === 'classification' ? encoded.y : undefined;
  return splitRows(n, { testFraction: count / n, seed, stratify }).test;
}

/** The encoded target restricted to some positions: table rows and labels stay paired, classes unchanged. */
export function subsetTarget<T extends ClassificationTarget | RegressionTarget>(encoded: T, positions: Int32Array): T {
  const rows = Int32Array.from(positions, (i) => encoded.rows[i]);
  const y = encoded.task === 'classification' ? Int32Array.from(positions, (i) => encoded.y[i]) : Float64Array.from(positions, (i) => encoded.y[i]);
  return { ...encoded, rows, y };
}

/**
 * `count` distinct configurations, none equal to the defaults, from a generator seeded apart
 * from the folds. A small space may offer fewer; the draws give up after ten tries per trial.
 */
function drawCandidates(space: SearchSpace, defaults: ModelParams, count: number, seed: number): ModelParams[] {
  const rng = createRng(seed ^ 0x5eed5eed);
  const seen = new Set([key(defaults)]);
  const out: ModelParams[] = [];
  for (let tries = 0; out.length < count && tries < count * 10; tries++) {
    const params = { ...defaults, ...sampleParams(space, rng) };
    const k = key(params);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(params);
  }
  return out;
}

function key(params: ModelParams): string {
  return JSON.stringify(Object.keys(params).sort().map((k) => [k, params[k]]));
}

/** Higher is better; NaN loses to every number. */
function better(a: number, b: number): boolean {
  if (Number.isNaN(a)) return false;
  return Number.isNaN(b) || a > b;
}

function stripUndefined(params: Partial<ModelParams> | undefined): ModelParams {
  const out: ModelParams = {};
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) out[k] = v;
  return out;
}
