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

/**
 * A grid that renders only the rows in view, fetched a page at a time, so a million
 * rows scroll as smoothly as a hundred.
 */
export function VirtualGrid({ label, rowCount, columns, fetchRows, version, height = 420 }: Props): ReactNode {
  const [scrollTop, setScrollTop] = useState(0);
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

  const template = columns.map((c) => `${c.width ?? 140}px`).join(' ');
  const rows: ReactNode[] = [];
  for (let r = firstRow; r < lastRow; r++) {
    const page = pages.get(Math.floor(r / PAGE));
    const cells = page?.[r % PAGE];
    rows.push(
      <div role="row" aria-rowindex={r + 2} className="grid-row" key={r} style={{ gridTemplateColumns: template }}>
        {columns.map((c, i) => (
          <div role="gridcell" className="grid-cell" key={c.key} title={cells?.[i]}>
            {cells ? cells[i] : '…'}
          </div>
        ))}
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
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div role="row" aria-rowindex={1} className="grid-row grid-header" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div role="columnheader" className="grid-cell" key={c.key}>
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
