/**
 * User Timing measures named after each long stage ('ingest', 'profile', 'train',
 * 'evaluate', 'predict'), from the user's action to the result painted on screen.
 */
export type Stage = 'ingest' | 'profile' | 'train' | 'evaluate' | 'predict';

/** Stages started and not yet ended, with when they started; and when a stage last started or ended. */
const running = new Map<Stage, number>();
// From the page's start: loading the page is activity too.
let lastActivity = 0;

/** A stage that never ends (its failure path has no result to paint) stops counting after this long. */
const STALE_STAGE_MS = 120_000;

export function startStage(stage: Stage): void {
  performance.clearMarks(`${stage}:start`);
  performance.mark(`${stage}:start`);
  running.set(stage, performance.now());
  lastActivity = performance.now();
}

/** True when no stage is running and none has started or ended for `ms`: a person is not waiting on anything. */
export function stagesQuietFor(ms: number): boolean {
  const now = performance.now();
  for (const started of running.values()) if (now - started < STALE_STAGE_MS) return false;
  return now - lastActivity >= ms;
}

/**
 * Ends the measure after the next paint, so it includes React rendering the result. `detail`
 * goes with the measure (the ingest's reading threads, for the benchmark and the tests).
 */
export function endStageAfterPaint(stage: Stage, detail?: Record<string, unknown>): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      running.delete(stage);
      lastActivity = performance.now();
      try {
        performance.measure(stage, { start: `${stage}:start`, detail });
      } catch {
        // no start mark (e.g. a restore): nothing to measure
      }
      resolve();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(finish, 0));
    else finish();
  });
}
