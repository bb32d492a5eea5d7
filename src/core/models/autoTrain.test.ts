import { describe, expect, it } from 'vitest';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { createRng } from '../random';
import { autoTrain, rankingScore } from './autoTrain';

function blobs(seed = 5) {
  const rng = createRng(seed);
  const x: CellValue[] = [];
  const z: CellValue[] = [];
  const label: CellValue[] = [];
  for (let i = 0; i < 150; i++) {
    const k = i % 3;
    x.push(k * 3 + rng.normal());
    z.push(rng.normal());
    label.push(['a', 'b', 'c'][k]);
  }
  return tableFromColumns([
    { name: 'x', type: 'numeric', values: x },
    { name: 'z', type: 'numeric', values: z },
    { name: 'label', type: 'categorical', values: label },
  ]);
}

const base = { target: 'label', task: 'classification' as const, seed: 0, folds: 3 };

describe('autoTrain', () => {
  it('ranks the models best first by their K-fold mean, and reports each as it finishes', async () => {
    const seen: string[] = [];
    const { ranked } = await autoTrain(blobs(), {
      ...base,
      models: ['decision_tree', 'random_forest', 'extra_trees'],
      onCandidate: (c) => seen.push(c.result.modelName),
    });
    expect(seen).toEqual(['decision_tree', 'random_forest', 'extra_trees']);
    const scores = ranked.map((c) => rankingScore(c.result, 'classification'));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(ranked.every((c) => c.result.cv?.folds === 3)).toBe(true);
  });

  it('reports a model that fails and keeps the others', async () => {
    const failures: string[] = [];
    const { ranked } = await autoTrain(blobs(), {
      ...base,
      models: ['linear_regression', 'decision_tree'],
      onFailure: (f) => failures.push(`${f.model}: ${f.message}`),
    });
    expect(failures).toEqual(['linear_regression: The model "linear_regression" does not do classification.']);
    expect(ranked.map((c) => c.result.modelName)).toEqual(['decision_tree']);
  });

  it('starts no new model once the time budget has passed, but always trains one', async () => {
    const { ranked, skipped } = await autoTrain(blobs(), { ...base, models: ['decision_tree', 'random_forest'], timeBudgetSeconds: 0 });
    expect(ranked.map((c) => c.result.modelName)).toEqual(['decision_tree']);
    expect(skipped).toEqual(['random_forest']);
  });

  it('stops between models when aborted', async () => {
    const controller = new AbortController();
    await expect(
      autoTrain(blobs(), { ...base, models: ['decision_tree', 'random_forest'], signal: controller.signal, onCandidate: () => controller.abort() }),
    ).rejects.toThrow(/stopped/);
  });
});
