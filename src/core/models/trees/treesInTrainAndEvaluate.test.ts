/**
 * The tree models through the studio's one training path (recipe, hold-out split, metrics),
 * as the UI and the CLI call them: by registry name, with their defaults.
 */
import { describe, expect, it } from 'vitest';
import { tableFromColumns, type CellValue } from '../../prep/tableFromColumns';
import { createRng } from '../../random';
import { trainAndEvaluate } from '../trainAndEvaluate';

/** 400 rows: a step in a numeric input (with gaps) and a categorical input drive both targets. */
function table() {
  const rng = createRng(3);
  const size: CellValue[] = [];
  const color: CellValue[] = [];
  const label: CellValue[] = [];
  const price: CellValue[] = [];
  for (let i = 0; i < 400; i++) {
    const s = rng.next() * 10;
    const c = ['red', 'green', 'blue'][rng.int(3)];
    size.push(i % 29 === 0 ? null : s);
    color.push(c);
    label.push((s > 6) !== (c === 'red') ? 'yes' : 'no');
    price.push((s > 6 ? 20 : 10) + (c === 'blue' ? 5 : 0) + rng.normal() * 0.1);
  }
  return tableFromColumns([
    { name: 'size', type: 'numeric', values: size },
    { name: 'color', type: 'categorical', values: color },
    { name: 'label', type: 'categorical', values: label },
    { name: 'price', type: 'numeric', values: price },
  ]);
}

/** Fewer trees than the default 100 keep the forests quick here. */
const PARAMS: Record<string, Record<string, number>> = { hist_gradient_boosting: {}, random_forest: { trees: 30 }, extra_trees: { trees: 30 }, decision_tree: {} };

describe.each(Object.keys(PARAMS))('%s in trainAndEvaluate', (model) => {
  it('classifies an interaction a linear model cannot', async () => {
    const result = await trainAndEvaluate(table(), { target: 'label', task: 'classification', model, seed: 1, params: PARAMS[model] });
    expect(result.modelName).toBe(model);
    expect(result.metrics.accuracy).toBeGreaterThan(0.9);
    expect(result.curve.length).toBeGreaterThan(0);
  });

  it('regresses a step, and the same seed gives the same metrics', async () => {
    const options = { target: 'price', task: 'regression' as const, model, seed: 2, params: PARAMS[model] };
    const a = await trainAndEvaluate(table(), options);
    const b = await trainAndEvaluate(table(), options);
    expect(a.metrics.r2).toBeGreaterThan(0.9);
    expect(b.metrics).toEqual(a.metrics);
  });
});
