import { describe, expect, it } from 'vitest';
import { lossFigure } from './lossFigure';

describe('lossFigure', () => {
  it('draws one line per loss, epochs on x', () => {
    const fig = lossFigure([
      { epoch: 1, epochs: 3, loss: 0.9, valLoss: 1.0 },
      { epoch: 2, epochs: 3, loss: 0.5, valLoss: 0.7 },
    ]);
    expect(fig.data).toHaveLength(2);
    expect(fig.data[0]).toMatchObject({ x: [1, 2], y: [0.9, 0.5] });
    expect(fig.data[1]).toMatchObject({ y: [1.0, 0.7] });
  });

  it('omits the validation line when no validation loss was reported', () => {
    expect(lossFigure([{ epoch: 1, epochs: 1, loss: 0.3 }]).data).toHaveLength(1);
  });
});
