import { describe, expect, it } from 'vitest';
import { planTrainingMemory, trainingBytesPerWorker } from './trainingMemory';

const perfFile = [
  ...Array.from({ length: 16 }, () => ({ type: 'numeric' as const })),
  { type: 'categorical' as const, distinct: 6 },
  { type: 'categorical' as const, distinct: 25 },
  { type: 'categorical' as const, distinct: 40 },
  { type: 'numeric' as const },
];
const GB = 1024 ** 3;

describe('training memory', () => {
  it('grows linearly with the rows and with the one-hot width', () => {
    const a = trainingBytesPerWorker(1_000_000, perfFile);
    expect(a).toBeGreaterThan(0.5 * GB);
    expect(a).toBeLessThan(1.5 * GB);
    // Above the cross-validation sample size, ten times the rows is ten times the memory (give or take the fold buffers).
    expect(trainingBytesPerWorker(10_000_000, perfFile) / a).toBeGreaterThan(9);
    const wide = [...perfFile, { type: 'categorical' as const, distinct: 10_000 }];
    // A 10,000-category column costs at most 50 one-hot columns.
    expect(trainingBytesPerWorker(1000, wide) - trainingBytesPerWorker(1000, perfFile)).toBeLessThan(1000 * (50 * 9 + 5) + 100_000 * 50 * 8);
  });

  it('keeps the pool when memory allows, shrinks it when not, and warns when one worker may not fit', () => {
    expect(planTrainingMemory(10_000, perfFile, 2, 4 * GB)).toMatchObject({ workers: 2, warning: null });
    const tight = planTrainingMemory(1_000_000, perfFile, 2, 1.0 * GB);
    expect(tight.workers).toBe(1);
    expect(tight.warning).toMatch(/trains one model at a time instead of 2 to stay within memory/);
    const over = planTrainingMemory(5_000_000, perfFile, 2, 1 * GB);
    expect(over.workers).toBe(1);
    expect(over.warning).toMatch(/^Training on 5000000 rows needs about [\d.]+ GB, more than this browser can likely spare/);
  });
});
