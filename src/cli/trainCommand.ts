/**
 * `train --data F.csv --target COL --out DIR [--task auto|classification|regression]
 *  [--models auto|NAME,...] [--seed N] [--test T.csv]`: trains, ranks and exports the best model;
 * with `--recipe R` it retrains the model bundle R on F.csv instead (see retrainModel).
 */
import { holdoutEvaluation } from '../core/evaluate/holdoutEvaluation';
import type { TrainResult } from '../core/models/trainAndEvaluate';
import { basename } from 'node:path';
import { readBundle } from '../core/bundle/readBundle';
import { writeBundle } from '../core/bundle/writeBundle';
import type { BundleInput } from '../core/bundle/bundleTypes';
import { trainingDriftReference } from '../core/monitor/trainingDriftReference';
import { columnIndex, countMissing, type Table } from '../core/data/table';
import { findModel, listModels, modelsForAutoML } from '../core/models/registry';
import { ensureTfBackend } from '../core/models/tfBackend';
import { validateTrainingSetup } from '../core/models/validateTrainingSetup';
import { profileTable } from '../core/profile/profileTable';
import { choiceOption, integerOption, parseOptions, requiredOption, stringOption } from './args';
import { chooseTask, MAX_INTEGER_CLASSES, type SupervisedTask } from '../core/prep/chooseTask';
import { CliError, EXIT_OK } from './cliError';
import type { Command } from './cliIO';
import { readCsvFile, sampleOption } from './csvInput';
import { checkOutputFolder, writeFolderAtomic } from './files';
import { scoreTestSet } from './scoreTestSet';
import { rankingMetric, trainModels, type LeaderboardEntry } from './trainModels';
import { trainClusters, type ClusterOptions } from './trainClusters';
import { checkReplayData, checkReplayOptions } from './checkReplay';
import { readRecordedTraining, retrainedFrom, type RecordedTraining } from './recordedTraining';
import { retrainModel } from './retrainModel';
import { unfittedRecipe } from '../core/prep/unfittedRecipe';
import { AUTO_FOLDS, AUTO_SEED, AUTO_TIME_BUDGET_SECONDS } from '../core/models/autoMLRules';
import type { FoldBy } from '../core/prep/foldsBy';
import { MAX_CLUSTERS } from '../core/models/kMeans';

const DEFAULT_FOLDS = AUTO_FOLDS;
const MAX_FOLDS = 20;
const DEFAULT_TIME_BUDGET = AUTO_TIME_BUDGET_SECONDS;

const usage = `Usage: npm run cli -- train --data F.csv --target COL --out DIR
         [--task auto|classification|regression|clustering] [--clusters K|auto] [--models auto|NAME,...] [--folds K] [--group COL|--time COL] [--time-budget S]
         [--search random|halving|none] [--trials N] [--seed N] [--test T.csv] [--sample-rows N]
       npm run cli -- train --data F.csv --recipe R --out DIR [--seed N] [--folds K] [--group COL|--time COL]
         [--search random|halving] [--trials N] [--time-budget S] [--clusters K] [--test T.csv]

Trains models to predict COL from the other columns of F.csv, ranks them by K-fold
cross-validation, and writes the best one (fitted on a seeded 80/20 split and scored on its
hold-out rows) as a model bundle (bundle.json, model.json, weights.bin for neural networks,
model-card.md) plus metrics.json into DIR. DIR must be new, empty, or an earlier bundle.

  --recipe R      retrains the model bundle R (a folder train wrote, or its bundle.json) on F.csv,
                  for scheduled runs: the same target and task, the recipe's steps refitted on the
                  new training rows, the same model and hyperparameters (tuned only with --search),
                  and R's seed, folds and --group/--time unless given here (k for clustering
                  unless --clusters); --target and --task may only repeat R's. metrics.json adds
                  "retrained_from": R's created_at, model and metrics, to compare with

  --sample-rows N  trains on a random sample of N rows of F.csv (seeded by --seed), streamed
                  from the file without holding it whole: for files too big to read whole

  --task clustering  k-means on every usable column (COL, if given, is left out); --clusters K
                  (2-50), or auto (default): the K from 2 to 10 with the best silhouette
  --task auto     classification when COL is categorical, boolean or text, or numeric with at
                  most ${MAX_INTEGER_CLASSES} distinct whole-number values; regression otherwise (default)
  --models auto   every model for the task (default); or a comma-separated list of names
  --folds K       cross-validation folds, stratified for classification (default 5);
                  0 ranks on the hold-out split alone
  --group COL     folds and hold-out by the groups of COL: no group on both sides
  --time COL      folds and hold-out in the time order of COL: scored on later rows only
  --time-budget S no new model or tuning trial starts after S seconds (default ${DEFAULT_TIME_BUDGET});
                  each model's defaults always run
  --search random tunes each model's hyperparameters by cross-validation within its share of
                  the budget: random search (default), halving (successive halving) or none
  --trials N      sampled configurations per model besides the defaults (default 8 random, 16 halving)
  --seed N        seeds the folds, the split and the models (default 0)
  --test T.csv    also score the best model on this labelled file ("test" in metrics.json)
`;

