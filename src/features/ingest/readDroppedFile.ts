import { loadDataset } from '../../store/actions/loadDataset';
import { setStudio } from '../../store/useStudio';

/** Reads a File chosen or dropped by the user; the bytes go to the ingest worker. */
export async function loadUserFile(file: File): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    setStudio({ alert: { message: `"${file.name}" could not be read from disk: ${error instanceof Error ? error.message : String(error)}.` } });
    return false;
  }
  return loadDataset({ fileName: file.name, bytes });
}
