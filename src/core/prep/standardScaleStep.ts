/**
 * The standardScale step: (x - mean) / std with the training rows' mean and population
 * standard deviation (ddof 0, as scikit-learn's StandardScaler). A constant column keeps std 1
 * so it becomes all zeros instead of NaN.
 */
import type { StandardScaleStep } from './recipe';
import { frameColumnIndex, type WorkFrame } from './workFrame';

const LABEL = 'The standardScale step';

export function fitStandardScale(step: StandardScaleStep, frame: WorkFrame): NonNullable<StandardScaleStep['fitted']> {
  const mean: number[] = [];
  const std: number[] = [];
  for (const name of step.columns) {
    const column = frame.columns[frameColumnIndex(frame, name, LABEL)];
    if (column.kind !== 'number') throw new Error(`${LABEL} cannot scale "${name}": it holds categories.`);
    let n = 0;
    let sum = 0;
    for (const v of column.values) {
      if (Number.isNaN(v)) continue;
      n++;
      sum += v;
    }
    const m = n > 0 ? sum / n : 0;
    // Two passes (mean, then squared deviations) keep precision for large values such as epoch ms.
    let ss = 0;
    for (const v of column.values) if (!Number.isNaN(v)) ss += (v - m) * (v - m);
    const s = n > 0 ? Math.sqrt(ss / n) : 0;
    mean.push(m);
    std.push(s > 0 && Number.isFinite(s) ? s : 1);
  }
  return { mean, std };
}

export function applyStandardScale(step: StandardScaleStep, frame: WorkFrame): void {
  const fitted = step.fitted;
  if (!fitted) throw new Error(`${LABEL} is not fitted yet; fit the recipe on training rows first.`);
  step.columns.forEach((name, c) => {
    const column = frame.columns[frameColumnIndex(frame, name, LABEL)];
    if (column.kind !== 'number') throw new Error(`${LABEL} cannot scale "${name}": it holds categories.`);
    const m = fitted.mean[c];
    const s = fitted.std[c];
    const values = column.values;
    for (let r = 0; r < values.length; r++) values[r] = (values[r] - m) / s;
  });
}
