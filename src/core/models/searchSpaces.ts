/**
 * Where hyperparameter search looks, per model: ranges in the spirit of what scikit-learn users,
 * auto-sklearn and FLAML tune. A model without an entry is not tuned (its defaults are all it
 * gets). Every name is one of the model's own parameters and every value passes its checks
 * (the tests fit each model on sampled configurations to prove it).
 *
 * The inputs reach the models already standardised by the recipe, so penalty ranges need not
 * follow the columns' scales.
 */
import type { Rng } from '../random';
import type { ModelParams } from './types';

export type ParamRange =
  | { kind: 'float'; low: number; high: number; log: boolean }
  | { kind: 'int'; low: number; high: number; log: boolean }
  | { kind: 'choice'; values: readonly (number | string | boolean)[] };

/** One range per tuned parameter; parameters left out keep the model's default. */
export type SearchSpace = Readonly<Record<string, ParamRange>>;

const float = (low: number, high: number, log = false): ParamRange => ({ kind: 'float', low, high, log });
const int = (low: number, high: number, log = false): ParamRange => ({ kind: 'int', low, high, log });
const choice = (...values: (number | string | boolean)[]): ParamRange => ({ kind: 'choice', values });

/** The forests share their knobs: how random each split is, and how far trees grow. */
const FOREST_SPACE: SearchSpace = {
  // auto-sklearn samples the share of features 0..1; these cover its useful part plus the classic rules.
  maxFeatures: choice('sqrt', 'log2', 0.3, 0.5, 0.7, 'all'),
  // auto-sklearn's 1..20: larger leaves smooth noisy targets; log so small leaves get most draws.
  minSamplesLeaf: int(1, 20, true),
  // auto-sklearn's 2..20.
  minSamplesSplit: int(2, 20),
  // 0 (no limit) is scikit-learn's default; the others cap trees on small noisy data.
  maxDepth: choice(0, 6, 12, 24),
};

export const searchSpaces: Readonly<Record<string, SearchSpace>> = {
  logistic_regression: {
    // The studio's l2 is about 1 / (2 C n): C from 100 to 0.01 at a few hundred to thousands of rows.
    l2: float(1e-5, 1e-1, true),
    // The studio's l1 is 1 / (C n) for penalty='l1': from almost none to about a tenth of
    // the inputs kept on a few hundred rows (breast cancer keeps 4 of 30 at 0.04).
    l1: float(1e-6, 1e-2, true),
  },
  ridge: {
    // scikit-learn's RidgeCV-style logarithmic grid, 1e-4 (almost OLS) to 1e2 (heavy shrinkage).
    alpha: float(1e-4, 1e2, true),
  },
  lasso: {
    // Same span as ridge; large alphas zero every coefficient, tiny ones approach OLS.
    alpha: float(1e-4, 1e2, true),
  },
  elastic_net: {
    // As lasso; the penalty's strength spans six decades.
    alpha: float(1e-4, 1e2, true),
    // The whole mix from ridge (0) to lasso (1), as ElasticNetCV's l1_ratio grid.
    l1Ratio: float(0, 1),
  },
  hist_gradient_boosting: {
    // auto-sklearn's 0.01..1 trimmed to 0.3 (FLAML's practical top): max_iter stays 100.
    learningRate: float(0.01, 0.3, true),
    // auto-sklearn's 3..2047 narrowed to 8..128 around the default 31, log-uniform.
    maxLeafNodes: int(8, 128, true),
    // auto-sklearn's 1..200, log-uniform: small data needs small leaves, big data tolerates large.
    minSamplesLeaf: int(1, 200, true),
    // auto-sklearn's 1e-10..1, log-uniform: from no penalty to a strong one on leaf values.
    l2Regularization: float(1e-10, 1, true),
  },
  random_forest: FOREST_SPACE,
  extra_trees: FOREST_SPACE,
  decision_tree: {
    // A single tree overfits unless limited: 0 is unlimited, the others are common depth caps.
    maxDepth: choice(0, 3, 5, 8, 12, 20),
    // Wider than the forests' 1..20 because one tree has no averaging to smooth its leaves.
    minSamplesLeaf: int(1, 50, true),
    // auto-sklearn's 2..20.
    minSamplesSplit: int(2, 20),
  },
  k_nearest_neighbors: {
    // auto-sklearn's 1..100 log-uniform, capped at 50: beyond it kNN is mostly the class prior.
    neighbors: int(1, 50, true),
    // Both of scikit-learn's weightings, as auto-sklearn tunes them.
    weights: choice('uniform', 'distance'),
  },
  gaussian_naive_bayes: {
    // The usual GridSearchCV grid np.logspace(0, -9) shifted: 1e-10 (default-like) to 0.1.
    varSmoothing: float(1e-10, 1e-1, true),
  },
  categorical_naive_bayes: {
    // Laplace smoothing from almost none to strong, log-uniform; the numeric columns' bin count.
    alpha: float(1e-3, 10, true),
    bins: int(3, 30, false),
  },
  linear_svm: {
    // C from strong (1e-3) to weak (1e2) regularisation, log-uniform as LinearSVC grids are.
    C: float(1e-3, 1e2, true),
  },
  neural_network: {
    // One or two layers of common widths: deeper nets rarely pay on tabular data of this size.
    hiddenLayers: choice('32', '64', '128', '32,32', '64,64', '128,64'),
    // Adam's useful range around its 1e-3 default.
    learningRate: float(1e-4, 1e-2, true),
    // From none to heavy; the model accepts below 0.9.
    dropout: float(0, 0.5),
    // Weight decay from negligible to strong, log-uniform around the default 1e-4.
    l2: float(1e-6, 1e-2, true),
  },
};

/**
 * One configuration drawn from `space`, in the space's key order so the same rng state gives
 * the same draw. Log ranges are sampled uniformly in log space; integers land on every value
 * from low to high inclusive (floor of a draw from [low, high + 1)).
 */
export function sampleParams(space: SearchSpace, rng: Rng): ModelParams {
  const out: ModelParams = {};
  for (const [name, range] of Object.entries(space)) out[name] = sampleRange(name, range, rng);
  return out;
}

function sampleRange(name: string, range: ParamRange, rng: Rng): number | string | boolean {
  if (range.kind === 'choice') {
    if (range.values.length === 0) throw new Error(`The search range of "${name}" offers no values.`);
    return range.values[rng.int(range.values.length)];
  }
  const { low, high, log } = range;
  if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high)) throw new Error(`The search range of "${name}" is ${low}..${high}.`);
  if (log && !(low > 0)) throw new Error(`The logarithmic search range of "${name}" must start above 0, got ${low}.`);
  const top = range.kind === 'int' ? high + 1 : high;
  const u = rng.next();
  const value = log ? Math.exp(Math.log(low) + u * (Math.log(top) - Math.log(low))) : low + u * (top - low);
  // Rounding error at either end must not leave the range.
  if (range.kind === 'int') return Math.min(high, Math.max(low, Math.floor(value)));
  return Math.min(high, Math.max(low, value));
}
