/**
 * Plotly figures of the evaluation view, built from the evaluation's plain data (pure, so they are
 * unit-tested). Every user string (class and column names) goes through plotText.
 */
import type { CalibrationCurve } from '../../core/evaluate/calibrationCurve';
import type { Histogram } from '../../core/evaluate/residualHistogram';
import type { LearningCurve } from '../../core/evaluate/learningCurve';
import type { OneVsRestCurves } from '../../core/evaluate/oneVsRestCurves';
import type { PredictionSample } from '../../core/evaluate/predictionSample';
import type { PartialDependence } from '../../core/explain/partialDependence';
import type { PermutationImportance } from '../../core/explain/permutationImportance';
import type { RowExplanation } from '../../core/explain/explainRow';
import type { Figure } from '../../ui/PlotlyChart';
import { plotText } from '../explore/plotText';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const MARGIN = { l: 55, r: 10, t: 10, b: 45 };

function auc(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(3);
}

/** One named set of one-vs-rest curves per model (several models: the comparison overlays them). */
export interface NamedCurves {
  name: string;
  curves: OneVsRestCurves;
}

function curveLabel(models: NamedCurves[], model: NamedCurves, className: string): string {
  if (models.length === 1) return className;
  return model.curves.curves.length > 1 ? `${model.name}: ${className}` : model.name;
}

export function rocFigure(models: NamedCurves[]): Figure {
  const data: object[] = [];
  models.forEach((m, i) =>
    m.curves.curves.forEach((c, j) => {
      const name = `${plotText(curveLabel(models, m, c.class))} (AUC ${auc(c.roc.auc)})`;
      data.push({ type: 'scatter', mode: 'lines', name, x: c.roc.fpr, y: c.roc.tpr, line: { color: PALETTE[(i * 3 + j) % PALETTE.length] } });
    }),
  );
  data.push({ type: 'scatter', mode: 'lines', name: 'chance', x: [0, 1], y: [0, 1], line: { color: '#bbb', dash: 'dot' }, hoverinfo: 'skip' });
  return { data, layout: { margin: MARGIN, xaxis: { title: { text: 'false positive rate' }, range: [0, 1] }, yaxis: { title: { text: 'true positive rate' }, range: [0, 1.02] }, legend: { orientation: 'h' } } };
}

export function precisionRecallFigure(models: NamedCurves[]): Figure {
  const data: object[] = [];
  models.forEach((m, i) =>
    m.curves.curves.forEach((c, j) => {
      const name = `${plotText(curveLabel(models, m, c.class))} (AP ${auc(c.pr.averagePrecision)})`;
      data.push({ type: 'scatter', mode: 'lines', name, x: c.pr.recall, y: c.pr.precision, line: { color: PALETTE[(i * 3 + j) % PALETTE.length], shape: 'hv' } });
    }),
  );
  return { data, layout: { margin: MARGIN, xaxis: { title: { text: 'recall' }, range: [0, 1] }, yaxis: { title: { text: 'precision' }, range: [0, 1.02] }, legend: { orientation: 'h' } } };
}

export function calibrationFigure(curve: CalibrationCurve, positiveClass: string): Figure {
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: `share of ${plotText(positiveClass)}`,
        x: curve.meanPredicted,
        y: curve.fractionPositive,
        text: curve.count.map((n) => `${n} rows`),
        hovertemplate: 'predicted %{x:.2f}<br>observed %{y:.2f}<br>%{text}<extra></extra>',
      },
      { type: 'scatter', mode: 'lines', name: 'perfectly calibrated', x: [0, 1], y: [0, 1], line: { color: '#bbb', dash: 'dot' }, hoverinfo: 'skip' },
    ],
    layout: { margin: MARGIN, xaxis: { title: { text: 'mean predicted probability' }, range: [0, 1] }, yaxis: { title: { text: 'observed share' }, range: [0, 1.02] }, legend: { orientation: 'h' } },
  };
}

export function predictedActualFigure(sample: PredictionSample, target: string): Figure {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...sample.actual, ...sample.predicted]) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return {
    data: [
      { type: 'scatter', mode: 'markers', name: 'held-out rows', x: sample.actual, y: sample.predicted, marker: { size: 5, opacity: 0.6 } },
      { type: 'scatter', mode: 'lines', name: 'perfect prediction', x: [lo, hi], y: [lo, hi], line: { color: '#bbb', dash: 'dot' }, hoverinfo: 'skip' },
    ],
    layout: { margin: MARGIN, xaxis: { title: { text: `actual ${plotText(target)}` } }, yaxis: { title: { text: `predicted ${plotText(target)}` } }, legend: { orientation: 'h' } },
  };
}

