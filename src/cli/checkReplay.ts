/**
 * The bad-input checks of `train --recipe R`: options that contradict what R records, and a data
 * file that lacks what its recipe needs. Each is one sentence naming what to change.
 */
import { columnIndex, type Table } from '../core/data/table';
import { stringOption, type ParsedOptions } from './args';
import { CliError } from './cliError';
import type { RecordedTraining } from './recordedTraining';

/** --task and --target may only repeat what R records; the model kind is R's, so --models may too. */
export function checkReplayOptions(options: ParsedOptions, recorded: RecordedTraining): void {
  const { meta, source } = recorded;
  const task = stringOption(options, 'task');
  if (task !== undefined && task !== 'auto' && task !== meta.task) {
    throw new CliError(`The model in "${source}" does ${meta.task}, so --task ${task} cannot retrain it; leave out --task.`);
  }
  const target = stringOption(options, 'target');
  if (target !== undefined && target !== meta.target) {
    if (meta.task !== 'clustering') throw new CliError(`The model in "${source}" predicts "${meta.target}", not "${target}"; leave out --target or give "${meta.target}".`);
    const left = meta.target === '' ? 'no column' : `"${meta.target}"`;
    throw new CliError(`The clustering in "${source}" left out ${left}, not "${target}"; leave out --target.`);
  }
  const models = stringOption(options, 'models');
  if (models !== undefined && models !== meta.model.kind) {
    throw new CliError(`Retraining replays the model in "${source}" (${meta.model.kind}); leave out --models, or train without --recipe to choose models.`);
  }
  if (options.has('trials') && !options.has('search')) {
    throw new CliError('Retraining with --recipe keeps the recorded hyperparameters; --trials needs --search random or --search halving to tune them.');
  }
}

/** The new data must hold the target (of a supervised model) and every input of the recipe. */
export function checkReplayData(recorded: RecordedTraining, table: Table, file: string): void {
  const { meta, source } = recorded;
  if (meta.task !== 'clustering' && columnIndex(table, meta.target) < 0) {
    throw new CliError(`"${file}" has no column "${meta.target}", the target of the model in "${source}".`);
  }
  const absent = meta.recipe.features.filter((name) => columnIndex(table, name) < 0);
  if (absent.length === 0) return;
  const names = absent.slice(0, 10).map((n) => `"${n}"`).join(', ') + (absent.length > 10 ? ` and ${absent.length - 10} more` : '');
  throw new CliError(`"${file}" lacks ${absent.length === 1 ? 'the column' : 'the columns'} ${names} that the recipe in "${source}" takes as input.`);
}
