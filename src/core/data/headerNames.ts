/**
 * Column names from a header row. Names are kept in arrays and Sets only, so `__proto__`,
 * `constructor` or `hasOwnProperty` are ordinary names that cannot reach any object's prototype.
 */
import { detachString } from './encodeStrings';
import type { ImportIssue } from './importIssue';
import { NUM_INVALID, parseIsoDate, scanNumber } from './parseCell';

export function placeholderName(index: number): string {
  return `column_${index + 1}`;
}

/**
 * Trimmed header names; empty ones become `column_N`, repeated ones `name_2`, `name_3` (skipping
 * any name already in the header), each change reported.
 */
export function headerNames(raw: readonly string[], fileName: string, issues: ImportIssue[]): string[] {
  const trimmed = raw.map((name) => detachString(name.trim()));
  const original = new Set(trimmed.filter((name) => name !== ''));
  const used = new Set<string>();
  const names: string[] = [];
  const trimmedList: string[] = [];
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed[i] !== raw[i] && trimmed[i] !== '') trimmedList.push(trimmed[i]);
    const empty = trimmed[i] === '';
    const base = empty ? placeholderName(i) : trimmed[i];
    let name = base;
    if (used.has(name) || (empty && original.has(name))) {
      let k = 2;
      while (used.has(`${base}_${k}`) || original.has(`${base}_${k}`)) k++;
      name = `${base}_${k}`;
    }
    used.add(name);
    names.push(name);
    if (empty) {
      issues.push({
        severity: 'warning',
        code: 'empty-header',
        message: `Column ${i + 1} of "${fileName}" has no name in the header; it was named "${name}".`,
        column: { index: i, name },
        action: 'Renamed.',
      });
    } else if (name !== base) {
      issues.push({
        severity: 'warning',
        code: 'duplicate-header',
        message: `Column ${i + 1} of "${fileName}" repeats the name "${base}"; it was renamed "${name}".`,
        column: { index: i, name },
        action: 'Renamed.',
      });
    }
  }
  if (trimmedList.length > 0) {
    const shown = trimmedList.slice(0, 5).map((n) => `"${n}"`).join(', ');
    issues.push({
      severity: 'info',
      code: 'trimmed-header',
      message: `Spaces around ${trimmedList.length} column name${trimmedList.length === 1 ? '' : 's'} of "${fileName}" were removed (${shown}${trimmedList.length > 5 ? ', …' : ''}).`,
      action: 'Trimmed.',
    });
  }
  return names;
}

const scratch = new Float64Array(1);

function isDataLike(field: string): boolean {
  const s = field.trim();
  return s !== '' && (scanNumber(s, 0, s.length, scratch) !== NUM_INVALID || !Number.isNaN(parseIsoDate(s, 0, s.length)));
}

/** A first row made only of numbers or dates is data, not a header (when the next row has some too). */
export function firstRowLooksLikeData(first: readonly string[], second: readonly string[] | null): boolean {
  if (first.length === 0 || !first.every(isDataLike)) return false;
  return second === null || second.some(isDataLike);
}
