/** `profile --data F.csv [--out P.json]`: column types and statistics as JSON. */
import { profileTable } from '../core/profile/profileTable';
import { parseOptions, requiredOption, stringOption } from './args';
import type { Command } from './cliIO';
import { EXIT_OK } from './cliError';
import { readCsvFile } from './csvInput';
import { writeFileAtomic } from './files';

const usage = `Usage: npm run cli -- profile --data F.csv [--out P.json]

Reads F.csv and prints its profile as JSON: the row count, each column's type, count, missing,
unique, numeric statistics (mean, std, min, max, median, q1, q3, histogram) or top values, and the
Pearson correlations of the numeric columns. With --out the JSON goes to P.json instead of stdout.
`;

export const profileCommand: Command = {
  name: 'profile',
  summary: 'column types and statistics of a CSV, as JSON',
  usage,
  async run(argv, io) {
    const options = parseOptions('profile', argv, { values: ['data', 'out'], flags: ['help'], required: ['data'] });
    if (options.has('help')) {
      io.stdout(usage);
      return EXIT_OK;
    }
    const data = requiredOption(options, 'data');
    const out = stringOption(options, 'out');
    const table = readCsvFile(data, io);
    const json = JSON.stringify(profileTable(table), null, 2) + '\n';
    if (out === undefined) {
      io.stdout(json);
    } else {
      writeFileAtomic(out, json);
      io.stdout(`Wrote the profile of ${table.rowCount} rows and ${table.columns.length} columns to ${out}.\n`);
    }
    return EXIT_OK;
  },
};
