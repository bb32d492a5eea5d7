/**
 * The interpreter: walks the typed program once, node by node, each node filling a whole
 * buffer for every row (a Float64Array with NaN for missing, or dictionary codes for text), so
 * the per-row work is a tight loop with no closures and no allocation. A node that reads no
 * column stays a single scalar instead of a buffer. Buffers produced by one node are reused by
 * its parent when it can, so a long formula does not hold one buffer per node.
 *
 * Runtime semantics (data values are unknown when the formula is checked, so none of these is
 * an error):
 * - missing in, missing out, except isMissing (never missing), coalesce (first non-missing) and
 *   if (only the chosen branch matters; a missing condition gives missing);
 * - division or remainder by zero gives missing;
 * - out-of-domain and overflowing results (log of 0 or a negative, sqrt of a negative,
 *   exp(1000), 10^400) give missing: every number a formula produces is finite or missing;
 * - comparisons and logic give 1/0, missing when an operand is missing (no three-valued logic:
 *   `false and missing` is missing).
 */
import { MISSING_CODE, type Column, type Table } from '../../data/table';
import { kindOfColumnType, type ArithOp, type CompareOp, type DatePart, type IR, type Kind, type MathOp } from './check';

interface NumV {
  k: 'n';
  /** null: every row holds `s`. */
  arr: Float64Array | null;
  s: number;
  /** The buffer belongs to this value alone, so the next node may overwrite it. */
  owned: boolean;
}

interface TxtV {
  k: 't';
  /** null: every row holds code `s` (MISSING_CODE for a missing scalar). */
  codes: Uint32Array | null;
  s: number;
  cats: readonly string[];
}

type V = NumV | TxtV;

const DAY_MS = 86_400_000;

const numScalar = (s: number): NumV => ({ k: 'n', arr: null, s, owned: false });
const numArray = (arr: Float64Array): NumV => ({ k: 'n', arr, s: NaN, owned: true });
const txtScalar = (s: string | null): TxtV => (s === null ? { k: 't', codes: null, s: MISSING_CODE, cats: [] } : { k: 't', codes: null, s: 0, cats: [s] });

// Small integer codes let the per-row switch compile to a jump table.
const ARITH_CODES: Record<ArithOp, number> = { '+': 0, '-': 1, '*': 2, '/': 3, '%': 4, '^': 5, days: 6 };
const MATH_CODES: Record<MathOp, number> = { neg: 0, log: 1, log10: 2, log1p: 3, exp: 4, sqrt: 5, abs: 6, floor: 7, ceil: 8 };
const COMPARE_CODES: Record<CompareOp, number> = { '<': 0, '<=': 1, '>': 2, '>=': 3, '==': 4, '!=': 5 };
const DATE_CODES: Record<DatePart, number> = { year: 0, month: 1, day: 2, weekday: 3, hour: 4, minute: 5 };

/** Finite numbers pass; NaN and ±Infinity become NaN (missing). */
function finite(r: number): number {
  return r - r === 0 ? r : NaN;
}

function arith1(code: number, x: number, y: number): number {
  switch (code) {
    case 0:
      return finite(x + y);
    case 1:
      return finite(x - y);
    case 2:
      return finite(x * y);
    case 3:
      return y === 0 ? NaN : finite(x / y);
    case 4: {
      if (y === 0) return NaN;
      // Python's %: the result takes the sign of the divisor.
      const r = x % y;
      return finite(r !== 0 && r < 0 !== y < 0 ? r + y : r);
    }
    case 5:
      // Math.pow(NaN, 0) is 1, but a missing base must stay missing.
      return x !== x ? NaN : finite(Math.pow(x, y));
    default:
      return finite((x - y) / DAY_MS);
  }
}

function math1(code: number, x: number): number {
  switch (code) {
    case 0:
      return -x;
    case 1:
      return finite(Math.log(x));
    case 2:
      return finite(Math.log10(x));
    case 3:
      return finite(Math.log1p(x));
    case 4:
      return finite(Math.exp(x));
    case 5:
      return finite(Math.sqrt(x));
    case 6:
      return Math.abs(x);
    case 7:
      return Math.floor(x);
    default:
      return Math.ceil(x);
  }
}

