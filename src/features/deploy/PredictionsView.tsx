import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { downloadPredictions } from '../../store/actions/deploy';

/** The predicted file: what was done about its columns, its first rows with predictions, and the download. */
export function PredictionsView(): ReactNode {
  const predictions = useStudio((s) => s.deploy.predictions);
  if (!predictions) return null;
  const { header, preview, rows, notes, fileName } = predictions;
  return (
    <div className="predictions">
      <h3>
        Predictions for {fileName}: {rows} rows
      </h3>
      {notes.length > 0 && (
        <ul aria-label="Prediction notes" className="notes">
          {notes.map((note, i) => (
            <li key={i}>{note.message}</li>
          ))}
        </ul>
      )}
      <button type="button" className="primary" onClick={() => void downloadPredictions()}>
        Download predictions
      </button>
      <div className="table-scroll">
        <table aria-label="Predictions" className="data-table">
          <caption>{preview.length < rows ? `The first ${preview.length} of ${rows} rows` : `All ${rows} rows`}</caption>
          <thead>
            <tr>
              {header.map((name, j) => (
                <th scope="col" key={j} className={j >= predictions.inputColumns ? 'prediction' : undefined}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.map((cells, i) => (
              <tr key={i}>
                {cells.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