export const trainCommand: Command = {
  name: 'train',
  summary: 'train models on a CSV and write the best as a model bundle',
  usage,
  async run(argv, io) {
    const options = parseOptions('train', argv, {
      values: ['data', 'target', 'out', 'task', 'models', 'folds', 'time-budget', 'search', 'trials', 'seed', 'test', 'clusters', 'group', 'time', 'recipe', 'sample-rows'],
      flags: ['help'],
      required: ['data', 'out'],
    });
    if (options.has('help')) {
      io.stdout(usage);
      return EXIT_OK;
    }
    const data = requiredOption(options, 'data');
    const out = requiredOption(options, 'out');
    const recipeSource = stringOption(options, 'recipe');
    const recorded = recipeSource === undefined ? undefined : readRecordedTraining(recipeSource);
    if (recorded) checkReplayOptions(options, recorded);
    const taskOption = recorded?.meta.task ?? choiceOption(options, 'task', ['auto', 'classification', 'regression', 'clustering'] as const, 'auto');
    const seed = integerOption(options, 'seed', recorded?.seed ?? AUTO_SEED, 0, 2 ** 31 - 1);
    const sample = sampleOption(options, seed);
    if (taskOption === 'clustering') {
      const replay = recorded && replayedClustering(recorded);
      const clusters = stringOption(options, 'clusters');
      const k = clusters === undefined ? (replay?.clusters ?? 'auto') : clusters === 'auto' ? 'auto' : integerOption(options, 'clusters', 3, 2, MAX_CLUSTERS);
      checkOutputFolder(out);
      const table = readCsvFile(data, io, 'data file', sample);
      if (recorded) checkReplayData(recorded, table, data);
      const exclude = recorded ? recorded.meta.target || undefined : stringOption(options, 'target');
      await trainClusters({ table, data, out, exclude, seed, ...replay, clusters: k }, io);
      return EXIT_OK;
    }
    if (options.has('clusters')) throw new CliError('The option --clusters is for --task clustering.');
    const target = recorded?.meta.target ?? requiredOption(options, 'target');
    const folds = integerOption(options, 'folds', recorded?.folds ?? DEFAULT_FOLDS, 0, MAX_FOLDS);
    const timeBudgetSeconds = integerOption(options, 'time-budget', DEFAULT_TIME_BUDGET, 1, 7 * 24 * 3600);
    // A retrained model keeps its recorded hyperparameters unless a search is asked for.
    const searchOption = choiceOption(options, 'search', ['random', 'halving', 'none'] as const, recorded ? 'none' : 'random');
    const trials = options.has('trials') ? integerOption(options, 'trials', 8, 1, 500) : undefined;
    if (folds === 1) throw new CliError('The option --folds needs 0 (no cross-validation) or at least 2 folds.');
    const testFile = stringOption(options, 'test');
    const foldBy = foldByOption(stringOption(options, 'group'), stringOption(options, 'time')) ?? recorded?.foldBy;
    checkOutputFolder(out);

    const table = readCsvFile(data, io, 'data file', sample);
    if (recorded) checkReplayData(recorded, table, data);
    const targetColumn = table.columns[targetIndex(table, target, data)];
    const task = taskOption === 'auto' ? chooseTask(targetColumn) : taskOption;
    const { models, leftOut } = recorded ? { models: [recorded.meta.model.kind], leftOut: [] } : chooseModels(stringOption(options, 'models') ?? 'auto', task, table.rowCount);
    const problems = validateTrainingSetup(table, target, task);
    if (problems.length > 0) throw new CliError(problems[0]);
    if (foldBy && columnIndex(table, foldBy.column) < 0) {
      const from = recorded && foldBy === recorded.foldBy ? `, which "${recorded.source}" records` : '';
      throw new CliError(`There is no column "${foldBy.column}" in "${data}" for --${foldBy.kind}${from}.`);
    }
    if (foldBy?.column === target) throw new CliError(`--${foldBy.kind} cannot use the target "${target}".`);
    const labelled = table.rowCount - countMissing(targetColumn);
    if (folds > 0 && labelled < 2 * folds) {
      throw new CliError(`${folds}-fold cross-validation needs at least ${2 * folds} rows with a "${target}"; "${data}" has ${labelled}. Use fewer --folds, or --folds 0.`);
    }
    const testTable = testFile === undefined ? undefined : readCsvFile(testFile, io, 'test file');
    if (testTable && columnIndex(testTable, target) < 0) {
      throw new CliError(`The test file "${testFile}" has no column "${target}" to score against.`);
    }

    await ensureTfBackend();
    for (const m of leftOut) io.stdout(`Leaving out ${m.model}: ${m.reason}.\n`);
    const how = folds > 0 ? `${folds}-fold cross-validation` : 'a hold-out split';
    const what = recorded ? `Retraining ${models[0]} from "${recorded.source}", its recipe refitted,` : `Training ${models.length} ${models.length === 1 ? 'model' : 'models'}`;
    io.stdout(`${what} for ${task} of "${target}" on ${table.rowCount} rows, ${recorded ? 'scored' : 'ranked'} by ${how} (seed ${seed}).\n`);
    const key = rankingMetric(task);
    const search = searchOption === 'none' || folds === 0 ? undefined : { strategy: searchOption, trials };
    const onModel = (e: LeaderboardEntry) => io.stdout(`  ${e.model}: ${key} ${format((e.cv ?? e.holdout)[key])}${e.cv_std ? ` ± ${format(e.cv_std[key])}` : ''} (${e.fit_seconds} s)\n`);
    const { leaderboard, best, skipped } = recorded
      ? await retrainModel(table, {
          target,
          task,
          model: models[0],
          params: recorded.meta.model.params,
          recipe: unfittedRecipe(recorded.meta.recipe),
          seed,
          folds,
          foldBy,
          search,
          timeBudgetSeconds,
          onModel,
        })
      : await trainModels(table, {
          target,
          task,
          models,
          seed,
          folds,
          timeBudgetSeconds,
          search,
          foldBy,
          onFailure: (model, message) => io.stdout(`  ${model}: failed (${message})\n`),
          onModel,
        });
    const bundleInput: BundleInput = {
      createdAt: new Date().toISOString(),
      target,
      task,
      classes: best.classes,
      recipe: best.recipe,
      model: best.model,
      params: best.params,
      metrics: best.metrics,
      seed,
      data: { name: basename(data), rows: table.rowCount, trainRows: best.trainRows, testRows: best.testRows },
      // The bundle keeps column profiles for drift checks; correlations and duplicate counts are not needed.
      profiles: profileTable(table, { maxCorrelationColumns: 0, spearman: false, duplicates: false, associations: false }).columns,
    };
    // Drift is judged against the rows the kept model was fitted on, with the bundle's own predictions on them.
    const drift = trainingDriftReference(readBundle(writeBundle(bundleInput)), table, { target, task, seed, foldBy, trainRows: best.trainRows });
    const files = writeBundle({ ...bundleInput, drift });
    const test = testTable && scoreTestSet(readBundle(files), testTable, testFile!, target, task);
    const metrics = {
      task,
      target,
      rows: table.rowCount,
      seed,
      best: best.modelName,
      ranked_by: key,
      folds,
      ...(foldBy ? { folds_by: foldBy } : {}),
      time_budget_seconds: timeBudgetSeconds,
      search: search ? searchOption : 'none',
      ...(skipped.length ? { skipped_for_time: skipped } : {}),
      ...(leftOut.length ? { left_out: leftOut } : {}),
      train_rows: best.trainRows,
      ...(best.sampledFrom ? { train_rows_sampled_from: best.sampledFrom } : {}),
      holdout_rows: best.testRows,
      leaderboard,
      ...(leaderboard[0].cv ? { cv: leaderboard[0].cv, cv_std: leaderboard[0].cv_std } : {}),
      holdout: best.metrics,
      holdout_report: holdoutReport(best, task),
      ...(test ? { test: test.metrics, test_rows: test.rows } : {}),
      ...(recorded ? { retrained_from: retrainedFrom(recorded) } : {}),
    };
    files.set('metrics.json', JSON.stringify(metrics, finiteOrNull, 2) + '\n');
    writeFolderAtomic(out, files);
    const testNote = test ? `, ${format(test.metrics[key])} on ${test.rows} rows of ${testFile}` : '';
    const wasNote = recorded ? `; ${format(recorded.meta.model.metrics[key] ?? NaN)} before retraining` : '';
    io.stdout(`${recorded ? 'Retrained' : 'Best'}: ${best.modelName} (${key} ${format(best.metrics[key])} on the hold-out${testNote}${wasNote}). Wrote ${out}.\n`);
    return EXIT_OK;
  },
};

