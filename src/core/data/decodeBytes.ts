/**
 * Turns file bytes into text ourselves instead of trusting the parser or the browser: BOMs are
 * stripped before parsing (else the first header becomes "\uFEFFid"), UTF-16 is recognised,
 * non-UTF-8 files are never decoded into silent U+FFFD, and binary files are refused outright.
 */
import { originalLine, type SampleOrigin } from './sampleOrigin';
import { ImportError, snippetOf, type ImportIssue } from './importIssue';

export interface DecodedText {
  text: string;
  /** A WHATWG encoding label that decodes the file again the same way. */
  encoding: string;
  issues: ImportIssue[];
}

const MAGIC: ReadonlyArray<{ bytes: readonly number[]; kind: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a zip/Excel file' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'a zip/Excel file' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: 'an old Excel (.xls) or other Office file' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'a PDF document' },
  { bytes: [0x1f, 0x8b], kind: 'a gzip-compressed file' },
];

export function decodeBytes(bytes: Uint8Array, fileName: string, encoding?: string, origin?: SampleOrigin): DecodedText {
  if (bytes.length === 0) throw emptyFile(fileName, 'is empty (0 bytes)');
  const issues: ImportIssue[] = [];
  let text: string;
  let label: string;
  if (encoding !== undefined) {
    ({ text, label } = decodeManual(bytes, fileName, encoding, issues));
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    label = 'utf-16le';
    text = decodeUtf16(bytes.subarray(2), label, fileName, issues);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    label = 'utf-16be';
    text = decodeUtf16(bytes.subarray(2), label, fileName, issues);
  } else {
    const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const body = hasBom ? bytes.subarray(3) : bytes;
    const utf16 = hasBom ? null : guessUtf16(bytes);
    if (utf16) {
      label = utf16;
      text = decodeUtf16(bytes, label, fileName, issues);
      issues.push({
        severity: 'warning',
        code: 'utf16-without-bom',
        message: `"${fileName}" has no byte-order mark but looks like ${label.toUpperCase()} text (every other byte is zero); it was read that way.`,
        action: 'Check the preview; pick another encoding if the text looks wrong.',
      });
    } else {
      rejectBinary(bytes, fileName);
      ({ text, label } = decodeUtf8OrFallback(body, hasBom ? 3 : 0, fileName, issues, origin));
      if (hasBom && label === 'utf-8') {
        issues.push({
          severity: 'info',
          code: 'bom',
          message: `"${fileName}" starts with a UTF-8 byte-order mark (BOM); it was removed so the first column name stays clean.`,
          action: 'Removed.',
        });
      }
    }
  }
  if (!/\S/.test(text)) throw emptyFile(fileName, 'contains only whitespace');
  return { text, encoding: label, issues };
}

/**
 * decodeBytes' checks for a file of plain ASCII without NUL bytes (isPlainAscii), which it would
 * decode as UTF-8, one character per byte, with no issue: throws the same errors, in the same order.
 */
export function checkPlainAscii(bytes: Uint8Array, fileName: string): void {
  if (bytes.length === 0) throw emptyFile(fileName, 'is empty (0 bytes)');
  rejectBinary(bytes, fileName);
  // JavaScript's \s among ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
  if (bytes.every((b) => b === 0x20 || (b >= 0x09 && b <= 0x0d))) throw emptyFile(fileName, 'contains only whitespace');
}

function emptyFile(fileName: string, what: string): ImportError {
  return new ImportError({
    severity: 'error',
    code: 'empty-file',
    message: `"${fileName}" ${what}; nothing was imported.`,
    action: 'Choose a file with a header row and data.',
  });
}

function rejectBinary(bytes: Uint8Array, fileName: string): void {
  for (const { bytes: magic, kind } of MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) {
      throw new ImportError({
        severity: 'error',
        code: 'binary-file',
        message: `"${fileName}" looks like ${kind}, not CSV text; nothing was imported.`,
        action: kind.includes('Excel') ? 'Save the sheet as "CSV UTF-8" and import that file.' : 'Choose a CSV file.',
      });
    }
  }
  // Text never contains NUL; a native indexOf keeps this check cheap even for huge files.
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new ImportError({
      severity: 'error',
      code: 'binary-file',
      message: `"${fileName}" contains NUL bytes (the first at byte ${nul}), so it looks like a binary file, not CSV text; nothing was imported.`,
      action: 'Choose a CSV file, or re-save this one as CSV text.',
    });
  }
}

