import { describe, expect, it } from 'vitest';
import { lossFigure } from './lossFigure';

describe('lossFigure', () => {
  it('draws a training and a validation line per model, epochs on x, one colour per model', () => {
    const fig = lossFigure([
      { model: 'a', label: 'Model <A>', points: [{ epoch: 1, epochs: 3, loss: 0.9, valLoss: 1.0 }, { epoch: 2, epochs: 3, loss: 0.5, valLoss: 0.7 }] },
      { model: 'b', label: 'B', points: [{ epoch: 1, epochs: 1, loss: 0.3 }] },
    ]);
    expect(fig.data).toHaveLength(3);
    expect(fig.data[0]).toMatchObject({ name: 'Model &lt;A&gt;: training', x: [1, 2], y: [0.9, 0.5] });
    expect(fig.data[1]).toMatchObject({ name: 'Model &lt;A&gt;: validation', y: [1.0, 0.7], line: { dash: 'dot' } });
    expect(fig.data[2]).toMatchObject({ name: 'B: training', y: [0.3] });
    const color = (i: number) => (fig.data[i] as { line: { color: string } }).line.color;
    expect(color(0)).toBe(color(1));
    expect(color(2)).not.toBe(color(0));
  });

  it('omits models that have reported nothing yet', () => {
    expect(lossFigure([{ model: 'a', label: 'A', points: [] }]).data).toHaveLength(0);
  });
});
