/** `profile --data F.csv [--out P.json] [--html R.html] [--target COL]`: column types and statistics. */
import { basename } from 'node:path';
import { columnIndex, type Table } from '../core/data/table';
import { dataWarnings } from '../core/explore/dataWarnings';
import { profileReportHtml } from '../core/explore/profileReport';
import { parseOptions, requiredOption, stringOption } from './args';
import type { Command } from './cliIO';
import { CliError, EXIT_OK } from './cliError';
import { readCsvFileOrSample, sampleOption } from './csvInput';
import { SAMPLE_SEED } from '../core/data/readMemory';
import type { SampleInfo } from '../core/data/sampleCsv';
import { fileSizeOrZero, writeFileAtomic } from './files';
import { HELPER_MIN_FILE_BYTES, profileInParallel, startProfileHelperThread } from './profileInParallel';

const usage = `Usage: npm run cli -- profile --data F.csv [--out P.json] [--html R.html] [--target COL] [--sample-rows N [--seed N]]

Reads F.csv and prints its profile as JSON: the row count, each column's type, count, missing,
unique, numeric statistics (mean, std, min, quartiles, max, skewness, zeros, histogram, box plot
with IQR outliers), datetime ranges and timelines, or top values; the overview (memory, duplicate
rows, missing cells, column types); Pearson and Spearman correlations of the numeric columns and
Cramér's V of the categorical ones; and data-quality warnings in plain words.
With --out the JSON goes to P.json instead of stdout. With --html a standalone HTML report is
written to R.html too. With --target the warnings also check COL for leakage and class imbalance.
With --sample-rows N the profile is of a random sample of N rows (seeded by --seed, default
${SAMPLE_SEED}), streamed from the file without holding it whole, for files too big to read whole;
the JSON then says so in "sample": the rows kept, the file's rows and bytes, and the seed.
`;

export const profileCommand: Command = {
  name: 'profile',
  summary: 'column types, statistics and warnings of a CSV, as JSON (and an HTML report)',
  usage,
  async run(argv, io) {
    const options = parseOptions('profile', argv, { values: ['data', 'out', 'html', 'target', 'sample-rows', 'seed'], flags: ['help'], required: ['data'] });
    if (options.has('help')) {
      io.stdout(usage);
      return EXIT_OK;
    }
    const data = requiredOption(options, 'data');
    const out = stringOption(options, 'out');
    const html = stringOption(options, 'html');
    const target = stringOption(options, 'target') ?? null;
    // A big file's profile runs on two threads; the helper boots while the file is read.
    const thread = fileSizeOrZero(data) >= HELPER_MIN_FILE_BYTES ? startProfileHelperThread() : null;
    const sample = sampleOption(options);
    let table: Table;
    let sampleInfo: SampleInfo | undefined;
    try {
      ({ table, sample: sampleInfo } = readCsvFileOrSample(data, io, 'data file', sample));
      if (target !== null && columnIndex(table, target) < 0) {
        throw new CliError(`The target "${target}" is not a column of "${basename(data)}".`);
      }
    } catch (error) {
      thread?.close();
      throw error;
    }
    const profile = await profileInParallel(table, thread);
    const warnings = dataWarnings(profile, table, target);
    const json = JSON.stringify({ ...profile, warnings, ...(sampleInfo ? { sample: sampleInfo } : {}) }, null, 2) + '\n';
    const report = html === undefined ? undefined : profileReportHtml(profile, warnings, {
      title: `Profile of ${basename(data)}`,
      generatedAt: new Date().toISOString(),
    });
    if (out !== undefined) writeFileAtomic(out, json);
    if (html !== undefined && report !== undefined) writeFileAtomic(html, report);
    if (out === undefined) {
      // stdout holds the JSON alone, so it can be piped.
      io.stdout(json);
    } else {
      io.stdout(`Wrote the profile of ${table.rowCount} rows and ${table.columns.length} columns to ${out}.\n`);
      if (html !== undefined) io.stdout(`Wrote the HTML report to ${html}.\n`);
    }
    return EXIT_OK;
  },
};
