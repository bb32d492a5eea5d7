import type { ClassBalance } from '../../core/explore/classBalance';
import type { ScatterSample } from '../../core/explore/scatterSample';
import type { TargetRelation } from '../../core/explore/targetRelations';
import type { Figure } from '../../ui/PlotlyChart';
import { emptyFigure } from './columnFigures';
import { plotText } from './plotText';

const margin = { l: 60, r: 10, t: 10, b: 70 };

/** A correlation or association matrix as a heatmap, values printed in each cell. */
export function heatmapFigure(columns: string[], matrix: (number | null)[][], zmin: number): Figure {
  // A 1 x 1 matrix says nothing, and Plotly cannot size its single cell.
  if (columns.length < 2) return emptyFigure('A matrix needs at least two columns of this kind.');
  const names = columns.map(plotText);
  return {
    data: [
      {
        type: 'heatmap',
        x: names,
        y: names,
        z: matrix,
        zmin,
        zmax: 1,
        colorscale: 'RdBu',
        reversescale: true,
        texttemplate: columns.length <= 12 ? '%{z:.2f}' : '',
        hovertemplate: '%{y} × %{x}: %{z:.3f}<extra></extra>',
      },
    ],
    layout: { margin: { l: 120, r: 10, t: 10, b: 120 }, xaxis: { type: 'category' }, yaxis: { type: 'category', autorange: 'reversed' } },
  };
}

export function classBalanceFigure(balance: ClassBalance): Figure {
  return {
    data: [{ type: 'bar', x: balance.classes.map(plotText), y: balance.counts, hovertemplate: '%{x}: %{y} rows<extra></extra>', marker: { color: '#8250df' } }],
    layout: { margin, xaxis: { type: 'category' }, yaxis: { title: { text: 'rows' } } },
  };
}

/** One column against the target: box plots or stacked bars by class, or a scatter for regression. */
export function relationFigure(relation: TargetRelation, classes: string[] | null, target: string): Figure {
  const t = plotText(target);
  const c = plotText(relation.column);
  switch (relation.kind) {
    case 'numeric-by-class':
      return {
        data: (classes ?? []).map((cls, i) => {
          const b = relation.boxes[i];
          return { type: 'box', name: plotText(cls), x: [plotText(cls)], q1: [b?.q1 ?? null], median: [b?.median ?? null], q3: [b?.q3 ?? null], lowerfence: [b?.lowerWhisker ?? null], upperfence: [b?.upperWhisker ?? null] };
        }),
        layout: { margin, showlegend: false, xaxis: { type: 'category', title: { text: t } }, yaxis: { title: { text: c } } },
      };
    case 'category-by-class':
      return {
        data: (classes ?? []).map((cls, k) => ({ type: 'bar', name: plotText(cls), x: relation.categories.map(plotText), y: relation.counts.map((row) => row[k]) })),
        layout: { margin, barmode: 'stack', xaxis: { type: 'category', title: { text: c } }, yaxis: { title: { text: 'rows' } }, legend: { title: { text: t } } },
      };
    case 'numeric-vs-target':
      return {
        data: [{ type: 'scatter', mode: 'markers', x: relation.x, y: relation.y, marker: { size: 4, opacity: 0.6, color: '#1f6feb' }, hovertemplate: '%{x}, %{y}<extra></extra>' }],
        layout: { margin, xaxis: { title: { text: c } }, yaxis: { title: { text: t } } },
      };
    case 'target-by-category':
      return {
        data: relation.categories.map((cat, i) => {
          const b = relation.boxes[i];
          return { type: 'box', name: plotText(cat), x: [plotText(cat)], q1: [b?.q1 ?? null], median: [b?.median ?? null], q3: [b?.q3 ?? null], lowerfence: [b?.lowerWhisker ?? null], upperfence: [b?.upperWhisker ?? null] };
        }),
        layout: { margin, showlegend: false, xaxis: { type: 'category', title: { text: c } }, yaxis: { title: { text: t } } },
      };
  }
}

/**
 * A scatter matrix of a sample of rows (never every row), drawn as small SVG panels: histograms on the
 * diagonal and each pair once, below it. The panel above the diagonal would show the same points with the
 * axes swapped, and every SVG point costs drawing time (the whole matrix is drawn in one task).
 */
export function scatterMatrixFigure(sample: ScatterSample): Figure {
  const n = sample.columns.length;
  if (n < 2) return emptyFigure('Choose at least two columns.');
  const data: object[] = [];
  const layout: Record<string, unknown> = { margin: { l: 50, r: 10, t: 10, b: 50 }, showlegend: false, grid: { rows: n, columns: n, pattern: 'independent' } };
  for (let r = 0; r < n; r++) {
    for (let c = 0; c <= r; c++) {
      const i = r * n + c + 1;
      const axis = i === 1 ? '' : String(i);
      data.push({
        type: r === c ? 'histogram' : 'scatter',
        mode: 'markers',
        x: sample.values[c],
        ...(r === c ? {} : { y: sample.values[r] }),
        xaxis: `x${axis}`,
        yaxis: `y${axis}`,
        marker: { size: 3, opacity: 0.5, color: '#1f6feb' },
        hoverinfo: 'skip',
      });
      layout[`xaxis${axis}`] = r === n - 1 ? { title: { text: plotText(sample.columns[c]) } } : { showticklabels: false };
      layout[`yaxis${axis}`] = c === 0 ? { title: { text: plotText(sample.columns[r]) } } : { showticklabels: false };
    }
  }
  return { data, layout };
}
