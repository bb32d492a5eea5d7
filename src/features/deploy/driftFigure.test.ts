import { describe, expect, it } from 'vitest';
import type { ColumnDrift } from '../../core/monitor/driftTypes';
import { driftFigure } from './driftFigure';

const column: ColumnDrift = {
  name: '<img src=x onerror=alert(1)>',
  kind: 'categorical',
  type: 'categorical',
  verdict: 'drift',
  reasons: ['PSI 0.9'],
  reference: { count: 10, missingRate: 0 },
  current: { count: 10, missingRate: 0 },
  missingRateChange: 0,
  psi: 0.9,
  test: null,
  chart: { labels: ['a', '<b>'], reference: [0.5, 0.5], current: [0.9, 0.1] },
};

describe('driftFigure', () => {
  it('overlays the training and the new shares per category, with names as text', () => {
    const figure = driftFigure(column);
    const [training, current] = figure.data as Array<{ name: string; x: string[]; y: number[] }>;
    expect(training.name).toBe('training data');
    expect(training.y).toEqual([0.5, 0.5]);
    expect(current.y).toEqual([0.9, 0.1]);
    expect(training.x).toEqual(['a', '&lt;b&gt;']);
    expect(JSON.stringify(figure.layout)).not.toContain('<img');
  });
});
