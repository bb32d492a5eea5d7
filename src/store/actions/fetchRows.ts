import { dataWorker } from '../../bridge/dataClient';

/** The rows on screen, as display strings, straight from the data worker. */
export function fetchRows(start: number, count: number): Promise<string[][]> {
  return dataWorker().rows(start, count);
}
