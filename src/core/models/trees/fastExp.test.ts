import { describe, expect, it } from 'vitest';
import { fastExp } from './fastExp';

describe('fastExp', () => {
  it('is within two units in the last place of Math.exp over the whole finite range', () => {
    let worst = 0;
    for (let i = 0; i <= 200_000; i++) {
      const x = -740 + (i / 200_000) * 1450;
      const rel = Math.abs(fastExp(x) - Math.exp(x)) / Math.exp(x);
      if (Number.isFinite(rel)) worst = Math.max(worst, rel);
    }
    expect(worst).toBeLessThan(4.5e-16);
  });

  it('is exact where it matters and handles the edges like Math.exp', () => {
    expect(fastExp(0)).toBe(1);
    expect(fastExp(1)).toBe(Math.E);
    expect(fastExp(Math.LN2 * 10)).toBeCloseTo(1024, 11);
    expect(fastExp(1000)).toBe(Infinity);
    expect(fastExp(-1000)).toBe(0);
    expect(fastExp(-Infinity)).toBe(0);
    expect(fastExp(NaN)).toBeNaN();
  });
});
