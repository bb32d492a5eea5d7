/** `predict --model DIR --data F.csv --out P.csv`: one output row per input row, in input order. */
import { ensureTfBackend } from '../core/models/tfBackend';
import { parseOptions, requiredOption } from './args';
import { checkInputColumns, loadBundleFolder } from './bundleIO';
import { EXIT_OK } from './cliError';
import type { Command } from './cliIO';
import { readCsvFile } from './csvInput';
import { numberField, toCsv } from './csvOutput';
import { writeFileAtomic } from './files';

const usage = `Usage: npm run cli -- predict --model DIR --data F.csv --out P.csv

Loads the model bundle in DIR (written by train) and predicts every row of F.csv. P.csv has one
row per input row, in input order: the column "prediction" and, for classifiers, one column
"proba_<class>" per class with its probability. F.csv needs the model's input columns (in any
order); other columns, the target included, are ignored.
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
    const dir = requiredOption(options, 'model');
    const data = requiredOption(options, 'data');
    const out = requiredOption(options, 'out');
    const bundle = loadBundleFolder(dir);
    const table = readCsvFile(data, io);
    checkInputColumns(bundle.meta, table, data);
    await ensureTfBackend();
    const result = bundle.predict(table);
    const header = ['prediction'];
    const columns: string[][] = [result.prediction.map((p) => (typeof p === 'number' ? numberField(p) : p))];
    const classes = result.classes ?? [];
    if (result.proba && classes.length > 0) {
      const k = classes.length;
      classes.forEach((name, c) => {
        header.push(`proba_${name}`);
        columns.push(Array.from({ length: table.rowCount }, (_, r) => numberField(result.proba![r * k + c])));
      });
    }
    writeFileAtomic(out, toCsv(header, columns));
    io.stdout(`Wrote ${table.rowCount} predictions to ${out}.\n`);
    return EXIT_OK;
  },
};
