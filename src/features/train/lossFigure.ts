import type { TrainProgress } from '../../core/models/types';
import type { Figure } from '../../ui/PlotlyChart';

/** Training and validation loss per epoch, as a Plotly figure (pure, so it is unit-tested). */
export function lossFigure(curve: TrainProgress[]): Figure {
  const epochs = curve.map((p) => p.epoch);
  const data: object[] = [
    { type: 'scatter', mode: 'lines', name: 'training loss', x: epochs, y: curve.map((p) => p.loss) },
  ];
  if (curve.some((p) => p.valLoss !== undefined)) {
    data.push({ type: 'scatter', mode: 'lines', name: 'validation loss', x: epochs, y: curve.map((p) => p.valLoss ?? null) });
  }
  return {
    data,
    layout: {
      margin: { l: 50, r: 10, t: 10, b: 40 },
      xaxis: { title: { text: 'epoch' } },
      yaxis: { title: { text: 'loss' } },
      legend: { orientation: 'h' },
    },
  };
}
