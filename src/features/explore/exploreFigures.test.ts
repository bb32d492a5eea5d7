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

  it('draws an n x n scatter matrix with histograms on the diagonal', () => {
    const fig = scatterMatrixFigure({ columns: ['a', 'b'], rows: new Int32Array([0, 1]), values: [[1, 2], [3, 4]], categories: [null, null] });
    expect(fig.data.map((t) => (t as { type: string }).type)).toEqual(['histogram', 'scatter', 'scatter', 'histogram']);
  });

  it('says so when there is nothing for a heatmap', () => {
    expect(heatmapFigure([], [], -1).data).toEqual([]);
    expect(heatmapFigure(['only'], [[1]], -1).data).toEqual([]);
  });
});
