/**
 * Small inline SVG charts for the standalone HTML report: bars (histograms, timelines, top values)
 * and a horizontal box plot. No script and no external resource; every label is escaped.
 */
import type { BoxStats } from '../profile/boxStats';
import { escapeHtml, formatStat } from './escapeHtml';

export interface Bar {
  /** Shown under the bar when there is room, and in its tooltip. */
  label: string;
  value: number;
}

const WIDTH = 360;
const HEIGHT = 120;

/** Vertical bars scaled to the largest value; `title` is the chart's accessible name. */
export function svgBarChart(bars: Bar[], title: string, options: { horizontal?: boolean } = {}): string {
  if (bars.length === 0) return '';
  const max = Math.max(1, ...bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)));
  const parts: string[] = [];
  if (options.horizontal) {
    const row = 18;
    const height = row * bars.length;
    bars.forEach((b, i) => {
      const w = Math.max(0, (b.value / max) * (WIDTH - 140));
      const y = i * row;
      const tip = `${escapeHtml(b.label)}: ${formatStat(b.value)}`;
      parts.push(
        `<g><title>${tip}</title><text x="0" y="${y + 13}" font-size="11">${escapeHtml(truncate(b.label, 18))}</text>` +
          `<rect x="130" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 6}" fill="#4c78a8"></rect>` +
          `<text x="${(134 + w).toFixed(1)}" y="${y + 13}" font-size="11">${formatStat(b.value)}</text></g>`,
      );
    });
    return svg(parts, WIDTH, height, title);
  }
  const slot = WIDTH / bars.length;
  bars.forEach((b, i) => {
    const h = Math.max(0, (b.value / max) * (HEIGHT - 16));
    parts.push(
      `<rect x="${(i * slot + 1).toFixed(1)}" y="${(HEIGHT - 16 - h).toFixed(1)}" width="${Math.max(1, slot - 2).toFixed(1)}" ` +
        `height="${h.toFixed(1)}" fill="#4c78a8"><title>${escapeHtml(b.label)}: ${formatStat(b.value)}</title></rect>`,
    );
  });
  const first = bars[0].label;
  const last = bars[bars.length - 1].label;
  parts.push(`<text x="0" y="${HEIGHT - 3}" font-size="10">${escapeHtml(truncate(first, 24))}</text>`);
  parts.push(`<text x="${WIDTH}" y="${HEIGHT - 3}" font-size="10" text-anchor="end">${escapeHtml(truncate(last, 24))}</text>`);
  return svg(parts, WIDTH, HEIGHT, title);
}

/** A horizontal box plot from min to max with whiskers, the box and the outliers as dots. */
export function svgBoxPlot(box: BoxStats, min: number, max: number, title: string): string {
  const lo = Math.min(min, box.lowerWhisker);
  const hi = Math.max(max, box.upperWhisker);
  const span = hi - lo || 1;
  const x = (v: number) => (8 + ((v - lo) / span) * (WIDTH - 16)).toFixed(1);
  const parts = [
    `<line x1="${x(box.lowerWhisker)}" x2="${x(box.upperWhisker)}" y1="20" y2="20" stroke="#333"></line>`,
    `<rect x="${x(box.q1)}" y="8" width="${(Number(x(box.q3)) - Number(x(box.q1))).toFixed(1)}" height="24" fill="#9ecae9" stroke="#333"></rect>`,
    `<line x1="${x(box.median)}" x2="${x(box.median)}" y1="8" y2="32" stroke="#333" stroke-width="2"></line>`,
    ...box.outlierSample.map((v) => `<circle cx="${x(v)}" cy="20" r="2" fill="#e45756"><title>${formatStat(v)}</title></circle>`),
  ];
  return svg(parts, WIDTH, 40, title);
}

function svg(parts: string[], width: number, height: number, title: string): string {
  return (
    `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" ` +
    `aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`
  );
}

/** Shortens by characters (code points), so an emoji is never cut in half. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
