/** Drift monitoring: what a browser worker or the CLI needs to build a reference and compare new data. */
export { buildDriftReference } from './driftReference';
export { compareDrift } from './compareDrift';
export { trainingDriftReference, type TrainingSplit } from './trainingDriftReference';
export { parseDriftReference } from './parseDriftReference';
export { DRIFT_THRESHOLDS } from './driftThresholds';
export { driftReferenceJson } from './driftReferenceJson';
export { verdictAtLeast } from './judgeColumn';
export * from './driftTypes';