function compare1(code: number, x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  switch (code) {
    case 0:
      return x < y ? 1 : 0;
    case 1:
      return x <= y ? 1 : 0;
    case 2:
      return x > y ? 1 : 0;
    case 3:
      return x >= y ? 1 : 0;
    case 4:
      return x === y ? 1 : 0;
    default:
      return x !== y ? 1 : 0;
  }
}

/** Half away from zero, as spreadsheets do; digits may be negative (round(1234, -2) = 1200). */
function round1(x: number, digits: number, scale: number): number {
  if (x !== x) return NaN;
  const abs = Math.abs(x);
  // Past 2^52 every double is a whole number already.
  if (abs >= 4503599627370496 && digits >= 0) return x;
  const r = digits >= 0 ? Math.round(abs * scale) / scale : Math.round(abs / scale) * scale;
  return finite(x < 0 ? -r : r) + 0;
}

/** A date part of epoch milliseconds, in UTC, without allocating a Date per row. */
function datePart1(code: number, ms: number): number {
  if (ms !== ms) return NaN;
  const days = Math.floor(ms / DAY_MS);
  const inDay = ms - days * DAY_MS;
  switch (code) {
    case 3:
      // 1970-01-01 was a Thursday (3 when Monday is 0).
      return (((days + 3) % 7) + 7) % 7;
    case 4:
      return Math.floor(inDay / 3_600_000);
    case 5:
      return Math.floor(inDay / 60_000) % 60;
    default:
      break;
  }
  // Howard Hinnant's civil_from_days; past `era` every quantity is small and non-negative, so
  // `| 0` truncates like Math.floor.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const month = mp < 10 ? mp + 3 : mp - 9;
  if (code === 1) return month;
  if (code === 2) return doy - (((153 * mp + 2) / 5) | 0) + 1;
  return yoe + era * 400 + (month <= 2 ? 1 : 0);
}

