/**
 * Lasso: least squares with an L1 penalty, (1/(2n))||y - Xw - b||² + alpha*||w||₁, fitted
 * exactly by coordinate descent as scikit-learn's `Lasso(alpha)`; large alphas set
 * coefficients to exactly zero.
 */
import { checkAlpha, checkSolverParams, fitElasticNet, SOLVER_DEFAULTS, type SolverParams } from './coordinateDescent';
import { parsePenalizedJson } from './penalizedLinearModel';
import type { ModelSpec } from './types';

export type LassoParams = SolverParams & { alpha: number };

const KIND = 'lasso';

export function resolveLassoParams(params: Partial<LassoParams>): LassoParams {
  const p: LassoParams = { ...lassoRegression.defaults, ...params };
  checkAlpha(p.alpha);
  checkSolverParams(p);
  return p;
}

export const lassoRegression: ModelSpec<LassoParams> = {
  name: KIND,
  label: 'Lasso regression',
  tasks: ['regression'],
  defaults: { alpha: 1, ...SOLVER_DEFAULTS },

  async fit(X, y, shape, params, ctx) {
    const p = resolveLassoParams(params);
    return fitElasticNet(KIND, X, y, shape, { ...p, l1Ratio: 1 }, ctx);
  },

  fromJSON(json) {
    return parsePenalizedJson(json, KIND);
  },
};
