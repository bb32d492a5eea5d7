/**
 * One CART decision tree (gini for classification, squared error for regression), grown until
 * its leaves are pure unless limited by depth or leaf size, as scikit-learn's defaults do.
 */
import type { ModelSpec } from '../types';
import { fitCartModel } from './fitCartModel';
import { parseForestJson } from './forestModel';
import { resolveForestParams, TREE_DEFAULTS, type TreeParams } from './forestParams';

const KIND = 'decision_tree';

export const decisionTree: ModelSpec<TreeParams> = {
  name: KIND,
  label: 'Decision tree',
  // Trees split on category codes directly: one column per category would only slow them down.
  categoricalEncoding: 'ordinal',
  tasks: ['classification', 'regression'],
  defaults: TREE_DEFAULTS,

  async fit(X, y, shape, params, ctx) {
    // A forest of one tree on every row: no bootstrap, all features unless told otherwise.
    const p = resolveForestParams({ ...TREE_DEFAULTS, trees: 1, bootstrap: false }, { ...params, trees: 1, bootstrap: false });
    return fitCartModel(KIND, X, y, shape, p, false, ctx);
  },

  fromJSON(json) {
    return parseForestJson(json, KIND);
  },
};
