/**
 * The two-sample Kolmogorov-Smirnov test of new values against a reference sketch: D is the
 * largest gap between the two empirical CDFs, evaluated at every value of either side (exactly
 * as scipy.stats.ks_2samp computes it, so an exact sketch gives scipy's D). The p-value is the
 * asymptotic Kolmogorov distribution at sqrt(en) * D with en = n * m / (n + m), i.e.
 * scipy.stats.kstwobign.sf; scipy 1.10's ks_2samp(method='asymp') uses the finite-size kstwo(round(en))
 * instead, whose p-values are slightly smaller (by a few percent near p = 0.05), so this test is
 * the more cautious of the two.
 */
import { kolmogorovSf } from './kolmogorovSf';

export interface KsResult {
  statistic: number;
  pValue: number;
}

/** `points` ascending with `pointCounts` values up to each (n in all); `current` sorted ascending. */
export function ksTwoSample(points: readonly number[], pointCounts: readonly number[], current: Float64Array): KsResult | null {
  let n = 0;
  for (const c of pointCounts) n += c;
  const m = current.length;
  if (n === 0 || m === 0) return null;
  let i = 0;
  let j = 0;
  let below = 0;
  let d = 0;
  while (i < points.length || j < m) {
    const x = j >= m ? points[i] : i >= points.length ? current[j] : Math.min(points[i], current[j]);
    while (i < points.length && points[i] <= x) below += pointCounts[i++];
    while (j < m && current[j] <= x) j++;
    d = Math.max(d, Math.abs(below / n - j / m));
  }
  const en = (n * m) / (n + m);
  return { statistic: d, pValue: kolmogorovSf(Math.sqrt(en) * d) };
}
