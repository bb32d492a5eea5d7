import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { importBundle, predictFile, switchToTrainedModel } from '../../store/actions/deploy';
import { PredictionsView } from './PredictionsView';
import { WhatIfForm } from './WhatIfForm';
import { DriftView } from './DriftView';

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
        <label className="file-button">
          Import model
          <input
            type="file"
            accept=".zip,application/zip"
            aria-label="Import model"
            disabled={busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void importBundle(file, file.name);
            }}
          />
        </label>
        {model?.source === 'imported' && hasRun && (
          <button type="button" onClick={() => void switchToTrainedModel()}>
            Use trained model
          </button>
        )}
        {(model || hasRun) && (
          <label className="file-button">
            Predict CSV
            <input
              type="file"
              accept=".csv,.tsv,.txt"
              aria-label="Predict CSV"
              disabled={busy}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file) void predictFile(file, file.name);
              }}
            />
          </label>
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
