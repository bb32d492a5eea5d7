import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes, firstInvalidUtf8 } from './decodeBytes';
import { ImportError } from './importIssue';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/csv/${name}`, import.meta.url)));
const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('decodeBytes', () => {
  it('E1/E2: strips a UTF-8 BOM from byte input and reports it as info', () => {
    const out = decodeBytes(fixture('e1_utf8_bom.csv'), 'e1.csv');
    expect(out.text.startsWith('id,name')).toBe(true);
    expect(out.encoding).toBe('utf-8');
    expect(out.issues.map((i) => [i.severity, i.code])).toEqual([['info', 'bom']]);
  });

  it('E3: decodes UTF-16LE and UTF-16BE with a BOM to clean text', () => {
    for (const [name, label] of [
      ['e3_utf16le_bom.csv', 'utf-16le'],
      ['e3_utf16be_bom.csv', 'utf-16be'],
    ]) {
      const out = decodeBytes(fixture(name), name);
      expect(out.text).toBe('a,b\r\n1,x\r\n2,y\r\n');
      expect(out.encoding).toBe(label);
    }
  });

  it('E4: recognises UTF-16LE without a BOM by its alternating NULs, with a warning to confirm', () => {
    const out = decodeBytes(fixture('e4_utf16le_no_bom.csv'), 'e4.csv');
    expect(out.text).toBe('a,b\n1,x\n2,y\n');
    expect(out.encoding).toBe('utf-16le');
    expect(out.issues[0]).toMatchObject({ severity: 'warning', code: 'utf16-without-bom' });
    const be = new Uint8Array(utf8('a,b\n1,x\n').length * 2);
    utf8('a,b\n1,x\n').forEach((b, i) => (be[2 * i + 1] = b));
    expect(decodeBytes(be, 'be.csv')).toMatchObject({ text: 'a,b\n1,x\n', encoding: 'utf-16be' });
  });

  it('E5: falls back to windows-1252 with a warning naming the first bad byte, offset and line', () => {
    const out = decodeBytes(fixture('e5_windows1252.csv'), 'latin.csv');
    expect(out.encoding).toBe('windows-1252');
    expect(out.text).toBe('name,price\ncafé,5\nnaïve,€ 7\n');
    expect(out.text).not.toContain('\uFFFD');
    const warning = out.issues.find((i) => i.code === 'not-utf8');
    expect(warning?.severity).toBe('warning');
    expect(warning?.line).toBe(2);
    expect(warning?.message).toContain('0xE9');
    expect(warning?.message).toContain('offset 14');
    expect(warning?.message).toContain('line 2');
    expect(warning?.snippet).toBe('café,5');
  });

  it('E5: reports offsets in the original file when a BOM came first', () => {
    const out = decodeBytes(bytes(0xef, 0xbb, 0xbf, 0x61, 0x0a, 0xe9, 0x0a), 'x.csv');
    expect(out.issues.find((i) => i.code === 'not-utf8')?.message).toContain('offset 5, line 2');
  });

  it('E5: a chosen windows-1252 or latin1 label decodes the euro sign as in browsers', () => {
    for (const label of ['windows-1252', 'latin1', 'iso-8859-1']) {
      expect(decodeBytes(bytes(0x80, 0x2c, 0xe9, 0x0a), 'x.csv', label)).toMatchObject({ text: '€,é\n', encoding: 'windows-1252' });
    }
  });

  it('E6: decodes with a chosen encoding, and rejects an unknown one', () => {
    const sjis = bytes(0x82, 0xa0, 0x2c, 0x62, 0x0a); // "あ,b" in Shift-JIS
    expect(decodeBytes(sjis, 'jp.csv', 'shift_jis')).toMatchObject({ text: 'あ,b\n', encoding: 'shift_jis' });
    expect(importError(() => decodeBytes(sjis, 'jp.csv', 'klingon')).issue.code).toBe('unknown-encoding');
  });

  it('E7: refuses zip/xlsx, PNG, PDF, gzip and NUL-containing files as binary', () => {
    const cases: Array<[Uint8Array, string]> = [
      [bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0), 'zip/Excel'],
      [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'PNG'],
      [bytes(0xff, 0xd8, 0xff, 0xe0), 'JPEG'],
      [bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61), 'GIF'],
      [utf8('%PDF-1.7\n'), 'PDF'],
      [bytes(0x1f, 0x8b, 0x08, 0), 'gzip'],
      [utf8('a,b\n1,\u00002\n'), 'NUL'],
    ];
    for (const [input, kind] of cases) {
      const error = importError(() => decodeBytes(input, 'data.csv'));
      expect(error.issue.code).toBe('binary-file');
      expect(error.message).toContain(kind);
      expect(error.message).toContain('nothing was imported');
    }
    expect(importError(() => decodeBytes(bytes(0x50, 0x4b, 0x03, 0x04), 'data.csv')).message).toBe(
      '"data.csv" looks like a zip/Excel file, not CSV text; nothing was imported.',
    );
  });

  it('E8: refuses empty and whitespace-only files', () => {
    expect(importError(() => decodeBytes(new Uint8Array(0), 'e.csv')).issue.code).toBe('empty-file');
    expect(importError(() => decodeBytes(fixture('e8_whitespace_only.csv'), 'e.csv')).issue.code).toBe('empty-file');
    expect(importError(() => decodeBytes(bytes(0xef, 0xbb, 0xbf), 'e.csv')).issue.code).toBe('empty-file');
  });

  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(utf8('héllo'))).toBe(6); // valid: the length
    expect(firstInvalidUtf8(bytes(0x61, 0xc3))).toBe(1);
    expect(firstInvalidUtf8(bytes(0x61, 0xed, 0xa0, 0x80))).toBe(1); // a surrogate
    expect(firstInvalidUtf8(bytes(0xf0, 0x9f, 0x98, 0x80, 0xff))).toBe(4);
  });
});
