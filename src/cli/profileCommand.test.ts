import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './main';

const examples = join(__dirname, '..', '..', 'public', 'examples');
const work = mkdtempSync(join(tmpdir(), 'cli-profile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('cli profile of a random sample (--sample-rows)', () => {
  const lines = ['id,x,word'];
  for (let r = 1; r <= 20_000; r++) lines.push(`${r},${r / 4},${r % 1000 === 0 ? 'a"quote' : 'w' + (r % 7)}`);
  const data = join(work, 'rows.csv');
  writeFileSync(data, lines.join('\n') + '\n');

  it('profiles N rows streamed from the file, says so in the JSON, and names the file\'s lines', async () => {
    const { code, stdout, stderr } = await run('profile', '--data', data, '--sample-rows', '3000', '--seed', '9');
    expect(code).toBe(0);
    const profile = JSON.parse(stdout);
    expect(profile.rows).toBe(3000);
    expect(profile.sample).toEqual({ rows: 3000, fileRows: 20_000, fileBytes: readFileSync(data).length, seed: 9 });
    expect(stderr).toContain('Note: A random sample of 3,000 of the 20,000 rows of "rows.csv" was read (seed 9)');
    // A stray quote kept in the sample is named by its line in the file, which holds row line - 1.
    const named = /Line (\d+) of "rows.csv", column "word": the unquoted value "a"quote"/.exec(stderr);
    expect(named, stderr).not.toBeNull();
    expect(lines[Number(named![1]) - 1]).toMatch(/^\d+000,.*,a"quote$/);
    // The same seed gives the same sample.
    expect(JSON.parse((await run('profile', '--data', data, '--sample-rows', '3000', '--seed', '9')).stdout)).toEqual(profile);
  });

  it('reads every row when N is at least the file\'s rows, with the same profile as a whole read', async () => {
    const whole = JSON.parse((await run('profile', '--data', data)).stdout);
    const { stdout, stderr } = await run('profile', '--data', data, '--sample-rows', '50000');
    const { sample, ...streamed } = JSON.parse(stdout);
    expect(sample).toMatchObject({ rows: 20_000, fileRows: 20_000 });
    expect(stderr).toContain('All 20,000 rows of "rows.csv" were read, streamed without holding the file in memory.');
    expect(streamed).toEqual(whole);
  });

  it('refuses a file over 1.5 GB without it, naming the option; with it, streams the file and stops at its first bad byte', async () => {
    // A sparse file: 1.6 GB of zero bytes that take no room on disk.
    const huge = join(work, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, 1_600_000_000);
    const refused = await run('profile', '--data', huge);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is 1.6 GB; the CLI reads files up to 1.5 GB whole. Add --sample-rows N to read a random sample of N rows, streamed from the file.');
    const sampled = await run('profile', '--data', huge, '--sample-rows', '1000');
    expect(sampled.code).toBe(2);
    expect(sampled.stderr).toMatch(/binary|NUL|not a CSV/i);
    rmSync(huge);
  });
});

describe('cli profile', () => {
  it('prints the profile JSON of penguins.csv to stdout', async () => {
    const { code, stdout, stderr } = await run('profile', '--data', join(examples, 'penguins.csv'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const profile = JSON.parse(stdout);
    expect(profile.rows).toBe(344);
    expect(profile.columns).toHaveLength(7);
    const species = profile.columns[0];
    expect(species).toMatchObject({ name: 'Species', type: 'categorical', count: 344, missing: 0, unique: 3 });
    expect(species.top[0]).toEqual({ value: 'Adelie', count: 152 });
    const mass = profile.columns.find((c: { name: string }) => c.name === 'Body Mass (g)');
    expect(mass).toMatchObject({ type: 'numeric', count: 342, missing: 2 });
    for (const key of ['mean', 'std', 'min', 'max', 'median', 'q1', 'q3']) expect(typeof mass[key]).toBe('number');
    expect(mass.histogram.counts).toHaveLength(20);
    expect(profile.correlations.columns).toHaveLength(4);
    expect(profile.correlations.pearson).toHaveLength(4);
  });

  it('writes the JSON to --out, and datetimes as ISO strings', async () => {
    const out = join(work, 'cars-profile.json');
    const { code, stdout } = await run('profile', '--data', join(examples, 'cars.csv'), '--out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/406 rows/);
    const profile = JSON.parse(readFileSync(out, 'utf8'));
    const year = profile.columns.find((c: { name: string }) => c.name === 'Year');
    expect(year).toMatchObject({ type: 'datetime', min: '1970-01-01', max: '1982-01-01' });
    expect(readdirSync(work).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('includes the overview, skewness, box plots, Spearman, associations and warnings', async () => {
    const { code, stdout } = await run('profile', '--data', join(examples, 'penguins.csv'), '--target', 'Species');
    expect(code).toBe(0);
    const profile = JSON.parse(stdout);
    expect(profile.overview).toMatchObject({ rows: 344, columns: 7, duplicateRows: 0, missingCells: 18 });
    const mass = profile.columns.find((c: { name: string }) => c.name === 'Body Mass (g)');
    expect(typeof mass.skewness).toBe('number');
    expect(mass.box).toMatchObject({ outliers: 0, outlierSample: [] });
    expect(profile.correlations.spearman).toHaveLength(4);
    expect(profile.associations.columns).toEqual(['Species', 'Island', 'Sex']);
    expect(Array.isArray(profile.warnings)).toBe(true);
    expect(stdout).not.toMatch(/NaN|Infinity/);
  });

  it('writes a standalone HTML report with --html, next to the JSON', async () => {
    const out = join(work, 'weather.json');
    const html = join(work, 'report', 'weather.html');
    const { code, stdout, stderr } = await run(
      'profile', '--data', join(examples, 'seattle-weather.csv'), '--out', out, '--html', html, '--target', 'weather',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Wrote the HTML report to .*weather\.html/);
    const text = readFileSync(html, 'utf8');
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).toContain('<title>Profile of seattle-weather.csv</title>');
    expect(text).not.toMatch(/<script/i);
    expect(text).toContain('Timeline of date');
    const profile = JSON.parse(readFileSync(out, 'utf8'));
    expect(profile.columns[0]).toMatchObject({ name: 'date', type: 'datetime', min: '2012-01-01', max: '2015-12-31' });
    expect(profile.warnings.some((w: { code: string; column: string }) => w.code === 'skewed' && w.column === 'precipitation')).toBe(true);
  });

  it('rejects a --target that is not a column, writing nothing', async () => {
    const html = join(work, 'never.html');
    const r = await run('profile', '--data', join(examples, 'cars.csv'), '--html', html, '--target', 'Price');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('The target "Price" is not a column of "cars.csv".\n');
    expect(existsSync(html)).toBe(false);
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await run('profile', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/profile --data F\.csv/);
    expect(stdout).toMatch(/--html R\.html/);
    expect((await run('--help')).stdout).toMatch(/Commands:/);
  });

  it('fails with exit 2 and one sentence for a missing file or a bad CSV, writing nothing', async () => {
    const out = join(work, 'never.json');
    const missing = await run('profile', '--data', join(work, 'absent.csv'), '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^The data file ".*absent\.csv" does not exist\.\n$/);
    const empty = join(work, 'empty.csv');
    await import('node:fs').then((fs) => fs.writeFileSync(empty, ''));
    const bad = await run('profile', '--data', empty, '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/empty\.csv/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects unknown commands and options with exit 2', async () => {
    expect(await run('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown command "frobnicate"/) });
    expect(await run('profile', '--data')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--data needs a value/) });
    expect(await run('profile', '--bogus', 'x')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown option --bogus/) });
    expect(await run('profile')).toMatchObject({ code: 2, stderr: expect.stringMatching(/needs --data/) });
  });
});