/** The same held-out report as the studio's evaluation view: per-class metrics and confusion matrix, or regression errors. */
function holdoutReport(best: TrainResult, task: 'classification' | 'regression') {
  const evaluation = holdoutEvaluation({ task, classes: best.classes, ...best.holdout });
  const fit = { verdict: evaluation.fit.verdict, sentence: evaluation.fit.sentence, train: evaluation.trainMetrics };
  if (evaluation.classification) {
    const { report } = evaluation.classification;
    return { per_class: report.perClass, macro: report.macro, weighted: report.weighted, confusion_matrix: { labels: report.confusion.labels, counts: report.confusion.counts }, fit };
  }
  const { r2, rmse, mae, mape, residuals } = evaluation.regression!.report;
  return { r2, rmse, mae, mape, residuals, fit };
}

/** The recorded recipe and k-means settings of a clustering bundle; its k is the --clusters default. */
function replayedClustering(recorded: RecordedTraining): Pick<ClusterOptions, 'clusters' | 'recipe' | 'params' | 'retrainedFrom'> {
  const { clusters: k, ...params } = recorded.meta.model.params;
  const clusters = typeof k === 'number' && Number.isInteger(k) && k >= 2 && k <= MAX_CLUSTERS ? k : 'auto';
  return { clusters, recipe: unfittedRecipe(recorded.meta.recipe), params, retrainedFrom: retrainedFrom(recorded) };
}

