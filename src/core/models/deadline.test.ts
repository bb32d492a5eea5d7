import { describe, expect, it } from 'vitest';
import { getModel } from './registry';
import { createRng } from '../random';

/** A problem that needs many rounds, so a stopped fit is visibly smaller. */
function data(rows: number) {
  const rng = createRng(1);
  const X = new Float32Array(rows * 4);
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < 4; c++) X[r * 4 + c] = rng.normal();
    y[r] = X[r * 4] + X[r * 4 + 1] * X[r * 4 + 2] + 0.3 * rng.normal() > 0 ? 1 : 0;
  }
  return { X, y };
}

describe('a deadline stops iterative fits and keeps the model grown so far', () => {
  const { X, y } = data(2000);
  const shape = { rows: 2000, cols: 4, classes: 2 };

  for (const name of ['hist_gradient_boosting', 'random_forest']) {
    it(`${name}: a passed deadline gives one round or tree, a usable model`, async () => {
      const spec = getModel(name);
      const params = { ...spec.defaults, ...(name === 'hist_gradient_boosting' ? { earlyStopping: 'off' } : {}) };
      const rounds: number[] = [];
      const stopped = await spec.fit(X, y, shape, params, { seed: 0, deadline: Date.now() - 1, onProgress: (p) => rounds.push(p.epoch) });
      expect(rounds).toEqual([1]);
      const proba = stopped.predictProba!(X, 2000, 4);
      expect(proba.every(Number.isFinite)).toBe(true);
      const all: number[] = [];
      await spec.fit(X, y, shape, params, { seed: 0, onProgress: (p) => all.push(p.epoch) });
      expect(all.length).toBeGreaterThan(1);
    });
  }
});
