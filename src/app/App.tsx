import { useEffect, type ReactNode } from 'react';
import { useStudio } from '../store/useStudio';
import { dismissAlert } from '../store/actions/chooseProblem';
import { Alert } from '../ui/Alert';
import { FileLoader } from '../features/ingest/FileLoader';
import { useFileDrop } from '../features/ingest/useFileDrop';
import { DataView } from '../features/data/DataView';
import { ProblemPanel } from '../features/problem/ProblemPanel';
import { TrainPanel } from '../features/train/TrainPanel';
import { ResultsPanel } from '../features/results/ResultsPanel';
import { ExplorePanel } from '../features/explore/ExplorePanel';
import { DeployPanel } from '../features/deploy/DeployPanel';
import { EvaluationPanel } from '../features/evaluate/EvaluationPanel';
import { HistoryPanel } from '../features/history/HistoryPanel';
import { RecipePanel } from '../features/recipe/RecipePanel';
import { ProjectFiles } from '../features/history/ProjectFiles';
import { SaveStatus } from './SaveStatus';
import { OfflineReadiness } from './OfflineReadiness';
import { startStudio } from './startStudio';

export function App(): ReactNode {
  const alert = useStudio((s) => s.alert);
  const hasData = useStudio((s) => s.dataset !== null);
  const dragging = useFileDrop();
  useEffect(() => startStudio(), []);
  return (
    <div className={dragging ? 'app dragging' : 'app'}>
      <header className="app-header">
        <h1>Local ML Studio</h1>
        <p className="tagline">Machine learning in your browser. Your data never leaves this page.</p>
        <SaveStatus />
        <OfflineReadiness />
        <ProjectFiles />
      </header>
      <main>
        <FileLoader />
        {alert && <Alert message={alert.message} details={alert.details} action={alert.action} onDismiss={dismissAlert} />}
        {!hasData && <p className="empty">Load a CSV file or open an example to start.</p>}
        <DataView />
        <ProblemPanel />
        <RecipePanel />
        <TrainPanel />
        <ResultsPanel />
        <EvaluationPanel />
        <DeployPanel />
        <HistoryPanel />
        <ExplorePanel />
      </main>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a CSV file to load it, or a model bundle (.zip) to predict with it
        </div>
      )}
    </div>
  );
}
