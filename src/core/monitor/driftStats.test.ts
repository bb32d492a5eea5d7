/**
 * Known answers from scipy 1.10.1 / numpy 1.24.2. The fixtures come from
 *   /usr/bin/python3 scripts/fixtures/make_drift_fixtures.py
 * (run from the repository root), which writes driftStats.fixtures.json next to this file. The
 * samples are regenerated here bit for bit from the same Park-Miller generator.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '../prep/tableFromColumns';
import { chiSquareHomogeneity, totalVariation } from './chiSquareHomogeneity';
import { chiSquareSf } from './chiSquareSf';
import { compareDrift } from './compareDrift';
import { buildDriftReference } from './driftReference';
import { kolmogorovSf } from './kolmogorovSf';
import { ksTwoSample } from './ksTwoSample';
import { PSI_EPSILON, populationStability } from './populationStability';
import { sketchNumbers } from './sketchNumbers';

interface SampleSpec {
  kind: 'triangular' | 'shifted' | 'integers';
  seed: number;
  n: number;
}
const fixtures = JSON.parse(readFileSync(new URL('./driftStats.fixtures.json', import.meta.url), 'utf8')) as {
  psiEpsilon: number;
  ks: { name: string; reference: SampleSpec; current: SampleSpec; statistic: number; pValue: number; scipyAsympPValue: number }[];
  kolmogorov: { x: number; sf: number }[];
  chi2Sf: { x: number; dof: number; sf: number }[];
  chi2Contingency: { name: string; reference: number[]; current: number[]; statistic: number; pValue: number; dof: number }[];
  psi: { name: string; reference: number[]; current: number[]; psi: number }[];
};

const MODULUS = 2147483647;

function sample({ kind, seed, n }: SampleSpec): number[] {
  let s = seed;
  const u = Array.from({ length: 2 * n }, () => (s = (s * 16807) % MODULUS) / MODULUS);
  return Array.from({ length: n }, (_, i) => {
    if (kind === 'triangular') return u[2 * i] + u[2 * i + 1];
    if (kind === 'shifted') return u[2 * i] + u[2 * i + 1] + 0.05;
    return Math.floor(u[2 * i] * 20);
  });
}

function expectRelative(got: number, want: number, tolerance: number, label: string) {
  expect(Math.abs(got - want), label).toBeLessThanOrEqual(tolerance * Math.abs(want) + 1e-300);
}

describe('the Kolmogorov and chi-square survival functions match scipy to 1e-9 relative', () => {
  it('kolmogorovSf = scipy.stats.kstwobign.sf', () => {
    for (const { x, sf } of fixtures.kolmogorov) expectRelative(kolmogorovSf(x), sf, 1e-9, `x = ${x}`);
  });

  it('chiSquareSf = scipy.stats.chi2.sf, tail p-values included', () => {
    for (const { x, dof, sf } of fixtures.chi2Sf) expectRelative(chiSquareSf(x, dof), sf, 1e-9, `x = ${x}, dof = ${dof}`);
  });
});

describe('chiSquareHomogeneity = scipy.stats.chi2_contingency(correction=False)', () => {
  for (const c of fixtures.chi2Contingency) {
    it(c.name, () => {
      const got = chiSquareHomogeneity(c.reference, c.current)!;
      expectRelative(got.statistic, c.statistic, 1e-12, 'statistic');
      expectRelative(got.pValue, c.pValue, 1e-9, 'p-value');
      expect(got.dof).toBe(c.dof);
    });
  }

  it('leaves out categories empty on both sides and needs two to test', () => {
    expect(chiSquareHomogeneity([10, 0, 5], [4, 0, 8])!.dof).toBe(1);
    expect(chiSquareHomogeneity([10, 0], [4, 0])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
    expect(chiSquareHomogeneity([0, 0], [4, 1])).toBeNull();
  });

  it('reaches compareDrift unchanged for a categorical column', () => {
    const c = fixtures.chi2Contingency.find((x) => x.name === 'mix changed')!;
    const names = ['Adelie', 'Chinstrap', 'Gentoo'];
    const column = (counts: number[]) => tableFromColumns([{ name: 'Species', type: 'categorical', values: counts.flatMap((k, i) => Array<string>(k).fill(names[i])) }]);
    const reference = buildDriftReference(column(c.reference), [{ name: 'Species', type: 'categorical' }]);
    const test = compareDrift(reference, column(c.current)).columns[0].test!;
    expectRelative(test.statistic, c.statistic, 1e-12, 'statistic');
    expectRelative(test.pValue, c.pValue, 1e-9, 'p-value');
    expect(test.effect).toBeCloseTo(totalVariation(c.reference, c.current), 15);
  });
});

describe('populationStability = the numpy formula with empty shares set to 1e-4', () => {
  it('uses the fixture epsilon', () => expect(PSI_EPSILON).toBe(fixtures.psiEpsilon));
  for (const c of fixtures.psi) {
    it(c.name, () => expectRelative(populationStability(c.reference, c.current)!, c.psi, 1e-12, 'psi'));
  }
  it('is null when a side is empty', () => expect(populationStability([0, 0], [1, 2])).toBeNull());
});

describe('two-sample KS against scipy.stats.ks_2samp', () => {
  for (const c of fixtures.ks) {
    it(c.name, () => {
      const ref = Float64Array.from(sample(c.reference)).sort();
      const cur = Float64Array.from(sample(c.current)).sort();
      const sketch = sketchNumbers(ref, 1000, 'numeric');
      const got = ksTwoSample(sketch.points, sketch.pointCounts, cur)!;
      if (sketch.exact) {
        // Every distinct value kept: scipy's D exactly, and its asymptotic p-value.
        expectRelative(got.statistic, c.statistic, 1e-12, 'statistic');
        expectRelative(got.pValue, c.pValue, 1e-9, 'p-value');
      } else {
        // 1,000 points of 20,000 values: D within the sketch's stated bound, about 1 / 999.
        const table = tableFromColumns([{ name: 'x', type: 'numeric', values: sample(c.reference) }]);
        const test = compareDrift(buildDriftReference(table, [{ name: 'x', type: 'numeric' }]), tableFromColumns([{ name: 'x', type: 'numeric', values: sample(c.current) }])).columns[0].test!;
        expect(test.statistic).toBe(got.statistic);
        expect(test.maxError).toBeGreaterThan(0);
        expect(test.maxError).toBeLessThanOrEqual(21 / 20000);
        expect(Math.abs(got.statistic - c.statistic)).toBeLessThanOrEqual(test.maxError!);
        const en = (c.reference.n * c.current.n) / (c.reference.n + c.current.n);
        expectRelative(got.pValue, kolmogorovSf(Math.sqrt(en) * got.statistic), 1e-15, 'p-value of the sketched D');
      }
      // scipy 1.10's method='asymp' uses the finite-size distribution: close, and never above ours by much.
      expect(got.pValue / c.scipyAsympPValue).toBeGreaterThan(0.5);
    });
  }

  it('keeps every distinct value up to the point budget, and ties exactly', () => {
    const ref = Float64Array.from(sample({ kind: 'integers', seed: 21, n: 20000 })).sort();
    const sketch = sketchNumbers(ref, 1000, 'numeric');
    expect(sketch.exact).toBe(true);
    expect(sketch.points).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(sketch.pointCounts.reduce((a, b) => a + b, 0)).toBe(20000);
  });
});
