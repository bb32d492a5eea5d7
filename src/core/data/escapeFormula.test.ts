import { describe, expect, it } from 'vitest';
import { escapeFormula, looksLikeFormula } from './escapeFormula';

describe('escapeFormula', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ['+cmd|/c calc', "'+cmd|/c calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\n=1', "'\n=1"],
    // papaparse 5.7.1 leaves this one alone because its regex does not span lines.
    ['=1+1\nnote', "'=1+1\nnote"],
  ])('prefixes a quote to %j', (input, expected) => {
    expect(escapeFormula(input)).toBe(expected);
    expect(looksLikeFormula(input)).toBe(true);
  });

  it.each(['-1.5', '+3', '-0', '-.5', '-1e-7', '1.5', 'Adelie', '', 'a=b', "'=1", ' =1'])('leaves %j as it is', (input) => {
    expect(escapeFormula(input)).toBe(input);
  });

  it('escapes text that only starts like a number', () => {
    expect(escapeFormula('-1.5)')).toBe("'-1.5)");
    expect(escapeFormula('-')).toBe("'-");
    expect(escapeFormula('+')).toBe("'+");
  });
});