/** Text for a number, true/false or date, written as the table shows them. */
function formatValue(kind: Kind, v: number): string {
  if (kind === 'boolean') return v ? 'true' : 'false';
  if (kind === 'date') {
    const iso = new Date(v).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  return String(v);
}

/** Every part's categories merged into one dictionary, with each part's old-to-new code map. */
function unionCategories(parts: readonly TxtV[]): { cats: string[]; maps: Uint32Array[] } {
  const index = new Map<string, number>();
  const cats: string[] = [];
  const maps = parts.map((part) => {
    const map = new Uint32Array(part.cats.length);
    for (let j = 0; j < part.cats.length; j++) {
      const s = part.cats[j];
      let code = index.get(s);
      if (code === undefined) {
        code = cats.length;
        cats.push(s);
        index.set(s, code);
      }
      map[j] = code;
    }
    return map;
  });
  return { cats, maps };
}

/** Whether every cell the mask marks missing already holds NaN, so the values can be read as they are. */
function missingAreNaN(values: Float64Array, missing: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (missing[i] && values[i] === values[i]) return false;
  return true;
}

function remap(code: number, map: Uint32Array): number {
  return code === MISSING_CODE ? MISSING_CODE : map[code];
}

export class Evaluation {
  readonly n: number;
  private readonly cache = new Map<string, V>();

  constructor(
    private readonly table: Table,
    private readonly rows: ArrayLike<number> | null,
  ) {
    this.n = rows ? rows.length : table.rowCount;
    if (rows) {
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        if (!(Number.isInteger(r) && r >= 0 && r < table.rowCount)) throw new RangeError(`Row ${r} is not a row of the table (it has ${table.rowCount} rows).`);
      }
    }
  }

  run(ir: IR): V {
    switch (ir.op) {
      case 'const':
        return ir.type === 'text' ? txtScalar(ir.str) : numScalar(ir.num);
      case 'column':
        return this.column(ir.name, ir.type);
      case 'arith':
        return this.arith(ARITH_CODES[ir.code], this.num(ir.a), this.num(ir.b));
      case 'math':
        return this.math(MATH_CODES[ir.code], this.num(ir.a));
      case 'round':
        return this.round(this.num(ir.a), ir.digits);
      case 'compare':
        return this.compare(COMPARE_CODES[ir.code], this.num(ir.a), this.num(ir.b));
      case 'textEquals':
        return this.textEquals(this.txt(ir.a), this.txt(ir.b), ir.negate);
      case 'logic':
        return this.logic(ir.and, this.num(ir.a), this.num(ir.b));
      case 'not':
        return this.not(this.num(ir.a));
      case 'minmax':
        return ir.args.map((a) => this.num(a)).reduce((acc, next) => this.minmax(ir.max, acc, next));
      case 'if':
        return ir.type === 'text' ? this.ifText(this.num(ir.cond), this.txt(ir.a), this.txt(ir.b)) : this.ifNum(this.num(ir.cond), this.num(ir.a), this.num(ir.b));
      case 'isMissing':
        return this.isMissing(this.run(ir.a));
      case 'coalesce':
        return ir.type === 'text'
          ? this.coalesceText(ir.args.map((a) => this.txt(a)))
          : ir.args.map((a) => this.num(a)).reduce((acc, next) => this.coalesceNum(acc, next));
      case 'datePart':
        return this.datePart(DATE_CODES[ir.code], this.num(ir.a));
      case 'concat':
        return ir.args.map((a) => this.toText(a)).reduce((acc, next) => this.concat(acc, next));
      case 'textMap':
        return this.textMap(this.txt(ir.a), ir.code);
      case 'length':
        return this.length(this.txt(ir.a));
      case 'contains':
        return this.contains(this.txt(ir.a), this.txt(ir.b));
    }
  }

  private num(ir: IR): NumV {
    const v = this.run(ir);
    if (v.k !== 'n') throw new Error('Internal formula error: expected a number buffer.');
    return v;
  }

  private txt(ir: IR): TxtV {
    const v = this.run(ir);
    if (v.k !== 't') throw new Error('Internal formula error: expected a text buffer.');
    return v;
  }

  /** A buffer to write into: one of the operands' own buffers when they have one, else a new one. */
  private buffer(...operands: NumV[]): Float64Array {
    for (const o of operands) if (o.owned && o.arr) return o.arr;
    return new Float64Array(this.n);
  }

  private column(name: string, kind: Kind): V {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const column = this.table.columns.find((c) => c.name === name);
    if (!column) throw new Error(`The formula uses the column "${name}", which this table does not have.`);
    if (kindOfColumnType(column.type) !== kind) {
      throw new Error(`The formula was checked with "${name}" as ${kind}, but the table's column is ${column.type}; check the formula again.`);
    }
    const { n, rows } = this;
    const miss = column.missing;
    let v: V;
    if (kind === 'text') {
      const src = column.codes;
      if (!src || !column.categories) throw new Error(`The column "${name}" has no category codes.`);
      const codes = new Uint32Array(n);
      if (rows) {
        for (let i = 0; i < n; i++) {
          const r = rows[i];
          codes[i] = miss[r] ? MISSING_CODE : src[r];
        }
      } else {
        for (let i = 0; i < n; i++) codes[i] = miss[i] ? MISSING_CODE : src[i];
      }
      v = { k: 't', codes, s: 0, cats: column.categories };
    } else {
      const src = column.values;
      if (!src) throw new Error(`The column "${name}" has no values.`);
      if (!rows && src.length === n && missingAreNaN(src, miss, n)) {
        // Read in place: the buffer is never owned, so no node writes into the table.
        v = { k: 'n', arr: src, s: NaN, owned: false };
        this.cache.set(name, v);
        return v;
      }
      const arr = new Float64Array(n);
      if (rows) {
        for (let i = 0; i < n; i++) {
          const r = rows[i];
          arr[i] = miss[r] ? NaN : src[r];
        }
      } else {
        for (let i = 0; i < n; i++) arr[i] = miss[i] ? NaN : src[i];
      }
      // Shared by every reference to the column, so no node may overwrite it.
      v = { k: 'n', arr, s: NaN, owned: false };
    }
    this.cache.set(name, v);
    return v;
  }

  private arith(code: number, a: NumV, b: NumV): NumV {
    if (!a.arr && !b.arr) return numScalar(arith1(code, a.s, b.s));
    const out = this.buffer(a, b);
    const { arr: aa, s: as } = a;
    const { arr: ba, s: bs } = b;
    for (let i = 0; i < this.n; i++) out[i] = arith1(code, aa !== null ? aa[i] : as, ba !== null ? ba[i] : bs);
    return numArray(out);
  }

  private math(code: number, a: NumV): NumV {
    if (!a.arr) return numScalar(math1(code, a.s));
    const out = this.buffer(a);
    const aa = a.arr;
    for (let i = 0; i < this.n; i++) out[i] = math1(code, aa[i]);
    return numArray(out);
  }

  private round(a: NumV, digits: number): NumV {
    const scale = 10 ** Math.abs(digits);
    if (!a.arr) return numScalar(round1(a.s, digits, scale));
    const out = this.buffer(a);
    const aa = a.arr;
    for (let i = 0; i < this.n; i++) out[i] = round1(aa[i], digits, scale);
    return numArray(out);
  }

  private compare(code: number, a: NumV, b: NumV): NumV {
    if (!a.arr && !b.arr) return numScalar(compare1(code, a.s, b.s));
    const out = this.buffer(a, b);
    const { arr: aa, s: as } = a;
    const { arr: ba, s: bs } = b;
    for (let i = 0; i < this.n; i++) out[i] = compare1(code, aa !== null ? aa[i] : as, ba !== null ? ba[i] : bs);
    return numArray(out);
  }

  private logic(and: boolean, a: NumV, b: NumV): NumV {
    const one = (x: number, y: number) => (x !== x || y !== y ? NaN : (and ? x !== 0 && y !== 0 : x !== 0 || y !== 0) ? 1 : 0);
    if (!a.arr && !b.arr) return numScalar(one(a.s, b.s));
    const out = this.buffer(a, b);
    const { arr: aa, s: as } = a;
    const { arr: ba, s: bs } = b;
    for (let i = 0; i < this.n; i++) {
      const x = aa !== null ? aa[i] : as;
      const y = ba !== null ? ba[i] : bs;
      out[i] = x !== x || y !== y ? NaN : (and ? x !== 0 && y !== 0 : x !== 0 || y !== 0) ? 1 : 0;
    }
    return numArray(out);
  }

  private not(a: NumV): NumV {
    if (!a.arr) return numScalar(a.s !== a.s ? NaN : a.s === 0 ? 1 : 0);
    const out = this.buffer(a);
    const aa = a.arr;
    for (let i = 0; i < this.n; i++) {
      const x = aa[i];
      out[i] = x !== x ? NaN : x === 0 ? 1 : 0;
    }
    return numArray(out);
  }

  private minmax(max: boolean, a: NumV, b: NumV): NumV {
    if (!a.arr && !b.arr) return numScalar(max ? Math.max(a.s, b.s) : Math.min(a.s, b.s));
    const out = this.buffer(a, b);
    const { arr: aa, s: as } = a;
    const { arr: ba, s: bs } = b;
    for (let i = 0; i < this.n; i++) {
      const x = aa !== null ? aa[i] : as;
      const y = ba !== null ? ba[i] : bs;
      out[i] = x !== x || y !== y ? NaN : max ? (x >= y ? x : y) : x <= y ? x : y;
    }
    return numArray(out);
  }

  private ifNum(c: NumV, a: NumV, b: NumV): NumV {
    if (!c.arr) return c.s !== c.s ? numScalar(NaN) : c.s !== 0 ? a : b;
    const out = this.buffer(c, a, b);
    const ca = c.arr;
    const { arr: aa, s: as } = a;
    const { arr: ba, s: bs } = b;
    for (let i = 0; i < this.n; i++) {
      const cond = ca[i];
      out[i] = cond !== cond ? NaN : cond !== 0 ? (aa !== null ? aa[i] : as) : ba !== null ? ba[i] : bs;
    }
    return numArray(out);
  }

  private ifText(c: NumV, a: TxtV, b: TxtV): TxtV {
    if (!c.arr) return c.s !== c.s ? txtScalar(null) : c.s !== 0 ? a : b;
    const { cats, maps } = unionCategories([a, b]);
    const [mapA, mapB] = maps;
    const out = new Uint32Array(this.n);
    const ca = c.arr;
    for (let i = 0; i < this.n; i++) {
      const cond = ca[i];
      out[i] =
        cond !== cond
          ? MISSING_CODE
          : cond !== 0
            ? remap(a.codes !== null ? a.codes[i] : a.s, mapA)
            : remap(b.codes !== null ? b.codes[i] : b.s, mapB);
    }
    return { k: 't', codes: out, s: 0, cats };
  }

  private isMissing(a: V): NumV {
    if (a.k === 'n') {
      if (!a.arr) return numScalar(a.s !== a.s ? 1 : 0);
      const out = this.buffer(a);
      const aa = a.arr;
      for (let i = 0; i < this.n; i++) out[i] = aa[i] !== aa[i] ? 1 : 0;
      return numArray(out);
    }
    if (!a.codes) return numScalar(a.s === MISSING_CODE ? 1 : 0);
    const out = new Float64Array(this.n);
    const codes = a.codes;
    for (let i = 0; i < this.n; i++) out[i] = codes[i] === MISSING_CODE ? 1 : 0;
    return numArray(out);
  }

  private coalesceNum(a: NumV, b: NumV): NumV {
    if (!a.arr) return a.s !== a.s ? b : a;
    const out = this.buffer(a, b);
    const aa = a.arr;
    const { arr: ba, s: bs } = b;
    for (let i = 0; i < this.n; i++) {
      const x = aa[i];
      out[i] = x === x ? x : ba !== null ? ba[i] : bs;
    }
    return numArray(out);
  }

  private coalesceText(parts: TxtV[]): TxtV {
    const { cats, maps } = unionCategories(parts);
    if (parts.every((p) => !p.codes)) {
      const k = parts.findIndex((p) => p.s !== MISSING_CODE);
      return k < 0 ? txtScalar(null) : { k: 't', codes: null, s: maps[k][parts[k].s], cats };
    }
    const out = new Uint32Array(this.n).fill(MISSING_CODE);
    parts.forEach((part, k) => {
      const map = maps[k];
      for (let i = 0; i < this.n; i++) {
        if (out[i] === MISSING_CODE) out[i] = remap(part.codes !== null ? part.codes[i] : part.s, map);
      }
    });
    return { k: 't', codes: out, s: 0, cats };
  }

  private datePart(code: number, a: NumV): NumV {
    if (!a.arr) return numScalar(datePart1(code, a.s));
    const out = this.buffer(a);
    const aa = a.arr;
    for (let i = 0; i < this.n; i++) out[i] = datePart1(code, aa[i]);
    return numArray(out);
  }

  /** Any value as text: numbers, true/false and dates get one category per distinct value. */
  private toText(ir: IR): TxtV {
    const v = this.run(ir);
    if (v.k === 't') return v;
    if (!v.arr) return txtScalar(v.s !== v.s ? null : formatValue(ir.type, v.s));
    const index = new Map<number, number>();
    const cats: string[] = [];
    const codes = new Uint32Array(this.n);
    const arr = v.arr;
    for (let i = 0; i < this.n; i++) {
      const x = arr[i];
      if (x !== x) {
        codes[i] = MISSING_CODE;
        continue;
      }
      let code = index.get(x);
      if (code === undefined) {
        code = cats.length;
        cats.push(formatValue(ir.type, x));
        index.set(x, code);
      }
      codes[i] = code;
    }
    return { k: 't', codes, s: 0, cats };
  }

  private concat(a: TxtV, b: TxtV): TxtV {
    if (!a.codes && !b.codes) {
      return a.s === MISSING_CODE || b.s === MISSING_CODE ? txtScalar(null) : txtScalar(a.cats[a.s] + b.cats[b.s]);
    }
    const width = b.cats.length;
    // Pairs of codes are keyed by one number while that stays exact; the strings are deduplicated too.
    const pairKeys = a.cats.length * width < Number.MAX_SAFE_INTEGER;
    const byPair = new Map<number, number>();
    const byText = new Map<string, number>();
    const cats: string[] = [];
    const out = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const ca = a.codes !== null ? a.codes[i] : a.s;
      const cb = b.codes !== null ? b.codes[i] : b.s;
      if (ca === MISSING_CODE || cb === MISSING_CODE) {
        out[i] = MISSING_CODE;
        continue;
      }
      const key = ca * width + cb;
      let code = pairKeys ? byPair.get(key) : undefined;
      if (code === undefined) {
        const s = a.cats[ca] + b.cats[cb];
        code = byText.get(s);
        if (code === undefined) {
          code = cats.length;
          cats.push(s);
          byText.set(s, code);
        }
        if (pairKeys) byPair.set(key, code);
      }
      out[i] = code;
    }
    return { k: 't', codes: out, s: 0, cats };
  }

  private textMap(a: TxtV, code: 'lower' | 'upper' | 'trim'): TxtV {
    const mapped = a.cats.map((s) => (code === 'lower' ? s.toLowerCase() : code === 'upper' ? s.toUpperCase() : s.trim()));
    const { cats, maps } = unionCategories([{ k: 't', codes: null, s: 0, cats: mapped }]);
    const map = maps[0];
    if (!a.codes) return { k: 't', codes: null, s: remap(a.s, map), cats };
    const out = new Uint32Array(this.n);
    const codes = a.codes;
    for (let i = 0; i < this.n; i++) out[i] = remap(codes[i], map);
    return { k: 't', codes: out, s: 0, cats };
  }

  private length(a: TxtV): NumV {
    // Characters, not UTF-16 units: an emoji counts once.
    const lengths = Float64Array.from(a.cats, (s) => Array.from(s).length);
    if (!a.codes) return numScalar(a.s === MISSING_CODE ? NaN : lengths[a.s]);
    const out = new Float64Array(this.n);
    const codes = a.codes;
    for (let i = 0; i < this.n; i++) out[i] = codes[i] === MISSING_CODE ? NaN : lengths[codes[i]];
    return numArray(out);
  }

  private contains(a: TxtV, b: TxtV): NumV {
    if (!a.codes && !b.codes) {
      return numScalar(a.s === MISSING_CODE || b.s === MISSING_CODE ? NaN : a.cats[a.s].includes(b.cats[b.s]) ? 1 : 0);
    }
    const out = new Float64Array(this.n);
    if (!b.codes) {
      // One part for every row: test each category once.
      if (b.s === MISSING_CODE) return numScalar(NaN);
      const part = b.cats[b.s];
      const hit = Float64Array.from(a.cats, (s) => (s.includes(part) ? 1 : 0));
      const codes = a.codes as Uint32Array;
      for (let i = 0; i < this.n; i++) out[i] = codes[i] === MISSING_CODE ? NaN : hit[codes[i]];
      return numArray(out);
    }
    for (let i = 0; i < this.n; i++) {
      const ca = a.codes !== null ? a.codes[i] : a.s;
      const cb = b.codes[i];
      out[i] = ca === MISSING_CODE || cb === MISSING_CODE ? NaN : a.cats[ca].includes(b.cats[cb]) ? 1 : 0;
    }
    return numArray(out);
  }

  private textEquals(a: TxtV, b: TxtV, negate: boolean): NumV {
    // Both dictionaries mapped to shared ids, so equal strings compare equal whatever their codes.
    const { maps } = unionCategories([a, b]);
    const [mapA, mapB] = maps;
    const yes = negate ? 0 : 1;
    const no = 1 - yes;
    if (!a.codes && !b.codes) {
      return numScalar(a.s === MISSING_CODE || b.s === MISSING_CODE ? NaN : mapA[a.s] === mapB[b.s] ? yes : no);
    }
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const ca = a.codes !== null ? a.codes[i] : a.s;
      const cb = b.codes !== null ? b.codes[i] : b.s;
      out[i] = ca === MISSING_CODE || cb === MISSING_CODE ? NaN : mapA[ca] === mapB[cb] ? yes : no;
    }
    return numArray(out);
  }

  /** The value as a finished column: a fresh buffer, missing mask set, categories compacted. */
  toColumn(v: V, kind: Kind, name: string): Column {
    const n = this.n;
    const missing = new Uint8Array(n);
    if (v.k === 't') {
      // Keep only the categories some row uses, in order of first appearance.
      const renumber = new Uint32Array(v.cats.length).fill(MISSING_CODE);
      const categories: string[] = [];
      const codes = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const c = v.codes !== null ? v.codes[i] : v.s;
        if (c === MISSING_CODE) {
          codes[i] = MISSING_CODE;
          missing[i] = 1;
          continue;
        }
        let m = renumber[c];
        if (m === MISSING_CODE) {
          m = categories.length;
          categories.push(v.cats[c]);
          renumber[c] = m;
        }
        codes[i] = m;
      }
      return { name, type: 'categorical', inferredType: 'categorical', codes, categories, missing };
    }
    const values = v.arr === null ? new Float64Array(n).fill(v.s) : v.owned ? v.arr : v.arr.slice();
    for (let i = 0; i < n; i++) if (values[i] !== values[i]) missing[i] = 1;
    const type = kind === 'boolean' ? 'boolean' : 'numeric';
    return { name, type, inferredType: type, values, missing };
  }
}

/** The number a constant program (one that reads no column) gives; NaN when missing or text. */
export function constantNumber(ir: IR): number {
  const v = new Evaluation({ rowCount: 1, columns: [] }, null).run(ir);
  if (v.k !== 'n') return NaN;
  return v.arr ? v.arr[0] : v.s;
}
