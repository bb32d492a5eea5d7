import { loadDataset, loadRequestCount } from '../../store/actions/loadDataset';
import { setStudio } from '../../store/useStudio';
import type { Example } from './examples';

/** Examples are served beside the app, so they load from the page's own origin, offline too. */
export async function loadExample(example: Example, options: { unlessLoadedSince?: number } = {}): Promise<boolean> {
  const url = new URL(example.file, document.baseURI).href;
  let file: Blob;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    file = await response.blob();
  } catch (error) {
    setStudio({ alert: { message: `The example "${example.title}" (${example.file}) could not be loaded: ${error instanceof Error ? error.message : String(error)}.` } });
    return false;
  }
  // At start-up the example must not replace a file the user dropped while it downloaded.
  if (options.unlessLoadedSince !== undefined && loadRequestCount() !== options.unlessLoadedSince) return false;
  return loadDataset({ fileName: example.file.split('/').pop()!, file, target: example.target, task: example.task });
}
