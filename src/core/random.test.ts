import { describe, expect, it } from 'vitest';
import { createRng } from './random';

describe('createRng', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws uniforms in [0, 1) and integers in [0, n)', () => {
    const rng = createRng(1);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 10000; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      counts[rng.int(10)]++;
    }
    for (const n of counts) expect(Math.abs(n - 1000)).toBeLessThan(150);
    expect(() => rng.int(0)).toThrow('positive bound');
  });

  it('shuffles typed and plain arrays into permutations, reproducibly', () => {
    const a = createRng(7).shuffle(Int32Array.from({ length: 50 }, (_, i) => i));
    const b = createRng(7).shuffle(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(a)).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('draws standard normals', () => {
    const rng = createRng(3);
    const xs = Array.from({ length: 20000 }, () => rng.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('rejects a seed that is not a finite number', () => {
    expect(() => createRng(NaN)).toThrow('finite');
  });
});
