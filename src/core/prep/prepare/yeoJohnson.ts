/**
 * yeoJohnson: the Yeo-Johnson power transform, lambda fitted per column by maximum likelihood on
 * the training rows, as scikit-learn's PowerTransformer(method='yeo-johnson', standardize=False).
 * sklearn minimises the negative log-likelihood with scipy's Brent method (tolerance ~1.5e-8);
 * we bracket the same function and narrow it by golden-section search to 1e-12, so both land on
 * the same optimum well within 1e-6.
 */
import type { Table } from '../../data/table';
import type { YeoJohnsonStep } from '../prepareSteps';
import { sortedPresent } from './columnStats';
import { fitThenApply, mapSchema, stepLabel, type Fitted, type PrepareStepImpl } from './prepareStepImpl';
import { findColumn, numberColumn, numbersOf, replaceColumn } from './tableColumns';

const EPS = 2.220446049250313e-16;

export function yeoJohnsonValue(x: number, lambda: number): number {
  if (x >= 0) return Math.abs(lambda) < EPS ? Math.log1p(x) : (Math.pow(x + 1, lambda) - 1) / lambda;
  return Math.abs(lambda - 2) > EPS ? -(Math.pow(-x + 1, 2 - lambda) - 1) / (2 - lambda) : -Math.log1p(-x);
}

/** sklearn's _neg_log_likelihood: n/2 * log(var(transformed)) - (lambda - 1) * sum(sign(x) * log1p(|x|)). */
function negLogLikelihood(x: Float64Array, lambda: number, signedLogSum: number): number {
  const n = x.length;
  let sum = 0;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) sum += t[i] = yeoJohnsonValue(x[i], lambda);
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (t[i] - mean) * (t[i] - mean);
  const variance = ss / n;
  if (!(variance >= 2.2250738585072014e-308)) return Infinity;
  return (n / 2) * Math.log(variance) - (lambda - 1) * signedLogSum;
}

export function fitYeoJohnsonLambda(values: Float64Array): number {
  const x = sortedPresent(values);
  if (x.length < 2) return 1;
  let signedLogSum = 0;
  for (const v of x) signedLogSum += Math.sign(v) * Math.log1p(Math.abs(v));
  const f = (l: number) => negLogLikelihood(x, l, signedLogSum);
  // Bracket a minimum starting from sklearn's (-2, 2), widening downhill as scipy's bracket does.
  let [a, b] = [-2, 2];
  let fb = f(b);
  if (fb > f(a)) [a, b, fb] = [b, a, f(a)];
  let c = b + 1.618034 * (b - a);
  let fc = f(c);
  for (let guard = 0; fc < fb && guard < 200; guard++) {
    [a, b, fb] = [b, c, fc];
    c = b + 1.618034 * (b - a);
    fc = f(c);
  }
  let [lo, hi] = a < c ? [a, c] : [c, a];
  // Golden-section search on [lo, hi], which holds a minimum (the likelihood is unimodal in lambda).
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let [f1, f2] = [f(x1), f(x2)];
  while (hi - lo > 1e-12 * Math.max(1, Math.abs(lo) + Math.abs(hi))) {
    if (f1 <= f2) {
      [hi, x2, f2] = [x2, x1, f1];
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    } else {
      [lo, x1, f1] = [x1, x2, f2];
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    }
  }
  return (lo + hi) / 2;
}

export const yeoJohnson: PrepareStepImpl<YeoJohnsonStep> = {
  fit(step, input) {
    const label = stepLabel(step);
    const lambda = step.columns.map((name) => {
      const l = fitYeoJohnsonLambda(numbersOf(findColumn(input.table, name, label), label));
      if (!Number.isFinite(l)) throw new Error(`${label} could not fit a lambda for "${name}".`);
      return l;
    });
    return fitThenApply(yeoJohnson, step, input, { rows: input.table.rowCount, lambda });
  },
  apply(step: Fitted<YeoJohnsonStep>, table: Table) {
    const label = stepLabel(step);
    let out = table;
    step.columns.forEach((name, c) => {
      const values = numbersOf(findColumn(out, name, label), label);
      const l = step.fitted.lambda[c];
      const t = new Float64Array(values.length);
      for (let r = 0; r < values.length; r++) t[r] = Number.isNaN(values[r]) ? NaN : yeoJohnsonValue(values[r], l);
      out = replaceColumn(out, name, [numberColumn(name, t)]);
    });
    return out;
  },
  schema: (step, schema) => mapSchema(schema, (c) => (step.columns.includes(c.name) ? [{ name: c.name, type: 'numeric' }] : [c])),
};
