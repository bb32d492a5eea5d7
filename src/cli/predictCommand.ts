/** `predict --model DIR --data F.csv --out P.csv`: one output row per input row, in input order. */
import { parseOptions, requiredOption } from './args';
import { loadBundleFolder } from './bundleIO';
import { EXIT_OK } from './cliError';
import type { Command } from './cliIO';
import { streamPredictions } from './streamPredictions';

const usage = `Usage: npm run cli -- predict --model DIR --data F.csv --out P.csv

Loads the model bundle in DIR (written by train) and predicts every row of F.csv. P.csv has one
row per input row, in input order: the column "prediction" and, for classifiers, one column
"proba_<class>" per class with its probability. Text that a spreadsheet would run as a formula
(starting with = + - @) gets a leading ' ; numbers are written as numbers.

F.csv is read in chunks of about 8 MB, so it may be larger than memory. Its columns may come in
any order; other columns, the target included, are ignored. A missing input column, a value of
the wrong type or a category the model never saw is a warning on stderr, not an error: such
cells are treated as missing (or as an unknown category) and the recipe fills them in. If none
of the model's input columns is in F.csv, predict stops with exit status 2. P.csv is written to
a temporary file first and appears only when every row is done.
`;

export const predictCommand: Command = {
  name: 'predict',
  summary: 'predict a CSV with a model bundle',
  usage,
  async run(argv, io) {
    const options = parseOptions('predict', argv, { values: ['model', 'data', 'out'], flags: ['help'], required: ['model', 'data', 'out'] });
    if (options.has('help')) {
      io.stdout(usage);
      return EXIT_OK;
    }
    const bundle = loadBundleFolder(requiredOption(options, 'model'));
    const out = requiredOption(options, 'out');
    const { rows } = await streamPredictions(bundle, requiredOption(options, 'data'), out, io);
    io.stdout(`Wrote ${rows} predictions to ${out}.\n`);
    return EXIT_OK;
  },
};
