/**
 * The rules that turn drift measurements into a verdict per column. They travel in every report,
 * so a reader sees what its verdicts meant.
 *
 * - PSI bands are the industry's usual ones (< 0.1 stable, 0.1-0.25 warning, >= 0.25 drift), but a
 *   band counts only when the column's test also gives p < 0.01. On small files PSI is mostly noise:
 *   with 10 bins its expected value under no change is about 9 * (1/n + 1/m), 0.1 for 180 rows
 *   against 180, so without the test a fresh sample of the same data would often be "warning".
 * - A test alone means drift when p < 0.001 and the effect is material (KS D or the total variation
 *   distance of the category shares at least 0.1, i.e. a tenth of the rows moved): on large files
 *   tiny, harmless shifts are highly significant, and the effect floor keeps them stable.
 * - The missing share moving by 0.1 (ten points) is a warning and by 0.25 drift: the model imputes
 *   those cells, so a quarter of the rows getting a stand-in value changes what it sees.
 * - Categories the training data never had are a warning from 5% of the values and drift from 20%:
 *   the model encodes them as "none of the known ones", which it has rarely or never seen.
 * - An empty bin's share is taken as 1e-4 for PSI, so a bin filled on one side only counts heavily
 *   but finitely.
 */
import type { DriftThresholds } from './driftTypes';
import { PSI_EPSILON } from './populationStability';

export const DRIFT_THRESHOLDS: DriftThresholds = {
  psiWarning: 0.1,
  psiDrift: 0.25,
  psiEpsilon: PSI_EPSILON,
  psiPValue: 0.01,
  testPValue: 0.001,
  effectDrift: 0.1,
  missingRateWarning: 0.1,
  missingRateDrift: 0.25,
  unseenShareWarning: 0.05,
  unseenShareDrift: 0.2,
};
