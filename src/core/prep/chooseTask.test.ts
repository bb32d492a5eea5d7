import { describe, expect, it } from 'vitest';
import { MISSING_CODE, type Column } from '../data/table';
import { chooseTask, MAX_INTEGER_CLASSES } from './chooseTask';

function numeric(values: number[]): Column {
  return {
    name: 'y',
    type: 'numeric',
    inferredType: 'numeric',
    values: Float64Array.from(values),
    missing: Uint8Array.from(values, (v) => (Number.isNaN(v) ? 1 : 0)),
  };
}

describe('chooseTask (train --task auto)', () => {
  it('classifies categorical and boolean targets', () => {
    const cat: Column = { name: 'y', type: 'categorical', inferredType: 'categorical', codes: Uint32Array.from([0, 1, MISSING_CODE]), categories: ['a', 'b'], missing: Uint8Array.from([0, 0, 1]) };
    expect(chooseTask(cat)).toBe('classification');
    expect(chooseTask({ ...numeric([0, 1, 1]), type: 'boolean' })).toBe('classification');
  });

  it(`classifies numbers with at most ${MAX_INTEGER_CLASSES} distinct whole values, and regresses the rest`, () => {
    expect(chooseTask(numeric([3, 4, 4, 8, NaN, 6]))).toBe('classification');
    expect(chooseTask(numeric(Array.from({ length: 100 }, (_, i) => i % MAX_INTEGER_CLASSES)))).toBe('classification');
    expect(chooseTask(numeric(Array.from({ length: 100 }, (_, i) => i % (MAX_INTEGER_CLASSES + 1))))).toBe('regression');
    expect(chooseTask(numeric([1, 2, 2.5]))).toBe('regression');
  });
});
