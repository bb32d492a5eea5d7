/**
 * The threshold table against direct counting of every row (predict positive when
 * score >= threshold), both when every distinct score is a row and when quantiles are.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { metricsAtThreshold, thresholdTable, type ThresholdRow } from './thresholdTable';

function countAt(positive: boolean[], score: number[], threshold: number): Omit<ThresholdRow, 'threshold'> {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  score.forEach((s, i) => {
    if (s >= threshold) {
      if (positive[i]) tp++;
      else fp++;
    } else if (positive[i]) fn++;
    else tn++;
  });
  return { tp, fp, tn, fn };
}

const rng = createRng(11);
// Coarse scores (two decimals): at most 101 distinct values, with many ties.
const coarse = Array.from({ length: 400 }, () => Math.round(rng.next() * 100) / 100);
const coarsePositive = coarse.map((s) => rng.next() < s);
const fine = Array.from({ length: 3000 }, () => rng.next());
const finePositive = fine.map((s) => rng.next() < s * s);

describe('thresholdTable', () => {
  it('with few distinct scores, has one row per score plus 0.5, each row counted exactly', () => {
    const table = thresholdTable(coarsePositive, coarse);
    expect(table.exact).toBe(true);
    const distinct = [...new Set([...coarse, 0.5])].sort((a, b) => a - b);
    expect(table.rows.map((r) => r.threshold)).toEqual(distinct);
    for (const row of table.rows) expect(row).toEqual({ threshold: row.threshold, ...countAt(coarsePositive, coarse, row.threshold) });
    expect(table.positives).toBe(coarsePositive.filter(Boolean).length);
    expect(table.negatives + table.positives).toBe(400);
  });

  it('with many distinct scores, keeps at most maxThresholds quantiles with the lowest, the highest and 0.5', () => {
    const table = thresholdTable(finePositive, fine, 50);
    expect(table.exact).toBe(false);
    expect(table.rows.length).toBeLessThanOrEqual(50);
    const thresholds = table.rows.map((r) => r.threshold);
    expect(thresholds).toContain(0.5);
    expect(thresholds[0]).toBe(Math.min(...fine));
    expect(thresholds.at(-1)).toBe(Math.max(...fine));
    for (let i = 1; i < thresholds.length; i++) expect(thresholds[i]).toBeGreaterThan(thresholds[i - 1]);
    for (const row of table.rows) expect(row).toEqual({ threshold: row.threshold, ...countAt(finePositive, fine, row.threshold) });
    // Quantiles: the rows between two thresholds are roughly even.
    const sorted = [...fine].sort((a, b) => a - b);
    const gaps = thresholds.slice(1).map((t, i) => sorted.filter((s) => s >= thresholds[i] && s < t).length);
    expect(Math.max(...gaps)).toBeLessThan((2 * 3000) / 48);
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
  });
});

describe('metricsAtThreshold', () => {
  it('gives the exact counts at any threshold of an exact table', () => {
    const table = thresholdTable(coarsePositive, coarse);
    for (const t of [-1, 0, 0.004, 0.25, 0.333, 0.5, 0.5000001, 0.77, 0.999, 1, 1.5]) {
      const m = metricsAtThreshold(table, t);
      expect(m.exact).toBe(true);
      expect({ tp: m.tp, fp: m.fp, tn: m.tn, fn: m.fn }).toEqual(countAt(coarsePositive, coarse, t));
      const precision = m.tp + m.fp > 0 ? m.tp / (m.tp + m.fp) : 0;
      const recall = m.tp / (m.tp + m.fn);
      expect(m.precision).toBe(precision);
      expect(m.recall).toBe(recall);
      expect(m.f1).toBe(precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0);
      expect(m.accuracy).toBe((m.tp + m.tn) / 400);
      expect(m.falsePositiveRate).toBe(m.fp / (m.fp + m.tn));
      expect(m.requested).toBe(t);
    }
  });

  it('on a quantile table: exact at its thresholds and the ends, else the next threshold up', () => {
    const table = thresholdTable(finePositive, fine, 50);
    for (const row of table.rows) {
      const m = metricsAtThreshold(table, row.threshold);
      expect(m.exact).toBe(true);
      expect({ tp: m.tp, fp: m.fp, tn: m.tn, fn: m.fn }).toEqual(countAt(finePositive, fine, row.threshold));
    }
    const between = (table.rows[10].threshold + table.rows[11].threshold) / 2;
    const m = metricsAtThreshold(table, between);
    expect(m.exact).toBe(false);
    expect(m.threshold).toBe(table.rows[11].threshold);
    expect(metricsAtThreshold(table, -5)).toMatchObject({ exact: true, ...countAt(finePositive, fine, -5) });
    expect(metricsAtThreshold(table, 2)).toMatchObject({ exact: true, tp: 0, fp: 0, precision: 0, recall: 0, f1: 0 });
  });

  it('rejects mismatched inputs and non-finite scores', () => {
    expect(() => thresholdTable([true], [0.1, 0.2])).toThrow('2 scores for 1 rows');
    expect(() => thresholdTable([true, false], [0.1, NaN])).toThrow('finite');
  });
});
