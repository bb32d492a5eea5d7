/**
 * The fit's side of the helper-thread protocol with a helper that never starts: the fit takes
 * every offered half itself, gives the same model as without a helper, and always stops the
 * thread it started, also when the fit is stopped midway.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import { histGradientBoosting } from './histGradientBoosting';
import { setKernelThreadSpawner } from './kernelThread';

const n = 60_000;
const cols = 4;

function data() {
  const rng = createRng(5);
  const X = Float32Array.from({ length: n * cols }, () => rng.normal());
  const y = Int32Array.from({ length: n }, (_, r) => (X[r * cols] + X[r * cols + 1] * X[r * cols + 2] > 0 ? 1 : 0));
  return { X, y };
}

/** A spawner whose threads never run, counting starts and stops. */
function idleThreads() {
  const counts = { started: 0, stopped: 0 };
  setKernelThreadSpawner(() => {
    counts.started++;
    return { terminate: () => void counts.stopped++ };
  });
  return counts;
}

afterEach(() => setKernelThreadSpawner(null));

describe('kernel threads, fit side', () => {
  it('runs every half itself when the helper never starts, with the same model, and stops the thread', async () => {
    const { X, y } = data();
    const params = { ...histGradientBoosting.defaults, maxIter: 5 };
    const fit = () => histGradientBoosting.fit(X, y, { rows: n, cols, classes: 2 }, params, { seed: 1 });
    const alone = JSON.stringify((await fit()).toJSON());
    const counts = idleThreads();
    expect(JSON.stringify((await fit()).toJSON())).toBe(alone);
    expect(counts).toEqual({ started: 1, stopped: 1 });
  });

  it('stops the thread when the fit is stopped midway', async () => {
    const { X, y } = data();
    const counts = idleThreads();
    const controller = new AbortController();
    const fit = histGradientBoosting.fit(X, y, { rows: n, cols, classes: 2 }, { ...histGradientBoosting.defaults, maxIter: 1000 }, {
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.epoch === 3) controller.abort();
      },
    });
    await expect(fit).rejects.toThrow();
    expect(counts).toEqual({ started: 1, stopped: 1 });
  });
});
