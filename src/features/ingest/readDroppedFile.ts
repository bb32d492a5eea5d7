import { loadDataset } from '../../store/actions/loadDataset';

/** A File chosen or dropped by the user goes to the ingest worker by reference, unread here. */
export function loadUserFile(file: File): Promise<boolean> {
  return loadDataset({ fileName: file.name, file });
}
