/**
 * The quality bar: on real public data sets, AutoML's best 5-fold CV score (seed 0, the default
 * recipe and models) must match or beat the best of scikit-learn's LogisticRegression/Ridge,
 * RandomForest and HistGradientBoosting with default settings on the same folds, within 0.01
 * accuracy or 0.02 R². The reference numbers come from
 *   /usr/bin/python3 tests/fixtures/quality/make_quality_data.py
 *   npx tsx tests/fixtures/quality/exportFolds.ts
 *   /usr/bin/python3 tests/fixtures/quality/make_quality_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../data/readCsv';
import type { SupervisedTask } from '../prep/chooseTask';
import { encodeTarget } from '../prep/encodeTarget';
import { kFoldRows } from '../prep/splitRows';
import { autoTrain, rankingMetric, rankingScore } from './autoTrain';
import { ensureTfBackend } from './tfBackend';

interface FoldsDataset {
  name: string;
  csv: string;
  target: string;
  task: SupervisedTask;
  rows: number[];
  fold: number[];
}

interface SklearnDataset {
  metric: string;
  models: Record<string, { perFold: number[]; mean: number }>;
  best: { model: string; mean: number };
}

const fixture = (name: string) => new URL(`../../../tests/fixtures/quality/${name}`, import.meta.url);
const folds = JSON.parse(readFileSync(fixture('folds.json'), 'utf8')) as { folds: number; seed: number; datasets: FoldsDataset[] };
const sklearn = JSON.parse(readFileSync(fixture('sklearn_cv.json'), 'utf8')) as { datasets: Record<string, SklearnDataset> };

const TOLERANCE: Record<SupervisedTask, number> = { classification: 0.01, regression: 0.02 };
const REGENERATE =
  'Re-run `npx tsx tests/fixtures/quality/exportFolds.ts` and then `/usr/bin/python3 tests/fixtures/quality/make_quality_fixtures.py` to refresh the fixtures.';
const summary: string[] = [];

beforeAll(async () => {
  await ensureTfBackend();
});

afterAll(() => {
  if (summary.length > 0) console.log(`Quality bar (5-fold CV, seed 0):\n${summary.join('\n')}`);
});

describe('quality bar: AutoML against scikit-learn on the same folds', () => {
  it('has a reference for every data set', () => {
    expect(folds.folds).toBe(5);
    expect(folds.seed).toBe(0);
    expect(folds.datasets.map((d) => d.name).sort()).toEqual(Object.keys(sklearn.datasets).sort());
  });

  for (const dataset of folds.datasets) {
    it(
      dataset.name,
      async () => {
        const bytes = new Uint8Array(readFileSync(new URL(`../../../${dataset.csv}`, import.meta.url)));
        const { table } = readCsv(bytes, { fileName: basename(dataset.csv) });

        // The reference is only comparable if scikit-learn saw the very folds the studio deals.
        const encoded = encodeTarget(table, dataset.target, dataset.task);
        const stratify = encoded.task === 'classification' ? encoded.y : undefined;
        const fold = new Array<number>(encoded.rows.length);
        kFoldRows(encoded.rows.length, folds.folds, folds.seed, stratify).forEach((split, f) => {
          for (const i of split.test) fold[i] = f;
        });
        const same = Array.from(encoded.rows).join() === dataset.rows.join() && fold.join() === dataset.fold.join();
        if (!same) throw new Error(`The stored folds of ${dataset.name} no longer match the studio's rows or kFoldRows, so sklearn_cv.json is stale. ${REGENERATE}`);

        const started = performance.now();
        const result = await autoTrain(table, { target: dataset.target, task: dataset.task, seed: folds.seed, folds: folds.folds });
        const seconds = (performance.now() - started) / 1000;
        expect(result.failures).toEqual([]);
        expect(result.skipped).toEqual([]);

        const best = result.ranked[0];
        const ours = rankingScore(best.result, dataset.task);
        const reference = sklearn.datasets[dataset.name];
        expect(reference.metric).toBe(rankingMetric(dataset.task));
        const margin = ours - reference.best.mean;
        const timings = result.ranked.map((c) => `${c.result.modelName} ${rankingScore(c.result, dataset.task).toFixed(4)} (${c.fitSeconds.toFixed(1)} s)`);
        summary.push(
          `${dataset.name}: ours ${best.result.modelName} ${ours.toFixed(4)}, sklearn ${reference.best.model} ${reference.best.mean.toFixed(4)}, ` +
            `margin ${margin >= 0 ? '+' : ''}${margin.toFixed(4)} ${reference.metric}; AutoML ${seconds.toFixed(1)} s: ${timings.join(', ')}`,
        );
        expect(ours, `${dataset.name}: best ${best.result.modelName} ${reference.metric} ${ours} vs scikit-learn's ${reference.best.model} ${reference.best.mean}`).toBeGreaterThanOrEqual(
          reference.best.mean - TOLERANCE[dataset.task],
        );
      },
      300_000,
    );
  }
});
