/**
 * Binary log-loss gradients, hessians and mean loss in WebAssembly: binaryLogLoss.gradients
 * (gbdtLoss.ts, with fastExp.ts inlined) operation for operation, so both give bit-identical
 * results. It is the largest cost of a boosting round after the histograms, mostly the
 * exponential; here that costs a few nanoseconds instead of about 20 for the whole row in V8.
 *
 * binaryGradients(raw, y, g, h, n, tables) -> mean loss, where tables holds fastExp's
 * FRACTION (64 doubles) then POWER (2046 doubles). Imports: 0 = Math.exp (for |x| >= 700 and
 * NaN, as fastExp), 1 = Math.log (the loss's rare log-of-product flushes, as LogSum).
 */
import { INV_LN2_64, LN2_64_HI, LN2_64_LO, ROUND } from './fastExp';
import { F64, I32, op, type WasmFunction, type WasmImport } from './wasmEncoder';

const { get, set, i32, f64, add, and, shl, shrS, geU, block, loop, end, br, brIf } = op;
const { f64Add, f64Sub, f64Mul, f64Div, f64Neg, f64Lt, f64Gt, f64Eq, ifF64, ifVoid, call, select } = op;

export const GRADIENT_IMPORTS: WasmImport[] = [
  { name: 'exp', params: [F64], results: [F64] },
  { name: 'log', params: [F64], results: [F64] },
];
const EXP = 0;
const LOG = 1;
/** Byte offset of POWER in the tables. */
export const POWER_OFFSET = 64 * 8;

export function binaryGradientsKernel(): WasmFunction {
  // Parameters: 0 raw (f64), 1 y (f64), 2 g (f32), 3 h (f32), 4 n, 5 tables.
  const [I, TI] = [6, 7];
  const [Z, X, T, R, E, P, YI, SUM, PRODUCT, LOGS, NEXT] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
  const at = (base: number, shift: number) => [get(base), get(I), i32(shift), shl, add];
  // fastExp(x) for -700 < x < 700: POWER[(t >> 6) + 1022] * FRACTION[t & 63] * p(r).
  const fastExp = [
    get(X), f64(INV_LN2_64), f64Mul, f64(ROUND), f64Add, f64(ROUND), f64Sub, set(T),
    get(X), get(T), f64(LN2_64_HI), f64Mul, f64Sub, get(T), f64(LN2_64_LO), f64Mul, f64Sub, set(R),
    get(T), op.truncToI32, set(TI),
    get(5), get(TI), i32(6), shrS, i32(1022), add, i32(3), shl, add, op.f64Load(POWER_OFFSET),
    get(5), get(TI), i32(63), and, i32(3), shl, add, op.f64Load(0),
    f64Mul,
    // 1 + r (1 + r (1/2 + r (1/6 + r (1/24 + r (1/120 + r / 720))))), innermost first.
    f64(1), get(R), f64(1), get(R), f64(1 / 2), get(R), f64(1 / 6), get(R), f64(1 / 24), get(R),
    f64(1 / 120), get(R), f64(720), f64Div, f64Add,
    f64Mul, f64Add, f64Mul, f64Add, f64Mul, f64Add, f64Mul, f64Add, f64Mul, f64Add,
    f64Mul,
  ];
  const positive = [get(YI), f64(1), f64Eq];
  return {
    name: 'binaryGradients',
    params: [I32, I32, I32, I32, I32, I32],
    results: [F64],
    locals: [
      [2, I32],
      [11, F64],
    ],
    body: [
      f64(1), set(PRODUCT),
      block, loop,
      get(I), get(4), geU, brIf(1),
      ...at(0, 3), op.f64Load(), set(Z),
      ...at(1, 3), op.f64Load(), set(YI),
      get(Z), f64Neg, set(X),
      get(X), f64(-700), f64Gt, get(X), f64(700), f64Lt, and,
      ifF64, ...fastExp, op.else, get(X), call(EXP), end,
      set(E),
      f64(1), f64(1), get(E), f64Add, f64Div, set(P),
      ...at(2, 2), get(P), get(YI), f64Sub, op.demote, op.f32Store(),
      ...at(3, 2), get(P), f64(1), get(P), f64Sub, f64Mul, op.demote, op.f32Store(),
      // binaryRowLoss and LogSum.add.
      get(E), f64(1e300), f64Lt,
      ifVoid,
      get(PRODUCT), f64(1), get(E), f64Add, f64Mul, set(NEXT),
      get(NEXT), f64(1e280), f64Lt,
      ifVoid, get(NEXT), set(PRODUCT),
      op.else, get(LOGS), get(PRODUCT), call(LOG), f64Add, set(LOGS), f64(1), get(E), f64Add, set(PRODUCT),
      end,
      get(SUM), f64(0), get(Z), ...positive, select, f64Add, set(SUM),
      op.else,
      get(SUM), get(Z), f64Neg, f64(0), ...positive, select, f64Add, set(SUM),
      end,
      get(I), i32(1), add, set(I),
      br(0), end, end,
      // (sum + (logs + log(product))) / n
      get(SUM), get(LOGS), get(PRODUCT), call(LOG), f64Add, f64Add, get(4), op.i32ToF64, f64Div,
    ],
  };
}
