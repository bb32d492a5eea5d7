import { restoreProject } from '../store/actions/restoreProject';
import { markReadOnly, startAutosave } from '../store/actions/autosave';
import { requestPersistence } from '../storage/projectDb';
import { claimWriter, WRITER_GONE_MESSAGE } from '../storage/tabLock';
import { getStudio, setStudio } from '../store/useStudio';
import { loadRequestCount } from '../store/actions/loadDataset';
import { stagesQuietFor } from '../store/actions/stageTiming';
import { preloadCharts } from '../ui/PlotlyChart';
import { EXAMPLES } from '../features/ingest/examples';
import { loadExample } from '../features/ingest/loadExample';
import { followTrainedRun, restoreImportedBundle } from '../store/actions/deploy';
import { savedImportedBundle } from '../store/actions/importedBundleStore';
import { followTrainingForHistory } from '../store/actions/versions';
import { followRunForEvaluation } from '../store/actions/evaluate';

let started = false;

/** Plotly is evaluated (about a second here) only after this long with no stage started or ended. */
const CHARTS_PRELOAD_QUIET_MS = 5000;

/**
 * Start-up: become the project's writer unless another tab is, bring back the saved project,
 * or open the first example on a first visit, then save every change from here on.
 */
export function startStudio(): () => void {
  if (started) return () => undefined;
  started = true;
  let stopAutosave: () => void = () => undefined;
  const stopFollowing = followTrainedRun();
  const stopHistory = followTrainingForHistory();
  const stopEvaluation = followRunForEvaluation();
  void (async () => {
    const writer = await claimWriter(() => {
      if (getStudio().save.status === 'readonly') setStudio({ save: { status: 'readonly', message: WRITER_GONE_MESSAGE } });
    });
    if (writer) requestPersistence();
    else markReadOnly();
    const before = loadRequestCount();
    const restored = await restoreProject();
    const firstVisit = new URLSearchParams(location.search).get('example') !== 'none';
    if (!restored && !getStudio().dataset && firstVisit) await loadExample(EXAMPLES[0], { unlessLoadedSince: before });
    // Saving starts as soon as the project is back: a change made while the imported model loads is saved too.
    stopAutosave = startAutosave();
    await restoreImportedBundle(await savedImportedBundle());
    document.documentElement.dataset.studioReady = 'true';
    preloadCharts(() => getStudio().dataset !== null && stagesQuietFor(CHARTS_PRELOAD_QUIET_MS));
  })();
  return () => {
    stopAutosave();
    stopFollowing();
    stopHistory();
    stopEvaluation();
  };
}
