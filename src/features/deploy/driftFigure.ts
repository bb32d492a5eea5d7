import type { ColumnDrift } from '../../core/monitor/driftTypes';
import type { Figure } from '../../ui/PlotlyChart';
import { plotText } from '../explore/plotText';

/** The training and the new distribution of one column overlaid: shares of the present values per bin or category. */
export function driftFigure(column: ColumnDrift): Figure {
  const labels = column.chart.labels.map(plotText);
  const bar = (name: string, y: number[], color: string) => ({
    type: 'bar',
    name,
    x: labels,
    y,
    marker: { color },
    opacity: 0.75,
    hovertemplate: `%{x}<br>${name}: %{y:.1%}<extra></extra>`,
  });
  return {
    data: [bar('training data', column.chart.reference, '#1f77b4'), bar('new data', column.chart.current, '#ff7f0e')],
    layout: {
      barmode: 'group',
      margin: { l: 50, r: 10, t: 30, b: 80 },
      title: { text: `${plotText(column.name)}: ${column.verdict}`, font: { size: 13 } },
      yaxis: { title: { text: 'share of rows' }, tickformat: '.0%' },
      xaxis: { type: 'category', automargin: true },
      legend: { orientation: 'h' },
    },
  };
}
