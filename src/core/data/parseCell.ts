/**
 * Strict cell parsers over a range of the decoded text, by character codes. They never call
 * `Date.parse` or lean on `Number()` leniency ("0x10", " 7 ", "Infinity", "SEPT2" are not
 * numbers or dates here), and they allocate nothing on the common path.
 */

export const NUM_OK = 0;
export const NUM_INVALID = 1;
/** A valid number whose integer part has a leading zero (`00501`): likely an identifier. */
export const NUM_LEADING_ZERO = 2;
/** An integer beyond 2^53 that a double would silently round. */
export const NUM_UNSAFE_INTEGER = 3;
/** A number too large for a double (`1e400`). */
export const NUM_OVERFLOW = 4;

/** Exact powers of ten: a 15-digit mantissa times or divided by one of them is correctly rounded. */
export const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Reads `[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?` from `text[s, e)` into `out[0]` and returns a
 * NUM_* status. `out[0]` is set for every status except NUM_INVALID.
 */
export function scanNumber(text: string, s: number, e: number, out: Float64Array): number {
  let i = s;
  let c = text.charCodeAt(i);
  const negative = c === 0x2d;
  if (negative || c === 0x2b) i++;
  let mantissa = 0;
  const intStart = i;
  while (i < e && (c = text.charCodeAt(i)) >= 0x30 && c <= 0x39) {
    mantissa = mantissa * 10 + (c - 0x30);
    i++;
  }
  const intDigits = i - intStart;
  let fracDigits = 0;
  let hasPoint = false;
  if (i < e && text.charCodeAt(i) === 0x2e) {
    hasPoint = true;
    i++;
    const fracStart = i;
    while (i < e && (c = text.charCodeAt(i)) >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      i++;
    }
    fracDigits = i - fracStart;
  }
  if (intDigits + fracDigits === 0) return NUM_INVALID;
  let exponent = 0;
  let hasExponent = false;
  if (i < e && ((c = text.charCodeAt(i)) === 0x65 || c === 0x45)) {
    hasExponent = true;
    i++;
    let expNegative = false;
    c = text.charCodeAt(i);
    if (c === 0x2d || c === 0x2b) {
      expNegative = c === 0x2d;
      i++;
    }
    const expStart = i;
    while (i < e && (c = text.charCodeAt(i)) >= 0x30 && c <= 0x39) {
      if (exponent < 1e6) exponent = exponent * 10 + (c - 0x30);
      i++;
    }
    if (i === expStart) return NUM_INVALID;
    if (expNegative) exponent = -exponent;
  }
  if (i !== e) return NUM_INVALID;
  const scale = exponent - fracDigits;
  let value: number;
  if (intDigits + fracDigits <= 15 && scale >= -22 && scale <= 22) {
    // Both operands are exact doubles, so one multiply or divide is correctly rounded: the
    // same double Number() gives for this text, without allocating a substring.
    value = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
    if (negative) value = -value;
  } else {
    value = Number(text.slice(s, e));
  }
  out[0] = value;
  if (!Number.isFinite(value)) return NUM_OVERFLOW;
  if (intDigits > 1 && text.charCodeAt(intStart) === 0x30) return NUM_LEADING_ZERO;
  if (!hasPoint && !hasExponent && intDigits > 15 && Math.abs(value) > Number.MAX_SAFE_INTEGER) return NUM_UNSAFE_INTEGER;
  return NUM_OK;
}

const MISSING_TOKENS = new Set(['NA', 'N/A', 'n/a', 'na', 'null', 'NULL', 'Null', 'NaN', 'nan', 'None', '#N/A', '?']);

/** True for an empty or missing-value token (`NA`, `null`, `#N/A`, ...); `s, e` already trimmed. */
export function isMissingToken(text: string, s: number, e: number): boolean {
  const len = e - s;
  if (len === 0) return true;
  if (len > 4) return false;
  const c = text.charCodeAt(s);
  // Every token starts with N, n, # or ?; anything else is decided without a substring.
  if (c !== 0x4e && c !== 0x6e && c !== 0x23 && c !== 0x3f) return false;
  return MISSING_TOKENS.has(text.slice(s, e));
}

/** 1 for true/yes, 0 for false/no (any case), -1 otherwise. With `digits`, also 1/0. */
export function parseBoolean(text: string, s: number, e: number, digits = false): number {
  const len = e - s;
  if (len < 1 || len > 5) return -1;
  switch (text.slice(s, e).toLowerCase()) {
    case 'true':
    case 'yes':
      return 1;
    case 'false':
    case 'no':
      return 0;
    case '1':
      return digits ? 1 : -1;
    case '0':
      return digits ? 0 : -1;
    default:
      return -1;
  }
}

function digitsAt(text: string, at: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = text.charCodeAt(at + k) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (valid for any year, unlike Date.UTC's 0-99 quirk). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * `YYYY-MM-DD`, `YYYY/MM/DD`, or `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH:MM]` with real calendar
 * values, as UTC epoch milliseconds (a time without a zone is read as UTC); NaN otherwise.
 */
export function parseIsoDate(text: string, s: number, e: number): number {
  const len = e - s;
  if (len < 10) return NaN;
  const sep = text.charCodeAt(s + 4);
  if ((sep !== 0x2d && sep !== 0x2f) || text.charCodeAt(s + 7) !== sep) return NaN;
  const year = digitsAt(text, s, 4);
  const month = digitsAt(text, s + 5, 2);
  const day = digitsAt(text, s + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  let ms = daysFromCivil(year, month, day) * 86_400_000;
  if (len === 10) return ms;
  let i = s + 10;
  const t = text.charCodeAt(i);
  if (sep !== 0x2d || (t !== 0x54 && t !== 0x20) || len < 16 || text.charCodeAt(i + 3) !== 0x3a) return NaN;
  const hour = digitsAt(text, i + 1, 2);
  const minute = digitsAt(text, i + 4, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  ms += hour * 3_600_000 + minute * 60_000;
  i += 6;
  if (i < e && text.charCodeAt(i) === 0x3a) {
    const second = i + 3 <= e ? digitsAt(text, i + 1, 2) : -1;
    if (second < 0 || second > 59) return NaN;
    ms += second * 1000;
    i += 3;
    if (i < e && text.charCodeAt(i) === 0x2e) {
      i++;
      let scale = 100;
      const fracStart = i;
      let c: number;
      while (i < e && (c = text.charCodeAt(i) - 0x30) >= 0 && c <= 9) {
        ms += c * scale;
        scale /= 10;
        i++;
      }
      if (i === fracStart || i - fracStart > 9) return NaN;
    }
  }
  if (i === e) return ms;
  const z = text.charCodeAt(i);
  if (z === 0x5a && i + 1 === e) return ms;
  if ((z === 0x2b || z === 0x2d) && i + 6 === e && text.charCodeAt(i + 3) === 0x3a) {
    const oh = digitsAt(text, i + 1, 2);
    const om = digitsAt(text, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
    const offset = oh * 3_600_000 + om * 60_000;
    return z === 0x2b ? ms - offset : ms + offset;
  }
  return NaN;
}
