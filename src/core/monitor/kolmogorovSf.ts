/**
 * The survival function of the asymptotic Kolmogorov distribution, P(K > x), where K is the limit
 * of sqrt(n) * D_n (scipy.stats.kstwobign.sf). The two-sample KS p-value is kolmogorovSf(sqrt(en) * D)
 * with the effective size en = n * m / (n + m).
 *
 * Two series, each used where it converges in a few terms and loses no digits: the alternating
 * series 2 * sum (-1)^(k-1) exp(-2 k^2 x^2) for x >= 1, and 1 minus Jacobi's theta form of the
 * CDF, sqrt(2 pi) / x * sum exp(-(2k-1)^2 pi^2 / (8 x^2)), below 1 (where the first would need
 * many terms and the CDF is small enough that 1 - CDF keeps full precision).
 */
export function kolmogorovSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x < 1) {
    const t = (-Math.PI * Math.PI) / (8 * x * x);
    let sum = 0;
    for (let k = 1; k < 100; k++) {
      const term = Math.exp((2 * k - 1) * (2 * k - 1) * t);
      sum += term;
      if (term <= sum * 1e-17) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / x) * sum;
  }
  let sum = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    sum += k % 2 === 1 ? term : -term;
    if (term <= Math.abs(sum) * 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}
