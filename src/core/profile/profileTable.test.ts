/**
 * Known-answer tests against pandas and scipy. Fixtures made by (from the repository root):
 *   /usr/bin/python3 tests/fixtures/pandas/make_profile_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../data/readCsv';
import { columnIndex } from '../data/table';
import { countDuplicateRows } from './duplicateRows';
import { profileTable, type ColumnProfile } from './profileTable';

const root = join(__dirname, '..', '..', '..');

interface FixtureColumn {
  name: string;
  kind: 'numeric' | 'categorical' | 'datetime';
  count: number;
  missing: number;
  unique: number;
  mean?: number | null;
  std?: number | null;
  min?: number | string | null;
  max?: number | string | null;
  median?: number | null;
  q1?: number | null;
  q3?: number | null;
  skewness?: number | null;
  zeros?: number;
  box?: { lowerWhisker: number; upperWhisker: number; outliers: number };
  top?: { value: string; count: number }[];
  meanLength?: number | null;
  timeline?: { edges: number[]; counts: number[] };
}
type Matrix = (number | null)[][];
interface Fixture {
  rows: number;
  columns: FixtureColumn[];
  correlations: { columns: string[]; pearson: Matrix; spearman: Matrix };
  associations: { columns: string[]; cramersV: Matrix };
  overview: { rows: number; columns: number; duplicateRows: number; missingCells: number };
  duplicateSubsets: { columns: string[]; duplicateRows: number }[];
}

function close(actual: unknown, expected: number | null | undefined, what: string): void {
  if (expected === null || expected === undefined) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(typeof actual, what).toBe('number');
  const a = actual as number;
  const tol = 1e-9 * Math.max(1, Math.abs(expected));
  expect(Math.abs(a - expected), `${what}: ${a} vs pandas ${expected}`).toBeLessThanOrEqual(tol);
}

function closeMatrix(actual: Matrix, expected: Matrix, what: string): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((row, a) => row.forEach((v, b) => close(actual[a][b], v, `${what}[${a}][${b}]`)));
}

for (const name of ['penguins', 'cars', 'seattle-weather']) {
  describe(`profileTable on ${name}.csv matches pandas`, () => {
    const fixture = JSON.parse(
      readFileSync(join(root, 'tests', 'fixtures', 'pandas', `profile_${name}.json`), 'utf8'),
    ) as Fixture;
    const bytes = new Uint8Array(readFileSync(join(root, 'public', 'examples', `${name}.csv`)));
    const { table } = readCsv(bytes, { fileName: `${name}.csv` });
    const profile = profileTable(table);
    const byName = new Map<string, ColumnProfile>(profile.columns.map((c) => [c.name, c]));

    it('has the rows and columns in order', () => {
      expect(profile.rows).toBe(fixture.rows);
      expect(profile.columns.map((c) => c.name)).toEqual(fixture.columns.map((c) => c.name));
    });

    for (const f of fixture.columns) {
      it(`column ${f.name}`, () => {
        const p = byName.get(f.name)!;
        if (f.kind === 'categorical') expect(['categorical', 'text', 'identifier']).toContain(p.type);
        else expect(p.type).toBe(f.kind);
        expect([p.count, p.missing, p.unique]).toEqual([f.count, f.missing, f.unique]);
        if (f.kind === 'numeric') {
          for (const key of ['mean', 'std', 'min', 'max', 'median', 'q1', 'q3', 'skewness'] as const) {
            close(p[key], f[key] as number | null, `${f.name}.${key}`);
          }
          expect(p.zeros).toBe(f.zeros);
          const h = p.histogram!;
          expect(h.edges).toHaveLength(21);
          expect(h.counts.reduce((a, b) => a + b, 0)).toBe(f.count);
          close(h.edges[0], f.min as number, 'first edge');
          close(h.edges[20], f.max as number, 'last edge');
          const box = p.box!;
          close(box.q1, f.q1, 'box.q1');
          close(box.median, f.median, 'box.median');
          close(box.q3, f.q3, 'box.q3');
          close(box.lowerWhisker, f.box!.lowerWhisker, 'box.lowerWhisker');
          close(box.upperWhisker, f.box!.upperWhisker, 'box.upperWhisker');
          expect(box.outliers).toBe(f.box!.outliers);
          expect(box.outlierSample).toHaveLength(Math.min(200, f.box!.outliers));
          const fences = [box.q1 - 1.5 * (box.q3 - box.q1), box.q3 + 1.5 * (box.q3 - box.q1)];
          expect(box.outlierSample.every((v) => v < fences[0] || v > fences[1])).toBe(true);
        } else if (f.kind === 'datetime') {
          expect([p.min, p.max]).toEqual([f.min, f.max]);
          expect(p.timeline!.counts).toEqual(f.timeline!.counts);
          // ISO text keeps whole milliseconds.
          p.timeline!.edges.forEach((e, i) => expect(Math.abs(Date.parse(e) - f.timeline!.edges[i])).toBeLessThan(1));
        } else {
          expect(p.top).toEqual(f.top);
          if (p.type === 'text') close(p.meanLength, f.meanLength, `${f.name}.meanLength`);
        }
      });
    }

    it('pearson and spearman correlations', () => {
      expect(profile.correlations.columns).toEqual(fixture.correlations.columns);
      closeMatrix(profile.correlations.pearson, fixture.correlations.pearson, 'pearson');
      closeMatrix(profile.correlations.spearman, fixture.correlations.spearman, 'spearman');
    });

    it("Cramér's V between categorical columns", () => {
      expect(profile.associations.columns).toEqual(fixture.associations.columns);
      closeMatrix(profile.associations.cramersV, fixture.associations.cramersV, 'cramersV');
    });

    it('overview', () => {
      const { typeCounts, memoryBytes, ...counts } = profile.overview;
      expect(counts).toEqual(fixture.overview);
      expect(Object.values(typeCounts).reduce((a, b) => a + b, 0)).toBe(fixture.overview.columns);
      expect(memoryBytes).toBeGreaterThan(fixture.rows * fixture.overview.columns);
    });

    it('duplicate rows of column subsets', () => {
      for (const subset of fixture.duplicateSubsets) {
        const columns = subset.columns.map((c) => table.columns[columnIndex(table, c)]);
        expect(countDuplicateRows({ rowCount: table.rowCount, columns }), subset.columns.join(', ')).toBe(subset.duplicateRows);
      }
    });
  });
}
