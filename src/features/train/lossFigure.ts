import type { ModelCurve } from '../../store/studioState';
import type { Figure } from '../../ui/PlotlyChart';
import { plotText } from '../explore/plotText';

/**
 * Training (solid) and validation (dotted) loss of each model's hold-out fit, per epoch, boosting
 * round or tree, as a Plotly figure (pure, so it is unit-tested). One colour per model.
 */
export function lossFigure(curves: ModelCurve[]): Figure {
  const data: object[] = [];
  curves.forEach((curve, i) => {
    if (curve.points.length === 0) return;
    const x = curve.points.map((p) => p.epoch);
    const color = PALETTE[i % PALETTE.length];
    const name = plotText(curve.label);
    data.push({ type: 'scatter', mode: 'lines', name: `${name}: training`, legendgroup: curve.model, x, y: curve.points.map((p) => p.loss), line: { color } });
    if (curve.points.some((p) => p.valLoss !== undefined)) {
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${name}: validation`,
        legendgroup: curve.model,
        x,
        y: curve.points.map((p) => p.valLoss ?? null),
        line: { color, dash: 'dot' },
      });
    }
  });
  return {
    data,
    layout: {
      margin: { l: 50, r: 10, t: 10, b: 40 },
      xaxis: { title: { text: 'epoch, boosting round or tree' } },
      yaxis: { title: { text: 'loss' } },
      legend: { orientation: 'h' },
    },
  };
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
