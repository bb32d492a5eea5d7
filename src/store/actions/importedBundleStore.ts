/** The imported bundle's bytes are saved with the project, so a reload keeps predicting with it. */
import { IMPORTED_BUNDLE, loadFile, removeFile, saveFile } from '../../storage/projectDb';

export async function rememberImportedBundle(file: Blob, fileName: string): Promise<void> {
  try {
    await saveFile(IMPORTED_BUNDLE, { name: fileName, file });
  } catch {
    // Not saved: the model still works in this page; the failure is not worth an alert over the import.
  }
}

export async function forgetImportedBundle(): Promise<void> {
  try {
    await removeFile(IMPORTED_BUNDLE);
  } catch {
    // nothing saved, nothing to forget
  }
}

export async function savedImportedBundle(): Promise<{ file: Blob; fileName: string } | undefined> {
  try {
    const saved = await loadFile(IMPORTED_BUNDLE);
    return saved && saved.file instanceof Blob ? { file: saved.file, fileName: saved.name } : undefined;
  } catch {
    return undefined;
  }
}