export function residualFigure(histogram: Histogram): Figure {
  const centers = histogram.counts.map((_, i) => (histogram.edges[i] + histogram.edges[i + 1]) / 2);
  const widths = histogram.counts.map((_, i) => histogram.edges[i + 1] - histogram.edges[i]);
  return {
    data: [{ type: 'bar', name: 'rows', x: centers, y: histogram.counts, width: widths, hovertemplate: 'residual %{x:.3g}<br>%{y} rows<extra></extra>' }],
    layout: { margin: MARGIN, xaxis: { title: { text: 'residual (actual − predicted)' } }, yaxis: { title: { text: 'rows' } }, bargap: 0.02 },
  };
}

export function importanceFigure(result: PermutationImportance): Figure {
  const shown = [...result.columns].reverse();
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: `drop in ${result.metric}`,
        y: shown.map((c) => plotText(c.column)),
        x: shown.map((c) => c.mean),
        error_x: { type: 'data', array: shown.map((c) => c.std ?? 0), visible: true },
        hovertemplate: '%{y}: %{x:.4f}<extra></extra>',
      },
    ],
    layout: { margin: { ...MARGIN, l: 140 }, xaxis: { title: { text: `drop in ${result.metric} when shuffled` } }, yaxis: { automargin: true } },
  };
}

export function dependenceFigure(result: PartialDependence): Figure {
  const data: object[] = [];
  const categorical = result.kind === 'categorical';
  const x = categorical ? result.labels.map(plotText) : result.grid;
  result.outputs.forEach((output, k) => {
    if (result.outputs.length === 1) {
      for (const line of result.ice.slice(0, 30)) data.push({ type: 'scatter', mode: 'lines', x, y: line.values[k], line: { color: '#ccd5e3', width: 1 }, hoverinfo: 'skip', showlegend: false });
    }
    data.push({ type: 'scatter', mode: categorical ? 'lines+markers' : 'lines', name: `average ${plotText(output)}`, x, y: result.average[k], line: { color: PALETTE[k % PALETTE.length], width: 3 } });
  });
  return {
    data,
    layout: {
      margin: MARGIN,
      xaxis: { title: { text: plotText(result.column) }, ...(categorical ? { type: 'category' } : {}) },
      yaxis: { title: { text: result.outputs.length > 1 ? 'average probability' : 'average prediction' } },
      legend: { orientation: 'h' },
    },
  };
}

export function learningCurveFigure(curve: LearningCurve): Figure {
  const sizes = curve.points.map((p) => p.size);
  const series = (which: 'train' | 'validation', color: string) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: which === 'train' ? 'training score' : 'validation score',
    x: sizes,
    y: curve.points.map((p) => p[which].mean[curve.metric] ?? null),
    error_y: { type: 'data', array: curve.points.map((p) => p[which].std[curve.metric] ?? 0), visible: true },
    line: { color },
  });
  return {
    data: [series('train', '#1f77b4'), series('validation', '#ff7f0e')],
    layout: { margin: MARGIN, xaxis: { title: { text: 'training rows' } }, yaxis: { title: { text: curve.metric } }, legend: { orientation: 'h' } },
  };
}

/** Each column's push up or down, for one output (a class, or the value). */
export function explanationFigure(result: RowExplanation, output: number): Figure {
  const value = (c: RowExplanation['contributions'][number]) => (Array.isArray(c.contribution) ? c.contribution[output] : c.contribution);
  const shown = [...result.contributions].sort((a, b) => Math.abs(value(b)) - Math.abs(value(a))).slice(0, 15).reverse();
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        y: shown.map((c) => plotText(`${c.column} = ${c.value || '(missing)'}`)),
        x: shown.map(value),
        marker: { color: shown.map((c) => (value(c) >= 0 ? '#d62728' : '#1f77b4')) },
        hovertemplate: '%{y}: %{x:+.4f}<extra></extra>',
      },
    ],
    layout: { margin: { ...MARGIN, l: 200 }, xaxis: { title: { text: `contribution to ${plotText(result.outputs[output] ?? 'the prediction')} (${result.space})` } }, yaxis: { automargin: true } },
  };
}
