/**
 * User Timing measures named after each long stage ('ingest', 'profile', 'train',
 * 'evaluate', 'predict'), from the user's action to the result painted on screen.
 */
export type Stage = 'ingest' | 'profile' | 'train' | 'evaluate' | 'predict';

export function startStage(stage: Stage): void {
  performance.clearMarks(`${stage}:start`);
  performance.mark(`${stage}:start`);
}

/** Ends the measure after the next paint, so it includes React rendering the result. */
export function endStageAfterPaint(stage: Stage): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      try {
        performance.measure(stage, `${stage}:start`);
      } catch {
        // no start mark (e.g. a restore): nothing to measure
      }
      resolve();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(finish, 0));
    else finish();
  });
}
