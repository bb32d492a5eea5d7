import type { ColumnProfile } from '../../core/profile/profileTable';
import type { Figure } from '../../ui/PlotlyChart';
import { plotText } from './plotText';

const margin = { l: 50, r: 10, t: 10, b: 60 };

/** What a click on a bar of these figures filters by, carried in the bar's customdata. */
export type BarFilter = { kind: 'range'; min: number; max: number; includeMax: boolean } | { kind: 'category'; value: string };

/** Histogram of a numeric column from its profile: bars over the 20 bins, clickable. */
export function histogramFigure(column: ColumnProfile): Figure {
  const h = column.histogram;
  if (!h || h.counts.length === 0) return emptyFigure('No values to plot.');
  const centers = h.counts.map((_, i) => (h.edges[i] + h.edges[i + 1]) / 2);
  const widths = h.counts.map((_, i) => h.edges[i + 1] - h.edges[i] || 1);
  const filters: BarFilter[] = h.counts.map((_, i) => ({ kind: 'range', min: h.edges[i], max: h.edges[i + 1], includeMax: i === h.counts.length - 1 }));
  return {
    data: [
      {
        type: 'bar',
        x: centers,
        y: h.counts,
        width: widths,
        customdata: filters,
        hovertemplate: '%{y} rows<extra></extra>',
        marker: { color: '#1f6feb' },
      },
    ],
    layout: { margin, bargap: 0.02, xaxis: { title: { text: plotText(column.name) } }, yaxis: { title: { text: 'rows' } } },
  };
}

/** The most frequent values of a categorical, boolean or text column, clickable. */
export function topValuesFigure(column: ColumnProfile): Figure {
  const top = column.top ?? [];
  if (top.length === 0) return emptyFigure('No values to plot.');
  return {
    data: [
      {
        type: 'bar',
        x: top.map((t) => plotText(t.value)),
        y: top.map((t) => t.count),
        customdata: top.map((t): BarFilter => ({ kind: 'category', value: t.value })),
        hovertemplate: '%{x}: %{y} rows<extra></extra>',
        marker: { color: '#1f6feb' },
      },
    ],
    layout: { margin, xaxis: { type: 'category', title: { text: plotText(column.name) } }, yaxis: { title: { text: 'rows' } } },
  };
}

/** A box plot drawn from precomputed statistics, with the IQR outliers as points. */
export function boxFigure(column: ColumnProfile): Figure {
  const box = column.box;
  if (!box) return emptyFigure('No values to plot.');
  const name = plotText(column.name);
  return {
    data: [
      {
        type: 'box',
        name,
        q1: [box.q1],
        median: [box.median],
        q3: [box.q3],
        lowerfence: [box.lowerWhisker],
        upperfence: [box.upperWhisker],
        x: [name],
        orientation: 'v',
        marker: { color: '#1f6feb' },
      },
      { type: 'scatter', mode: 'markers', name: `outliers (${box.outliers})`, x: box.outlierSample.map(() => name), y: box.outlierSample, marker: { color: '#d1242f', size: 5 } },
    ],
    layout: { margin: { ...margin, b: 30 }, showlegend: true, legend: { orientation: 'h' } },
  };
}

/** Rows per period of a datetime column. */
export function timelineFigure(column: ColumnProfile): Figure {
  const t = column.timeline;
  if (!t || t.counts.length === 0) return emptyFigure('No dates to plot.');
  return {
    data: [{ type: 'bar', x: t.counts.map((_, i) => t.edges[i]), y: t.counts, hovertemplate: '%{x}: %{y} rows<extra></extra>', marker: { color: '#1f6feb' } }],
    layout: { margin, xaxis: { type: 'date', title: { text: plotText(column.name) } }, yaxis: { title: { text: 'rows' } } },
  };
}

export function emptyFigure(message: string): Figure {
  return {
    data: [],
    layout: { margin, xaxis: { visible: false }, yaxis: { visible: false }, annotations: [{ text: plotText(message), showarrow: false, xref: 'paper', yref: 'paper', x: 0.5, y: 0.5 }] },
  };
}
