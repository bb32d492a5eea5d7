/**
 * Confusion counts: `matrix[t][p]` is the number of rows of true class t predicted as p.
 */
export function confusionMatrix(yTrue: Int32Array, yPred: ArrayLike<number>, classes: number): number[][] {
  if (yPred.length !== yTrue.length) throw new Error(`There are ${yPred.length} predictions for ${yTrue.length} rows.`);
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (!(t >= 0 && t < classes && p >= 0 && p < classes)) {
      throw new Error(`Row ${i + 1} has class ${t} (true) or ${p} (predicted), not one of 0..${classes - 1}.`);
    }
    matrix[t][p]++;
  }
  return matrix;
}

/** The most probable class of each row (first maximum on ties, as numpy's argmax). */
export function argmaxClasses(proba: Float64Array, rows: number, classes: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (proba[r * classes + k] > proba[r * classes + best]) best = k;
    out[r] = best;
  }
  return out;
}
