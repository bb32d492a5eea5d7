import { describe, expect, it } from 'vitest';
import { columnsInView } from './VirtualGrid';

describe('columnsInView', () => {
  const widths = [100, 200, 100, 300, 100].map((width) => ({ width }));

  it('keeps every column that overlaps the range, and none that only touches it', () => {
    expect(columnsInView(widths, 0, 250)).toEqual([0, 2]);
    expect(columnsInView(widths, 100, 300)).toEqual([1, 2]);
    expect(columnsInView(widths, 99, 301)).toEqual([0, 3]);
    expect(columnsInView(widths, 450, 460)).toEqual([3, 4]);
  });

  it('clamps a range that starts left of the first column or ends past the last', () => {
    expect(columnsInView(widths, -300, 50)).toEqual([0, 1]);
    expect(columnsInView(widths, 650, 5000)).toEqual([3, 5]);
    expect(columnsInView(widths, 700, 5000)).toEqual([4, 5]);
    expect(columnsInView(widths, -300, 5000)).toEqual([0, 5]);
  });

  it('gives an empty range past the end, and for no columns', () => {
    expect(columnsInView(widths, 800, 900)).toEqual([5, 5]);
    expect(columnsInView([], 0, 900)).toEqual([0, 0]);
  });

  it('uses the default width where a column has none', () => {
    expect(columnsInView([{}, {}, {}], 150, 200)).toEqual([1, 2]);
  });
});