/** UTF-16 without a BOM: more than 30% of the first 4 KB are NULs, all at odd (LE) or even (BE) offsets. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (odd > 0.3 * n && even <= odd / 20) return 'utf-16le';
  if (even > 0.3 * n && odd <= even / 20) return 'utf-16be';
  return null;
}

/** Bytes 0x80-0x9F in windows-1252 (WHATWG), where it differs from Latin-1. */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decode(bytes: Uint8Array, label: string, fatal: boolean, fileName: string): string {
  try {
    const text = new TextDecoder(label, { fatal, ignoreBOM: true }).decode(bytes);
    // Node's decoder treats windows-1252 as Latin-1 ("€" comes out as U+0080); browsers do not.
    return label === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
  } catch (error) {
    if (error instanceof TypeError) throw error;
    // V8 cannot hold a string longer than about 2^29 characters (~512 M).
    throw new ImportError({
      severity: 'error',
      code: 'file-too-large',
      message: `"${fileName}" (${Math.round(bytes.length / 1e6)} MB) is too large to hold as text in this environment; nothing was imported.`,
      action: 'Import a smaller file or a sample of its rows.',
    });
  }
}

function decodeUtf16(bytes: Uint8Array, label: string, fileName: string, issues: ImportIssue[]): string {
  try {
    return decode(bytes, label, true, fileName);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    issues.push({
      severity: 'warning',
      code: 'invalid-characters',
      message: `"${fileName}" has byte sequences that are not valid ${label.toUpperCase()}; they were replaced with "\uFFFD".`,
      action: 'Check the preview; pick another encoding if the text looks wrong.',
    });
    return decode(bytes, label, false, fileName);
  }
}

function decodeUtf8OrFallback(body: Uint8Array, skipped: number, fileName: string, issues: ImportIssue[], origin?: SampleOrigin): { text: string; label: string } {
  try {
    return { text: decode(body, 'utf-8', true, fileName), label: 'utf-8' };
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  const bad = firstInvalidUtf8(body);
  let lineStart = bad;
  while (lineStart > 0 && body[lineStart - 1] !== 0x0a && body[lineStart - 1] !== 0x0d) lineStart--;
  let lineEnd = bad;
  while (lineEnd < body.length && body[lineEnd] !== 0x0a && body[lineEnd] !== 0x0d) lineEnd++;
  const line = originalLine(origin, lineNumberAt(body, bad));
  const text = decode(body, 'windows-1252', false, fileName);
  const byte = (body[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  issues.push({
    severity: 'warning',
    code: 'not-utf8',
    message: `"${fileName}" is not valid UTF-8 (the first bad byte, 0x${byte}, is ${origin ? `on line ${line}` : `at offset ${bad + skipped}, line ${line}`}); it was read as windows-1252 instead.`,
    line,
    snippet: snippetOf(decode(body.subarray(lineStart, Math.min(lineEnd, lineStart + 480)), 'windows-1252', false, fileName)),
    action: 'Check accented letters and symbols in the preview, and pick the right encoding if they look wrong.',
  });
  return { text, label: 'windows-1252' };
}

function decodeManual(bytes: Uint8Array, fileName: string, encoding: string, issues: ImportIssue[]): { text: string; label: string } {
  let label: string;
  try {
    label = new TextDecoder(encoding).encoding;
  } catch {
    throw new ImportError({
      severity: 'error',
      code: 'unknown-encoding',
      message: `"${encoding}" is not an encoding this environment can decode, so "${fileName}" was not imported.`,
      action: 'Pick another encoding.',
    });
  }
  if (!label.startsWith('utf-16')) rejectBinary(bytes, fileName);
  let text = label.startsWith('utf-16') ? decodeUtf16(bytes, label, fileName, issues) : decode(bytes, label, false, fileName);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const replaced = label.startsWith('utf-16') ? 0 : countChar(text, '\uFFFD');
  if (replaced > 0) {
    issues.push({
      severity: 'warning',
      code: 'invalid-characters',
      message: `${replaced} characters of "${fileName}" are not valid ${label} and were replaced with "\uFFFD".`,
      action: 'Pick another encoding if the text looks wrong.',
    });
  }
  return { text, label };
}

function countChar(text: string, ch: string): number {
  let count = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) count++;
  return count;
}

function lineNumberAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (only called after decoding failed). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 2;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
    else if (b >= 0xe1 && b <= 0xef) need = 2;
    else if (b === 0xf0) {
      need = 3;
      lo = 0x90;
    } else if (b === 0xf4) {
      need = 3;
      hi = 0x8f;
    } else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else return i;
    if (i + need >= n) return i;
    const second = bytes[i + 1];
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const cont = bytes[i + k];
      if (cont < 0x80 || cont > 0xbf) return i;
    }
    i += need + 1;
  }
  return n;
}
