import { CELL_ESCAPED, type ColumnCells } from './columnCells';
import { MISSING_CODE } from './table';

export interface EncodedStrings {
  codes: Uint32Array;
  /** Distinct raw values in first-appearance order. */
  categories: string[];
  /** Summed length of the distinct values, and how many of them contain a space. */
  distinctLength: number;
  distinctWithSpace: number;
}

/**
 * A copy of `s` that shares no memory with the string it was sliced from. V8 may keep a
 * slice as a view of its parent, so one kept category would otherwise pin the whole file's text.
 */
export function detachString(s: string): string {
  return (' ' + s).slice(1);
}

/**
 * Dictionary-encodes a column's raw cells (untrimmed, exactly as written); missing rows get
 * MISSING_CODE. Cells are looked up by hashing their range of the text, so a repeated value
 * costs no string allocation: only the first occurrence of each value is sliced out.
 */
export function encodeStrings(cells: ColumnCells, missing: Uint8Array): EncodedStrings {
  const n = cells.length;
  const codes = new Uint32Array(n);
  const categories: string[] = [];
  const { text, starts, ends, kinds } = cells;
  // Open addressing: slot -> code + 1 (0 = empty), kept at most half full.
  let mask = 1023;
  let slots: Int32Array = new Int32Array(mask + 1);
  const hashes: number[] = [];
  let distinctLength = 0;
  let distinctWithSpace = 0;
  for (let i = 0; i < n; i++) {
    if (missing[i]) {
      codes[i] = MISSING_CODE;
      continue;
    }
    const s = starts[i];
    const e = ends[i];
    const escaped = kinds[i] === CELL_ESCAPED;
    const hash = escaped ? hashEscaped(text, s, e) : hashRange(text, s, e);
    let slot = hash & mask;
    let code = -1;
    for (let entry = slots[slot]; entry !== 0; entry = slots[slot]) {
      if (hashes[entry - 1] === hash && (escaped ? equalsEscaped : equalsRange)(categories[entry - 1], text, s, e)) {
        code = entry - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (code < 0) {
      code = categories.length;
      const raw = text.slice(s, e);
      const value = escaped ? raw.replaceAll('""', '"') : detachString(raw);
      categories.push(value);
      hashes.push(hash);
      slots[slot] = code + 1;
      distinctLength += value.length;
      if (value.includes(' ')) distinctWithSpace++;
      if (categories.length * 2 > mask) {
        mask = mask * 2 + 1;
        slots = rehash(hashes, mask);
      }
    }
    codes[i] = code;
  }
  return { codes, categories, distinctLength, distinctWithSpace };
}

/** FNV-1a over UTF-16 code units. */
function hashRange(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** The hash of the unescaped value, reading each `""` pair as one quote. */
function hashEscaped(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i++;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h | 0;
}

function equalsEscaped(value: string, text: string, s: number, e: number): boolean {
  let i = s;
  for (let k = 0; k < value.length; k++, i++) {
    if (i >= e) return false;
    const c = text.charCodeAt(i);
    if (c !== value.charCodeAt(k)) return false;
    if (c === 0x22) i++;
  }
  return i === e;
}

function equalsRange(value: string, text: string, s: number, e: number): boolean {
  if (value.length !== e - s) return false;
  for (let k = 0; k < value.length; k++) if (value.charCodeAt(k) !== text.charCodeAt(s + k)) return false;
  return true;
}

function rehash(hashes: readonly number[], mask: number): Int32Array {
  const slots = new Int32Array(mask + 1);
  for (let code = 0; code < hashes.length; code++) {
    let slot = hashes[code] & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = code + 1;
  }
  return slots;
}