function foldByOption(group: string | undefined, time: string | undefined): FoldBy | undefined {
  if (group !== undefined && time !== undefined) throw new CliError('Use --group or --time, not both.');
  if (group !== undefined) return { kind: 'group', column: group };
  if (time !== undefined) return { kind: 'time', column: time };
  return undefined;
}

function targetIndex(table: Table, target: string, file: string): number {
  const i = columnIndex(table, target);
  if (i >= 0) return i;
  const names = table.columns.map((c) => `"${c.name}"`);
  const shown = names.slice(0, 30).join(', ') + (names.length > 30 ? ` and ${names.length - 30} more` : '');
  throw new CliError(`There is no column "${target}" in "${file}"; its columns are ${shown}.`);
}

function chooseModels(text: string, task: SupervisedTask, rows: number): { models: string[]; leftOut: { model: string; reason: string }[] } {
  const forTask = listModels(task).map((m) => m.name);
  if (text === 'auto') {
    const auto = modelsForAutoML(task, rows);
    return { models: auto.models.map((m) => m.name), leftOut: auto.leftOut.map((m) => ({ model: m.name, reason: m.reason })) };
  }
  const names = [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
  if (names.length === 0) throw new CliError('The option --models needs "auto" or at least one model name.');
  for (const name of names) {
    const spec = findModel(name);
    if (!spec || !spec.tasks.includes(task)) {
      const why = spec ? `does not do ${task}` : 'is not a model';
      throw new CliError(`"${name}" ${why}; models for ${task} are ${forTask.join(', ')}.`);
    }
  }
  return { models: names, leftOut: [] };
}

function format(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? 'undefined' : value.toFixed(4);
}

/** JSON has no NaN or Infinity: an undefined metric is written as null. */
function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
