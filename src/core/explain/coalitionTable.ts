/**
 * The rows Kernel SHAP predicts: for each coalition, a copy of the background rows in which
 * the players in the coalition take the explained row's value. Players are whole table
 * columns (a category is one player, however many one-hot columns the recipe makes of it).
 */
import { cellText, columnIndex, MISSING_CODE, type Column, type Table } from '../data/table';

/** A player column of the background, and the explained row's cell in the background's terms. */
export interface Player {
  name: string;
  /** Column index in the background table. */
  index: number;
  /** The explained row's cell: a number, or a code into `categories`. */
  value: number;
  missing: boolean;
  /** Coded columns: the background's dictionary, plus the row's category if it lacks it. */
  categories?: string[];
  /** False when every background row already holds the row's value: the player cannot matter. */
  varies: boolean;
}

export function preparePlayers(background: Table, table: Table, row: number, names: readonly string[]): Player[] {
  return names.map((name): Player => {
    const index = columnIndex(background, name);
    const own = columnIndex(table, name);
    if (index < 0) throw new Error(`The background data has no column "${name}".`);
    if (own < 0) throw new Error(`The data has no column "${name}".`);
    const bg = background.columns[index];
    const cell = table.columns[own];
    const missing = cell.missing[row] === 1;
    if (bg.codes && bg.categories) {
      const text = cellText(cell, row);
      let categories = bg.categories;
      let code = missing ? MISSING_CODE : categories.indexOf(text);
      if (code < 0) {
        categories = [...categories, text];
        code = categories.length - 1;
      }
      return { name, index, value: code, missing, categories, varies: varies(bg, bg.codes, code, missing) };
    }
    const value = missing ? NaN : cell.values ? cell.values[row] : Number(cellText(cell, row));
    return { name, index, value, missing, varies: varies(bg, bg.values!, value, missing) };
  });
}

function varies(bg: Column, cells: ArrayLike<number>, value: number, missing: boolean): boolean {
  for (let r = 0; r < bg.missing.length; r++) {
    const bgMissing = bg.missing[r] === 1;
    if (bgMissing !== missing) return true;
    if (!missing && cells[r] !== value && !(Number.isNaN(cells[r]) && Number.isNaN(value))) return true;
  }
  return false;
}

/** One block of background rows per mask; `players[p]` takes the row's value where masks[c][p] is 1. */
export function coalitionTable(background: Table, players: readonly Player[], masks: readonly Uint8Array[]): Table {
  const B = background.rowCount;
  const C = masks.length;
  const n = B * C;
  const playerOf = new Map(players.map((p, i) => [p.index, i]));
  const columns = background.columns.map((bg, j): Column => {
    const p = playerOf.get(j);
    const player = p === undefined ? null : players[p];
    const missing = new Uint8Array(n);
    const cells = bg.codes ? new Uint32Array(n) : new Float64Array(n);
    const source: ArrayLike<number> = bg.codes ?? bg.values!;
    for (let c = 0; c < C; c++) {
      const at = c * B;
      if (player && masks[c][p!] === 1) {
        cells.fill(player.value, at, at + B);
        missing.fill(player.missing ? 1 : 0, at, at + B);
      } else {
        cells.set(source, at);
        missing.set(bg.missing, at);
      }
    }
    const out: Column = { ...bg, missing };
    if (bg.codes) {
      out.codes = cells as Uint32Array;
      if (player?.categories) out.categories = player.categories;
    } else out.values = cells as Float64Array;
    return out;
  });
  return { rowCount: n, columns };
}
