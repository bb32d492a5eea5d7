import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError } from './importIssue';
import { sniffDialect } from './sniffDialect';

const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/csv/${name}`, import.meta.url), 'utf8');

describe('sniffDialect', () => {
  it('D1: picks ";" for semicolon files with decimal commas', () => {
    const sniffed = sniffDialect(fixture('d1_semicolon_decimal_comma.csv'));
    expect(sniffed.delimiter).toBe(';');
    expect(sniffed.confidence).toBeGreaterThan(0.6);
  });

  it('D2: picks tab for tab files with decimal commas', () => {
    expect(sniffDialect(fixture('d2_tab_decimal_comma.csv')).delimiter).toBe('\t');
  });

  it('D3: ignores delimiters inside quotes, including quoted multi-line values', () => {
    expect(sniffDialect(fixture('d3_optional_quoting.csv')).delimiter).toBe(';');
    expect(sniffDialect(fixture('d3_quoted_multiline.csv')).delimiter).toBe(';');
  });

  it('D4: a single-column file is valid: comma, full confidence, no candidate', () => {
    expect(sniffDialect('name\nAnn\nBo\n\n')).toEqual({ delimiter: ',', confidence: 1, singleColumn: true, scores: [] });
    expect(sniffDialect('x')).toMatchObject({ delimiter: ',', singleColumn: true });
  });

  it('D4: a trailing blank line does not break tab detection', () => {
    expect(sniffDialect('a\tb\n1\t2\n\n').delimiter).toBe('\t');
  });

  it('D5: a manual delimiter of any single character overrides detection', () => {
    expect(sniffDialect('a}b\n1}2\n', '}')).toMatchObject({ delimiter: '}', confidence: 1 });
    expect(sniffDialect('a,b\n', '~').delimiter).toBe('~');
    for (const bad of ['', ',,', '"', '\n']) expect(() => sniffDialect('a,b\n', bad)).toThrow(ImportError);
  });

  it('flags low confidence when two candidates fit equally well', () => {
    const sniffed = sniffDialect('a,b;c\n1,2;3\n');
    expect(sniffed.delimiter).toBe(',');
    expect(sniffed.confidence).toBeLessThan(0.6);
    expect(sniffed.scores.map((s) => s.delimiter)).toEqual([',', ';']);
  });

  it('prefers the delimiter with consistent field counts', () => {
    expect(sniffDialect('a|b|c\n1|x, y|3\n4|5|6\n').delimiter).toBe('|');
  });
});
