/**
 * Known-answer tests against pandas. Fixtures made by (from the repository root):
 *   /usr/bin/python3 tests/fixtures/pandas/make_profile_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../data/readCsv';
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
  top?: { value: string; count: number }[];
}
interface Fixture {
  rows: number;
  columns: FixtureColumn[];
  correlations: { columns: string[]; pearson: (number | null)[][] };
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

for (const name of ['penguins', 'cars']) {
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
          for (const key of ['mean', 'std', 'min', 'max', 'median', 'q1', 'q3'] as const) {
            close(p[key], f[key] as number | null, `${f.name}.${key}`);
          }
          const h = p.histogram!;
          expect(h.edges).toHaveLength(21);
          expect(h.counts.reduce((a, b) => a + b, 0)).toBe(f.count);
          close(h.edges[0], f.min as number, 'first edge');
          close(h.edges[20], f.max as number, 'last edge');
        } else if (f.kind === 'datetime') {
          expect([p.min, p.max]).toEqual([f.min, f.max]);
        } else {
          expect(p.top).toEqual(f.top);
        }
      });
    }

    it('pearson correlations', () => {
      expect(profile.correlations.columns).toEqual(fixture.correlations.columns);
      const k = fixture.correlations.columns.length;
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          close(profile.correlations.pearson[a][b], fixture.correlations.pearson[a][b], `r[${a}][${b}]`);
        }
      }
    });
  });
}
