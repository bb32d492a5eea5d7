/**
 * `drift --model DIR --data F.csv [--out D.json] [--fail-on drift|warning]`: how F.csv, and the
 * model's predictions on it, differ from the data the model was trained on.
 */
import { ensureTfBackend } from '../core/models/tfBackend';
import type { BundlePrediction, LoadedBundle } from '../core/bundle/bundleTypes';
import { columnIndex, type Table } from '../core/data/table';
import { compareDrift, verdictAtLeast, type ColumnDrift, type DriftReport } from '../core/monitor';
import { choiceOption, parseOptions, requiredOption, stringOption } from './args';
import { loadBundleFolder } from './bundleIO';
import { CliError, EXIT_OK, sentence } from './cliError';
import type { CliIO, Command } from './cliIO';
import { readCsvFile, sampleOption } from './csvInput';
import { SAMPLE_SEED } from '../core/data/readMemory';
import { writeFileAtomic } from './files';

/** The exit status of `--fail-on` when the verdict reaches it: distinct from 1 and 2, which are failures to run. */
export const EXIT_DRIFT = 3;

const usage = `Usage: npm run cli -- drift --model DIR --data F.csv [--out D.json] [--fail-on drift|warning] [--sample-rows N [--seed N]]

Compares F.csv with the training data of the model bundle in DIR (written by train), column by
column, and the model's predictions on F.csv with its predictions on the training rows. Numbers,
dates and booleans get PSI on the training deciles and a two-sample KS test; categories get PSI and
a chi-square test; each column also gets its change in missing share and its unseen categories.
Each column is stable, warning or drift, and so is the whole file (its worst column).

The report is JSON, written to D.json (and a short summary to stderr) or to stdout without --out.
The exit status is 0 whatever the verdict, unless --fail-on is given:

  --fail-on drift    exit ${EXIT_DRIFT} when the verdict is drift
  --fail-on warning  exit ${EXIT_DRIFT} when the verdict is warning or drift
                     (for scheduled checks; the report is still written)

With --sample-rows N, F.csv is compared by a random sample of N of its rows (seeded by --seed,
default ${SAMPLE_SEED}), streamed from the file without holding it whole.
`;

export const driftCommand: Command = {
  name: 'drift',
  summary: 'compare a CSV with the data a model bundle was trained on',
  usage,
  async run(argv, io) {
    const options = parseOptions('drift', argv, { values: ['model', 'data', 'out', 'fail-on', 'sample-rows', 'seed'], flags: ['help'], required: ['model', 'data'] });
    if (options.has('help')) {
      io.stdout(usage);
      return EXIT_OK;
    }
    const dir = requiredOption(options, 'model');
    const data = requiredOption(options, 'data');
    const out = stringOption(options, 'out');
    const failOn = options.has('fail-on') ? choiceOption(options, 'fail-on', ['drift', 'warning'] as const, 'drift') : undefined;
    const bundle = loadBundleFolder(dir);
    const reference = bundle.meta.drift;
    if (!reference) {
      throw new CliError(`The model in "${dir}" has no drift reference (its bundle.json has no "drift", as bundles made before drift checks); train it again to check drift.`);
    }
    const table = readCsvFile(data, io, 'data file', sampleOption(options));
    if (table.rowCount === 0) throw new CliError(`The data file "${data}" has no rows to compare.`);
    const predictions = await predict(bundle, table, data, io);
    const report = compareDrift(reference, table, predictions);
    const json = JSON.stringify(report, null, 2) + '\n';
    if (out === undefined) io.stdout(json);
    else {
      writeFileAtomic(out, json);
      io.stderr(summaryText(report) + `Wrote the drift report to ${out}.\n`);
    }
    return failOn && verdictAtLeast(report.summary.verdict, failOn) ? EXIT_DRIFT : EXIT_OK;
  },
};

/** The model's predictions, or none (with a warning) when the file cannot be predicted: drift is still worth reporting then. */
async function predict(bundle: LoadedBundle, table: Table, file: string, io: CliIO): Promise<BundlePrediction | undefined> {
  if (!bundle.meta.drift?.prediction) return undefined;
  const absent = bundle.meta.inputSchema.filter((f) => columnIndex(table, f.name) < 0).map((f) => `"${f.name}"`);
  if (absent.length > 0) {
    io.stderr(`Warning: "${file}" lacks the model's input ${absent.length === 1 ? 'column' : 'columns'} ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''}, so the report has no prediction drift.\n`);
    return undefined;
  }
  try {
    await ensureTfBackend();
    return bundle.predict(table);
  } catch (error) {
    const reason = sentence(error instanceof Error ? error.message : String(error));
    io.stderr(`Warning: the model cannot predict "${file}", so the report has no prediction drift: ${reason}\n`);
    return undefined;
  }
}

function summaryText(report: DriftReport): string {
  const lines = [`Drift: ${report.summary.verdict}. ${report.summary.message}`];
  const flagged = [...report.columns, ...(report.prediction ? [report.prediction] : [])].filter((c) => c.verdict !== 'stable');
  const width = Math.max(0, ...flagged.map((c) => c.name.length));
  for (const c of flagged) lines.push(`  ${c.name.padEnd(width)}  ${c.verdict.padEnd(7)}  ${measures(c)}`);
  return lines.join('\n') + '\n';
}

function measures(c: ColumnDrift): string {
  const parts: string[] = [];
  if (c.psi !== null) parts.push(`PSI ${c.psi.toFixed(3)}`);
  if (c.test) parts.push(`${c.test.name === 'ks' ? 'KS D' : 'TV'} ${c.test.effect.toFixed(3)}, p ${c.test.pValue.toExponential(1)}`);
  if (c.absent) parts.push('absent');
  return parts.join('; ');
}
