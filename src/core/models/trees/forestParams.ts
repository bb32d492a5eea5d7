/**
 * Hyperparameters of the CART family (decision tree, random forest, extra trees), with
 * scikit-learn's defaults, and a check that turns a bad value into a sentence.
 */
import { MAX_BINS } from './binMapper';

export type MaxFeatures = 'auto' | 'sqrt' | 'log2' | 'all' | number;

export type TreeParams = {
  /** 0 for no limit (grow until leaves are pure or too small to split). */
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /**
   * Features tried at each split: 'auto' is 'sqrt' for classification and 'all' for
   * regression (scikit-learn's forest defaults); a number in (0, 1] is a share of the columns.
   */
  maxFeatures: MaxFeatures;
  maxBins: number;
};

export type ForestParams = TreeParams & {
  trees: number;
  /** Each tree sees a bootstrap sample (n draws with replacement) of the rows. */
  bootstrap: boolean;
};

export const TREE_DEFAULTS: TreeParams = { maxDepth: 0, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: 'all', maxBins: MAX_BINS };

export const RANDOM_FOREST_DEFAULTS: ForestParams = { ...TREE_DEFAULTS, maxFeatures: 'auto', trees: 100, bootstrap: true };

export const EXTRA_TREES_DEFAULTS: ForestParams = { ...TREE_DEFAULTS, maxFeatures: 'auto', trees: 100, bootstrap: false };

export function resolveForestParams(defaults: ForestParams, params: Partial<ForestParams>): ForestParams {
  const p: ForestParams = { ...defaults, ...params };
  const check = (name: keyof ForestParams, ok: boolean, expected: string): void => {
    if (!ok) throw new Error(`The parameter "${name}" is ${String(p[name])}; expected ${expected}.`);
  };
  const int = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  check('trees', int(p.trees, 1, 10_000), 'an integer from 1 to 10000');
  check('maxDepth', int(p.maxDepth, 0, 10_000), 'a whole number (0 for no limit)');
  check('minSamplesSplit', int(p.minSamplesSplit, 2, Number.MAX_SAFE_INTEGER), 'an integer of at least 2');
  check('minSamplesLeaf', int(p.minSamplesLeaf, 1, Number.MAX_SAFE_INTEGER), 'a positive integer');
  const mf = p.maxFeatures;
  check(
    'maxFeatures',
    (typeof mf === 'string' && ['auto', 'sqrt', 'log2', 'all'].includes(mf)) || (typeof mf === 'number' && mf > 0 && mf <= 1),
    '"auto", "sqrt", "log2", "all" or a share of the columns in (0, 1]',
  );
  check('maxBins', int(p.maxBins, 2, MAX_BINS), `an integer from 2 to ${MAX_BINS}`);
  check('bootstrap', typeof p.bootstrap === 'boolean', 'true or false');
  return p;
}

/** How many features each split tries, for `cols` columns. */
export function featuresPerSplit(maxFeatures: MaxFeatures, cols: number, classification: boolean): number {
  const mode = maxFeatures === 'auto' ? (classification ? 'sqrt' : 'all') : maxFeatures;
  let count: number;
  if (mode === 'all') count = cols;
  else if (mode === 'sqrt') count = Math.floor(Math.sqrt(cols));
  else if (mode === 'log2') count = Math.floor(Math.log2(cols));
  else count = Math.floor(mode * cols);
  return Math.min(cols, Math.max(1, count));
}
