import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { importBundle, predictFile, switchToTrainedModel } from '../../store/actions/deploy';
import { PredictionsView } from './PredictionsView';
import { WhatIfForm } from './WhatIfForm';
import { DriftView } from './DriftView';
import { FileButton } from '../../ui/FileButton';

/**
 * Deploy and monitor: the model that predicts (trained here or imported), predictions on a
 * new CSV, a "what if" form for one row, and drift of new data against the training data.
 */
export function DeployPanel(): ReactNode {
  const deploy = useStudio((s) => s.deploy);
  const hasRun = useStudio((s) => s.run !== null);
  const model = deploy.model;
  const busy = deploy.status !== 'idle';
  return (
    <section aria-label="Deploy" className="panel">
      <h2>Predict and monitor</h2>
      <p>
        {model ? (
          <>
            Predicting with <strong>{model.kind}</strong> for <strong>{model.target || '(clusters)'}</strong>{' '}
            {model.source === 'imported' ? <>imported from {model.fileName}</> : <>trained in this page</>}
            {model.dataName ? <> on {model.dataName}</> : null}.
          </>
        ) : hasRun ? (
          <>Predicting with the best model trained in this page.</>
        ) : (
          <>Train a model, or import a model bundle (.zip) to predict with it.</>
        )}
      </p>
      <div className="deploy-actions">
        <FileButton label="Import model" accept=".zip,application/zip" disabled={busy} onFile={(file) => void importBundle(file, file.name)} />
        {model?.source === 'imported' && hasRun && (
          <button type="button" onClick={() => void switchToTrainedModel()}>
            Use trained model
          </button>
        )}
        {(model || hasRun) && (
          <FileButton label="Predict CSV" accept=".csv,.tsv,.txt" disabled={busy} onFile={(file) => void predictFile(file, file.name)} />
        )}
        {deploy.status === 'predicting' && <span role="status">Predicting…</span>}
        {deploy.status === 'loading' && <span role="status">Loading the model…</span>}
      </div>
      <PredictionsView />
      {(model || hasRun) && <WhatIfForm />}
      {(model || hasRun) && <DriftView />}
    </section>
  );
}
