/** Every prepare step kind's implementation, looked up by kind (never by a switch spread over the code). */
import type { PrepareStep, PrepareStepKind } from '../prepareSteps';
import { bin } from './bin';
import { dateParts } from './dateParts';
import { derive } from './derive';
import { dropColumns } from './dropColumns';
import { dropCorrelated } from './dropCorrelated';
import { dropDuplicates } from './dropDuplicates';
import { dropMissingRows } from './dropMissingRows';
import { dropNearConstant } from './dropNearConstant';
import { impute } from './impute';
import { log } from './log';
import { oneHot } from './oneHot';
import { ordinal } from './ordinal';
import { outliers } from './outliers';
import { parseDates } from './parseDates';
import { parseNumbers } from './parseNumbers';
import { interactions, polynomial } from './polynomial';
import type { PrepareStepImpl } from './prepareStepImpl';
import { scale } from './scale';
import { selectKBest } from './selectKBest';
import { targetEncode } from './targetEncode';
import { yeoJohnson } from './yeoJohnson';

type Impls = { [K in PrepareStepKind]: PrepareStepImpl<Extract<PrepareStep, { kind: K }>> };

const IMPLS: Impls = {
  dropColumns,
  dropDuplicates,
  dropMissingRows,
  impute,
  outliers,
  parseNumbers,
  parseDates,
  oneHot,
  ordinal,
  targetEncode,
  scale,
  log,
  yeoJohnson,
  bin,
  polynomial,
  interactions,
  dateParts,
  derive,
  dropNearConstant,
  dropCorrelated,
  selectKBest,
};

export function prepareImpl<S extends PrepareStep>(step: S): PrepareStepImpl<S> {
  return IMPLS[step.kind] as unknown as PrepareStepImpl<S>;
}
