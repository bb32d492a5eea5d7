/**
 * Elastic net: least squares with a mix of L1 and L2 penalties,
 *   (1/(2n))||y - Xw - b||² + alpha*l1Ratio*||w||₁ + 0.5*alpha*(1-l1Ratio)*||w||²,
 * fitted exactly by coordinate descent as scikit-learn's `ElasticNet(alpha, l1_ratio)`.
 */
import { checkAlpha, checkSolverParams, fitElasticNet, SOLVER_DEFAULTS, type ElasticNetParams } from './coordinateDescent';
import { checkParam, isFiniteNumber, parsePenalizedJson } from './penalizedLinearModel';
import type { ModelSpec } from './types';

export type { ElasticNetParams } from './coordinateDescent';

const KIND = 'elastic_net';

export function resolveElasticNetParams(params: Partial<ElasticNetParams>): ElasticNetParams {
  const p: ElasticNetParams = { ...elasticNetRegression.defaults, ...params };
  checkAlpha(p.alpha);
  checkParam('l1Ratio', p.l1Ratio, isFiniteNumber(p.l1Ratio) && p.l1Ratio >= 0 && p.l1Ratio <= 1, 'a number from 0 (ridge) to 1 (lasso)');
  checkSolverParams(p);
  return p;
}

export const elasticNetRegression: ModelSpec<ElasticNetParams> = {
  name: KIND,
  label: 'Elastic net',
  tasks: ['regression'],
  defaults: { alpha: 1, l1Ratio: 0.5, ...SOLVER_DEFAULTS },

  async fit(X, y, shape, params, ctx) {
    return fitElasticNet(KIND, X, y, shape, resolveElasticNetParams(params), ctx);
  },

  fromJSON(json) {
    return parsePenalizedJson(json, KIND);
  },
};
