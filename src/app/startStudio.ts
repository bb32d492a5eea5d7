import { restoreProject } from '../store/actions/restoreProject';
import { startAutosave } from '../store/actions/autosave';
import { requestPersistence } from '../storage/projectDb';
import { getStudio } from '../store/useStudio';
import { loadRequestCount } from '../store/actions/loadDataset';
import { preloadCharts } from '../ui/PlotlyChart';
import { EXAMPLES } from '../features/ingest/examples';
import { loadExample } from '../features/ingest/loadExample';
import { followTrainedRun, restoreImportedBundle } from '../store/actions/deploy';
import { savedImportedBundle } from '../store/actions/importedBundleStore';
import { followTrainingForHistory } from '../store/actions/versions';
import { followRunForEvaluation } from '../store/actions/evaluate';

let started = false;

/**
 * Start-up: bring back the saved project, or open the first example on a first visit,
 * then save every change from here on.
 */
export function startStudio(): () => void {
  if (started) return () => undefined;
  started = true;
  let stopAutosave: () => void = () => undefined;
  const stopFollowing = followTrainedRun();
  const stopHistory = followTrainingForHistory();
  const stopEvaluation = followRunForEvaluation();
  void (async () => {
    requestPersistence();
    const before = loadRequestCount();
    const restored = await restoreProject();
    const firstVisit = new URLSearchParams(location.search).get('example') !== 'none';
    if (!restored && !getStudio().dataset && firstVisit) await loadExample(EXAMPLES[0], { unlessLoadedSince: before });
    await restoreImportedBundle(await savedImportedBundle());
    stopAutosave = startAutosave();
    document.documentElement.dataset.studioReady = 'true';
    preloadCharts();
  })();
  return () => {
    stopAutosave();
    stopFollowing();
    stopHistory();
    stopEvaluation();
  };
}
