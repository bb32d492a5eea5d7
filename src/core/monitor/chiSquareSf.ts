/**
 * The chi-square survival function P(X > x) for `dof` degrees of freedom (scipy.stats.chi2.sf),
 * as the regularized upper incomplete gamma function Q(dof / 2, x / 2).
 *
 * Q comes from the power series of P = 1 - Q below a + 1 (where Q is not small, so 1 - P loses
 * nothing) and from Lentz's continued fraction above it (which keeps tiny tail p-values
 * accurate to their last digits). Numerical Recipes, 3rd ed., section 6.2.
 */
export function chiSquareSf(x: number, dof: number): number {
  if (Number.isNaN(x) || !(dof > 0)) return NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(dof / 2, x / 2);
}

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - lowerSeries(a, x);
  return upperContinuedFraction(a, x);
}

function prefactor(a: number, x: number): number {
  return Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** P(a, x) = x^a e^-x / Gamma(a + 1) * sum x^n / ((a + 1) ... (a + n)). */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * prefactor(a, x);
}

/** Q(a, x) = x^a e^-x / Gamma(a) * 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - ...)). */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return prefactor(a, x) * h;
}

// Lanczos approximation, g = 7, n = 9: about 15 significant digits for a > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  const w = z - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (w + i);
  const t = w + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (w + 0.5) * Math.log(t) - t + Math.log(s);
}
