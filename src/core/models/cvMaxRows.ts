/** Cross-validation and tuning use at most this many rows (a seeded, stratified sample above it). */
export const CV_MAX_ROWS = 100_000;
