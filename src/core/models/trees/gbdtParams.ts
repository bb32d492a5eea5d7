/**
 * Hyperparameters of histogram gradient boosting, with scikit-learn's defaults, and a check
 * that turns a bad value (from the UI, a CLI flag or a stored bundle) into a sentence.
 */
import { MAX_BINS } from './binMapper';

// A type alias, not an interface, so it fits ModelParams' flat record without an index signature.
export type GbdtParams = {
  learningRate: number;
  /** Boosting rounds (scikit-learn's max_iter). */
  maxIter: number;
  maxLeafNodes: number;
  /** 0 for no limit. */
  maxDepth: number;
  minSamplesLeaf: number;
  l2Regularization: number;
  maxBins: number;
  /** 'auto' stops early only with more than 10,000 rows, as scikit-learn does. */
  earlyStopping: 'auto' | 'on' | 'off';
  validationFraction: number;
  /** Rounds without an improvement of at least `tol` in validation loss before stopping. */
  patience: number;
  tol: number;
};

export const GBDT_DEFAULTS: GbdtParams = {
  learningRate: 0.1,
  maxIter: 100,
  maxLeafNodes: 31,
  maxDepth: 0,
  minSamplesLeaf: 20,
  l2Regularization: 0,
  maxBins: MAX_BINS,
  earlyStopping: 'auto',
  validationFraction: 0.1,
  patience: 10,
  tol: 1e-7,
};

/** Rows above which 'auto' early stopping holds out a validation split. */
export const AUTO_EARLY_STOPPING_ROWS = 10_000;

export function resolveGbdtParams(params: Partial<GbdtParams>): GbdtParams {
  const p: GbdtParams = { ...GBDT_DEFAULTS, ...params };
  const check = (name: keyof GbdtParams, ok: boolean, expected: string): void => {
    if (!ok) throw new Error(`The parameter "${String(name)}" is ${String(p[name])}; expected ${expected}.`);
  };
  const int = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  check('learningRate', typeof p.learningRate === 'number' && p.learningRate > 0 && p.learningRate <= 10, 'a number above 0 and at most 10');
  check('maxIter', int(p.maxIter, 1, 100_000), 'an integer from 1 to 100000');
  check('maxLeafNodes', int(p.maxLeafNodes, 2, 1_000_000), 'an integer of at least 2');
  check('maxDepth', int(p.maxDepth, 0, 10_000), 'a whole number (0 for no limit)');
  check('minSamplesLeaf', int(p.minSamplesLeaf, 1, Number.MAX_SAFE_INTEGER), 'a positive integer');
  check('l2Regularization', typeof p.l2Regularization === 'number' && p.l2Regularization >= 0 && Number.isFinite(p.l2Regularization), 'a number of at least 0');
  check('maxBins', int(p.maxBins, 2, MAX_BINS), `an integer from 2 to ${MAX_BINS}`);
  check('earlyStopping', ['auto', 'on', 'off'].includes(p.earlyStopping), '"auto", "on" or "off"');
  check('validationFraction', typeof p.validationFraction === 'number' && p.validationFraction > 0 && p.validationFraction < 1, 'a number between 0 and 1');
  check('patience', int(p.patience, 1, 100_000), 'a positive integer');
  check('tol', typeof p.tol === 'number' && p.tol >= 0 && Number.isFinite(p.tol), 'a number of at least 0');
  return p;
}
