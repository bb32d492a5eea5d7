import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

export interface GridColumn {
  key: string;
  header: ReactNode;
  width?: number;
}

interface Props {
  label: string;
  rowCount: number;
  columns: GridColumn[];
  /** Display strings for rows [start, start + count). */
  fetchRows: (start: number, count: number) => Promise<string[][]>;
  /** Changes whenever the underlying rows change, to drop cached pages. */
  version: number;
  height?: number;
}

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 54;
const PAGE = 100;
/** Browsers cap element heights (Firefox near 17.9M px), so very long tables scroll on a scaled spacer. */
const MAX_SPACER = 8_000_000;
const DEFAULT_WIDTH = 140;
/** Body cells are drawn this far beyond each side of the view, so a short horizontal scroll shows no gap. */
const OVERSCAN_PX = 300;

/**
 * A grid that renders only the rows in view, fetched a page at a time, so a million
 * rows scroll as smoothly as a hundred. Body cells are drawn only for the columns in view
 * (each with its aria-colindex): laying out a cell's text is what a new page of rows costs,
 * and a file of 200 columns would otherwise lay out 3,000 cells on every scroll. They are placed
 * at fixed offsets (position: absolute) rather than by CSS grid, which lays out a new page of
 * rows in about half the time. The header keeps every column, so each column's controls stay
 * reachable by keyboard.
 */
export function VirtualGrid({ label, rowCount, columns, fetchRows, version, height = 420 }: Props): ReactNode {
  const [scrollTop, setScrollTop] = useState(0);
  const [scrollLeft, setScrollLeft] = useState(0);
  const [viewWidth, setViewWidth] = useState(() => (typeof window === 'undefined' ? 1280 : window.innerWidth));
  const gridRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Map<number, string[][]>>(() => new Map());
  const requested = useRef(new Set<number>());

  useEffect(() => {
    requested.current = new Set();
    setPages(new Map());
  }, [version]);

  const bodyHeight = height - HEADER_HEIGHT;
  const visible = Math.ceil(bodyHeight / ROW_HEIGHT) + 1;
  const fullHeight = rowCount * ROW_HEIGHT;
  const spacer = Math.min(fullHeight, MAX_SPACER);
  const maxScroll = Math.max(1, spacer - bodyHeight);
  const maxFirst = Math.max(0, rowCount - visible + 1);
  const first = spacer === fullHeight ? Math.floor(scrollTop / ROW_HEIGHT) : Math.round((scrollTop / maxScroll) * maxFirst);
  const firstRow = Math.max(0, Math.min(first, maxFirst));
  const lastRow = Math.min(rowCount, firstRow + visible);

  const ensurePage = useCallback(
    (page: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      const currentVersion = version;
      fetchRows(page * PAGE, PAGE)
        .then((rows) => {
          if (currentVersion !== version) return;
          setPages((old) => new Map(old).set(page, rows));
        })
        .catch(() => requested.current.delete(page));
    },
    [fetchRows, version],
  );

  useEffect(() => {
    for (let p = Math.floor(firstRow / PAGE); p <= Math.floor(Math.max(firstRow, lastRow - 1) / PAGE); p++) ensurePage(p);
  }, [firstRow, lastRow, ensurePage]);

  useEffect(() => {
    const grid = gridRef.current;
    if (!grid || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewWidth(grid.clientWidth));
    observer.observe(grid);
    return () => observer.disconnect();
  }, []);

  const template = columns.map((c) => `${c.width ?? DEFAULT_WIDTH}px`).join(' ');
  const widths = columns.map((c) => c.width ?? DEFAULT_WIDTH);
  // Each column's offset, a running sum: recomputed on every scroll, so linear in the columns.
  const lefts: number[] = [];
  let rowWidth = 0;
  for (const w of widths) {
    lefts.push(rowWidth);
    rowWidth += w;
  }
  const [firstColumn, lastColumn] = columnsInView(columns, scrollLeft - OVERSCAN_PX, scrollLeft + viewWidth + OVERSCAN_PX);
  const rows: ReactNode[] = [];
  for (let r = firstRow; r < lastRow; r++) {
    const page = pages.get(Math.floor(r / PAGE));
    const cells = page?.[r % PAGE];
    const shown: ReactNode[] = [];
    // A row still being fetched is one cell across the grid: laying out its columns would cost as
    // much as the values themselves, twice over, as the page of rows arrives a moment later.
    if (!cells && columns.length > 0) {
      shown.push(
        <div role="gridcell" aria-colindex={1} className="grid-cell" key="pending" style={{ left: 0, width: rowWidth }}>
          …
        </div>,
      );
    }
    for (let i = firstColumn; cells && i < lastColumn; i++) {
      shown.push(
        <div role="gridcell" aria-colindex={i + 1} className="grid-cell" key={columns[i].key} title={cells[i]} style={{ left: lefts[i], width: widths[i] }}>
          {cells[i]}
        </div>,
      );
    }
    rows.push(
      <div role="row" aria-rowindex={r + 2} className="grid-row grid-body-row" key={r} style={{ width: rowWidth }}>
        {shown}
      </div>,
    );
  }

  return (
    <div
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length}
      className="grid"
      style={{ height }}
      tabIndex={0}
      ref={gridRef}
      onScroll={(e) => {
        setScrollTop(e.currentTarget.scrollTop);
        setScrollLeft(e.currentTarget.scrollLeft);
      }}
    >
      <div role="row" aria-rowindex={1} className="grid-row grid-header" style={{ gridTemplateColumns: template }}>
        {columns.map((c, i) => (
          <div role="columnheader" aria-colindex={i + 1} className="grid-cell" key={c.key}>
            {c.header}
          </div>
        ))}
      </div>
      <div style={{ height: spacer, position: 'relative' }}>
        <div style={{ position: 'absolute', top: Math.min(scrollTop, Math.max(0, spacer - bodyHeight)), left: 0, right: 0 }}>{rows}</div>
      </div>
    </div>
  );
}

/** Columns [first, last) that overlap the pixel range [left, right) of the rows. */
export function columnsInView(columns: ReadonlyArray<{ width?: number }>, left: number, right: number): [number, number] {
  let first = 0;
  let x = 0;
  while (first < columns.length && x + (columns[first].width ?? DEFAULT_WIDTH) <= left) x += columns[first++].width ?? DEFAULT_WIDTH;
  let last = first;
  while (last < columns.length && x < right) x += columns[last++].width ?? DEFAULT_WIDTH;
  return [first, last];
}
