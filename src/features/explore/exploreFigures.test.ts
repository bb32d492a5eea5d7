import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../core/profile/profileTable';
import { histogramFigure, topValuesFigure } from './columnFigures';
import { heatmapFigure, scatterMatrixFigure } from './relationFigures';
import { plotText } from './plotText';

const numeric = {
  name: '<b>x</b>',
  type: 'numeric',
  count: 6,
  missing: 0,
  unique: 6,
  histogram: { edges: [0, 1, 2], counts: [2, 4] },
} as unknown as ColumnProfile;

describe('explore figures', () => {
  it('escapes user text so Plotly shows it literally', () => {
    expect(plotText('<img src=x onerror=alert(1)> & co')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; co');
    const fig = histogramFigure(numeric);
    expect(JSON.stringify(fig.layout)).not.toContain('<b>');
  });

  it('puts each histogram bin range in the bar customdata, the last bin closed', () => {
    const trace = histogramFigure(numeric).data[0] as { customdata: unknown[]; y: number[] };
    expect(trace.y).toEqual([2, 4]);
    expect(trace.customdata).toEqual([
      { kind: 'range', min: 0, max: 1, includeMax: false },
      { kind: 'range', min: 1, max: 2, includeMax: true },
    ]);
  });

  it('keeps the raw category value for filtering while showing the escaped one', () => {
    const column = { name: 'c', type: 'categorical', top: [{ value: '<a>', count: 3 }] } as unknown as ColumnProfile;
    const trace = topValuesFigure(column).data[0] as { x: string[]; customdata: unknown[] };
    expect(trace.x).toEqual(['&lt;a&gt;']);
    expect(trace.customdata).toEqual([{ kind: 'category', value: '<a>' }]);
  });

  it('draws a scatter matrix with histograms on the diagonal and each pair once, below it', () => {
    const fig = scatterMatrixFigure({ columns: ['a', 'b'], rows: new Int32Array([0, 1]), values: [[1, 2], [3, 4]], categories: [null, null] });
    expect(fig.data.map((t) => (t as { type: string }).type)).toEqual(['histogram', 'scatter', 'histogram']);
    // Row b, column a: a across, b up, in the grid's bottom-left cell (cells numbered row by row).
    expect(fig.data[1]).toMatchObject({ x: [1, 2], y: [3, 4], xaxis: 'x3', yaxis: 'y3' });
  });

  it('draws three panels below the diagonal of a 3 x 3 scatter matrix, with titles on the outer axes', () => {
    const values = [[1, 2], [3, 4], [5, 6]];
    const fig = scatterMatrixFigure({ columns: ['a', 'b', 'c'], rows: new Int32Array([0, 1]), values, categories: [null, null, null] });
    const cells = fig.data.map((t) => (t as { xaxis: string; yaxis: string }).xaxis + (t as { yaxis: string }).yaxis);
    expect(cells).toEqual(['xy', 'x4y4', 'x5y5', 'x7y7', 'x8y8', 'x9y9']);
    const layout = fig.layout as Record<string, { title?: { text: string } } | undefined>;
    expect(['xaxis7', 'xaxis8', 'xaxis9'].map((k) => layout[k]?.title?.text)).toEqual(['a', 'b', 'c']);
    expect(['yaxis', 'yaxis4', 'yaxis7'].map((k) => layout[k]?.title?.text)).toEqual(['a', 'b', 'c']);
    expect(layout.xaxis2).toBeUndefined();
  });

  it('says so when there is nothing for a heatmap', () => {
    expect(heatmapFigure([], [], -1).data).toEqual([]);
    expect(heatmapFigure(['only'], [[1]], -1).data).toEqual([]);
  });
});
