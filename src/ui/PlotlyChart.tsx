import { useEffect, useRef, useState, type ReactNode } from 'react';

/** A Plotly figure as plain data: built by pure, unit-tested functions, drawn here. */
export interface Figure {
  data: object[];
  layout: object;
}

type PlotlyModule = {
  react: (el: HTMLElement, data: object[], layout: object, config: object) => Promise<unknown>;
  purge: (el: HTMLElement) => void;
};

let plotly: Promise<PlotlyModule> | null = null;

/** Plotly is large, so it is loaded the first time a chart is shown, never at start-up. */
function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import('plotly.js-dist-min').then((m) => (m as unknown as { default: PlotlyModule }).default ?? (m as unknown as PlotlyModule));
  return plotly;
}

/** The studio's one Plotly wrapper. Text in figures is data, never markup. */
export function PlotlyChart({ figure, label, height = 280 }: { figure: Figure; label: string; height?: number }): ReactNode {
  const el = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    loadPlotly()
      .then((p) => {
        if (alive && el.current) return p.react(el.current, figure.data, { ...figure.layout, height }, { displaylogo: false, responsive: true });
      })
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      alive = false;
    };
  }, [figure, height]);
  useEffect(() => {
    const node = el.current;
    return () => {
      if (node) void loadPlotly().then((p) => p.purge(node));
    };
  }, []);
  if (failed) return <p role="alert">The chart “{label}” could not be drawn: {failed}</p>;
  return <div ref={el} role="img" aria-label={label} className="chart" style={{ minHeight: height }} />;
}
