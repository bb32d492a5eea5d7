import { afterEach, describe, expect, it, vi } from 'vitest';

describe('stagesQuietFor', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.resetModules();
  });

  async function fresh() {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'requestAnimationFrame'] });
    return import('./stageTiming');
  }

  it('is false while a stage runs and for the quiet time after it ends', async () => {
    const { startStage, endStageAfterPaint, stagesQuietFor } = await fresh();
    vi.advanceTimersByTime(10_000);
    expect(stagesQuietFor(5000)).toBe(true);
    startStage('ingest');
    vi.advanceTimersByTime(8000);
    expect(stagesQuietFor(5000)).toBe(false);
    const ended = endStageAfterPaint('ingest');
    await vi.runAllTimersAsync();
    await ended;
    expect(stagesQuietFor(5000)).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(stagesQuietFor(5000)).toBe(true);
  });

  it('counts the page start as activity, and forgets a stage that never ended after two minutes', async () => {
    const { startStage, stagesQuietFor } = await fresh();
    expect(stagesQuietFor(5000)).toBe(false);
    startStage('train');
    vi.advanceTimersByTime(119_000);
    expect(stagesQuietFor(5000)).toBe(false);
    vi.advanceTimersByTime(2000);
    expect(stagesQuietFor(5000)).toBe(true);
  });
});
