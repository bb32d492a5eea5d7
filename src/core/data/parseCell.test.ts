import { describe, expect, it } from 'vitest';
import {
  NUM_INVALID,
  NUM_LEADING_ZERO,
  NUM_OK,
  NUM_OVERFLOW,
  NUM_UNSAFE_INTEGER,
  daysFromCivil,
  isMissingToken,
  parseBoolean,
  parseIsoDate,
  scanNumber,
} from './parseCell';

const out = new Float64Array(1);
const scan = (s: string) => scanNumber(s, 0, s.length, out);

describe('scanNumber', () => {
  it('accepts the strict decimal grammar and gives exactly what Number() gives for the same text', () => {
    const valid = ['0', '-0', '+3', '.5', '5.', '1e5', '1E-5', '-12.500', '3.141592653589793', '123456789012345678e-3', '0.1', '9007199254740993.0', '1.7976931348623157e308', '4.9e-324', '0e0'];
    for (const text of valid) {
      expect(scan(text), text).toBe(NUM_OK);
      expect(Object.is(out[0], Number(text)), text).toBe(true);
    }
  });

  it('matches Number() on many random decimals (the allocation-free fast path)', () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 20000; k++) {
      const digits = String(Math.floor(rand() * 10 ** Math.floor(rand() * 16)));
      const point = Math.floor(rand() * (digits.length + 1));
      const exp = rand() < 0.3 ? `e${Math.floor(rand() * 40) - 20}` : '';
      const text = (rand() < 0.5 ? '-' : '') + digits.slice(0, point) + '.' + digits.slice(point) + exp;
      if (/^-?0\d/.test(text)) continue;
      expect(scan(text), text).toBe(NUM_OK);
      expect(Object.is(out[0], Number(text)), text).toBe(true);
    }
  });

  it('rejects lenient forms Number() would accept', () => {
    for (const text of ['', ' ', '+', '-', '.', 'e5', '1e', '1e+', '0x10', '0b1', 'Infinity', '-Infinity', 'inf', 'NaN', '1,234', '1 234', '1_000', '$1', '5%', '(123)', '1.2.3', '--1', '1e5.5']) {
      expect(scan(text), text).toBe(NUM_INVALID);
    }
  });

  it('flags leading zeros, unsafe integers and overflow instead of rounding silently', () => {
    expect(scan('00501')).toBe(NUM_LEADING_ZERO);
    expect(scan('0123')).toBe(NUM_LEADING_ZERO);
    expect(scan('-007')).toBe(NUM_LEADING_ZERO);
    expect(scan('0001.50')).toBe(NUM_LEADING_ZERO);
    expect(scan('208310224003697457')).toBe(NUM_UNSAFE_INTEGER);
    expect(scan('9007199254740991')).toBe(NUM_OK);
    expect(scan('9007199254740992')).toBe(NUM_UNSAFE_INTEGER);
    expect(scan('1e400')).toBe(NUM_OVERFLOW);
  });
});

describe('cell tokens', () => {
  it('recognises the missing tokens and nothing else', () => {
    for (const t of ['', 'NA', 'N/A', 'n/a', 'na', 'null', 'NULL', 'Null', 'NaN', 'nan', 'None', '#N/A', '?']) expect(isMissingToken(t, 0, t.length), t).toBe(true);
    for (const t of ['-', 'none', 'NAN', 'Na', 'nil', '0', 'N', '??']) expect(isMissingToken(t, 0, t.length), t).toBe(false);
  });

  it('reads only true/false/yes/no as booleans (1/0 only when asked)', () => {
    expect(['TRUE', 'False', 'yes', 'NO'].map((t) => parseBoolean(t, 0, t.length))).toEqual([1, 0, 1, 0]);
    expect(['Y', 'N', '1', 't', 'on'].map((t) => parseBoolean(t, 0, t.length))).toEqual([-1, -1, -1, -1, -1]);
    expect(parseBoolean('1', 0, 1, true)).toBe(1);
  });
});

describe('parseIsoDate', () => {
  const d = (s: string) => parseIsoDate(s, 0, s.length);
  it('parses ISO-like dates and date-times as UTC epoch ms', () => {
    expect(d('2020-01-02')).toBe(Date.UTC(2020, 0, 2));
    expect(d('2020/01/02')).toBe(Date.UTC(2020, 0, 2));
    expect(d('2020-02-29T13:45')).toBe(Date.UTC(2020, 1, 29, 13, 45));
    expect(d('2020-02-29 13:45:07')).toBe(Date.UTC(2020, 1, 29, 13, 45, 7));
    expect(d('2020-02-29T13:45:07.25Z')).toBe(Date.UTC(2020, 1, 29, 13, 45, 7, 250));
    expect(d('2020-02-29T13:45:07+02:00')).toBe(Date.UTC(2020, 1, 29, 11, 45, 7));
    expect(d('1969-12-31T23:59:59-00:30')).toBe(Date.UTC(1970, 0, 1, 0, 29, 59));
    expect(d('0050-06-01')).toBe(new Date('0050-06-01T00:00:00Z').getTime());
  });

  it('rejects invalid calendar values and non-ISO forms', () => {
    for (const s of ['2021-02-29', '2020-13-01', '2020-00-10', '2020-04-31', '2020-01-02T24:00', '2020-01-02T10:60', '2020-01-02T10:00:61', '2020/01/02T10:00', '2020-01/02', '02/01/2014', '1/2', 'SEPT2', 'Restaurant 11057', '2020-1-2', '2020-01-02T10', '2020-01-02T10:00+2', '2020-01-02Z']) {
      expect(d(s), s).toBeNaN();
    }
  });

  it('agrees with Date.UTC across centuries', () => {
    for (const [y, m, day] of [[1900, 3, 1], [2000, 2, 29], [1600, 12, 31], [2400, 1, 1]]) {
      expect(daysFromCivil(y, m, day) * 86_400_000).toBe(Date.UTC(y, m - 1, day));
    }
  });
});
