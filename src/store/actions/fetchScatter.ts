import { dataWorker } from '../../bridge/dataClient';
import type { ScatterSample } from '../../core/explore/scatterSample';

/** A seeded sample of rows for the scatter matrix, straight from the data worker. */
export function fetchScatter(columns: string[]): Promise<ScatterSample> {
  return dataWorker().scatter(columns);
}
