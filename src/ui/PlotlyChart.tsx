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

/** What a click on a chart reports: the trace and the clicked point's `customdata`. */
export interface ChartClick {
  curveNumber: number;
  pointIndex: number;
  customdata: unknown;
}

type PlotlyElement = HTMLElement & {
  on?: (event: string, handler: (e: { points?: Array<{ curveNumber: number; pointIndex?: number; pointNumber?: number; customdata?: unknown }> }) => void) => void;
  removeAllListeners?: (event: string) => void;
};

let plotly: Promise<PlotlyModule> | null = null;

/** Plotly is large, so it is loaded the first time a chart is shown, never at start-up. */
function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import('plotly.js-cartesian-dist-min').then((m) => (m as unknown as { default: PlotlyModule }).default ?? (m as unknown as PlotlyModule));
  return plotly;
}

/** How often preloadCharts asks whether now is a good time. */
const PRELOAD_POLL_MS = 1000;

/**
 * Evaluating Plotly's script is one long task: 0.8-1.1 s on the 2-core test machine. Done right
 * after start-up, it kept the first page from answering for that second; done during a stage, it
 * would stall the stage. So it waits until `ready()` says charts may soon be wanted and nobody is
 * waiting on anything (the caller: a dataset is open and no stage has run for a few seconds). A
 * chart shown before then loads Plotly itself.
 */
export function preloadCharts(ready: () => boolean): void {
  const check = () => {
    if (plotly) return;
    if (!ready()) {
      setTimeout(check, PRELOAD_POLL_MS);
      return;
    }
    const start = () => void loadPlotly().catch(() => undefined);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
    else start();
  };
  setTimeout(check, PRELOAD_POLL_MS);
}

/**
 * Charts are drawn one per task: drawn together (as promise callbacks of one load) a page of
 * charts would block the main thread for one long task; queued, the page stays responsive.
 */
let drawQueue: Promise<void> = Promise.resolve();

function queueDraw(draw: () => Promise<void>): Promise<void> {
  const next = drawQueue.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0))).then(draw);
  drawQueue = next.catch(() => undefined);
  return next;
}

/**
 * Resolves once `node` is within half a screen of the viewport (at once without IntersectionObserver);
 * never once `signal` aborts. Each Plotly draw is a long task (0.1–0.4 s on a slow machine), so a page of
 * charts below the fold is drawn as the person scrolls to it, one chart at a time, not all at once.
 */
function whenNearViewport(node: Element, signal: AbortSignal): Promise<void> {
  if (typeof IntersectionObserver === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        resolve();
      },
      { rootMargin: '50% 0px' },
    );
    observer.observe(node);
    signal.addEventListener('abort', () => observer.disconnect());
  });
}

/** The studio's one Plotly wrapper. Text in figures is data, never markup. */
export function PlotlyChart({
  figure,
  label,
  height = 280,
  onClick,
  lazy = false,
}: {
  figure: Figure;
  label: string;
  height?: number;
  onClick?: (click: ChartClick) => void;
  /** Draw only once the chart comes near the viewport (see whenNearViewport). */
  lazy?: boolean;
}): ReactNode {
  const el = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onClick);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    clickRef.current = onClick;
  });
  useEffect(() => {
    setFailed(null);
    // Until this figure is drawn, the node must not claim to show it.
    if (el.current) delete el.current.dataset.chartReady;
    // Aborted when the figure changes or the chart unmounts: a pending draw then does nothing.
    const cancel = new AbortController();
    (lazy && el.current ? whenNearViewport(el.current, cancel.signal) : Promise.resolve())
      .then(loadPlotly)
      .then((p) => queueDraw(async () => {
        const node = el.current as PlotlyElement | null;
        if (cancel.signal.aborted || !node) return;
        await p.react(node, figure.data, { ...figure.layout, height }, { displaylogo: false, responsive: true });
        node.removeAllListeners?.('plotly_click');
        node.on?.('plotly_click', (event) => {
          const point = event.points?.[0];
          if (point) clickRef.current?.({ curveNumber: point.curveNumber, pointIndex: point.pointIndex ?? point.pointNumber ?? 0, customdata: point.customdata });
        });
        node.dataset.chartReady = 'true';
      }))
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => cancel.abort();
  }, [figure, height, lazy]);
  useEffect(() => {
    const node = el.current;
    return () => {
      if (node) void loadPlotly().then((p) => p.purge(node));
    };
  }, []);
  // The message sits beside the chart's node (kept mounted so a later figure can still draw).
  return (
    <>
      {failed && <p role="alert">The chart “{label}” could not be drawn: {failed}</p>}
      <div ref={el} role="img" aria-label={label} className="chart" style={{ minHeight: failed ? 0 : height }} />
    </>
  );
}
