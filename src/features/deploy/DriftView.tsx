import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { checkDrift, showDriftColumn } from '../../store/actions/deploy';
import { PlotlyChart } from '../../ui/PlotlyChart';
import type { ColumnDrift, DriftThresholds } from '../../core/monitor/driftTypes';
import { driftFigure } from './driftFigure';
import { FileButton } from '../../ui/FileButton';

function number(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '' : x.toFixed(digits);
}

function pValue(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '';
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}

/** "Check drift": new data against the training data, column by column, with the rules shown. */
export function DriftView(): ReactNode {
  const drift = useStudio((s) => s.deploy.drift);
  const busy = useStudio((s) => s.deploy.status !== 'idle');
  const checking = useStudio((s) => s.deploy.status === 'checking');
  const columns = drift ? [...drift.report.columns, ...(drift.report.prediction ? [drift.report.prediction] : [])] : [];
  const shown = drift?.column === '(prediction)' ? drift.report.prediction : drift?.report.columns.find((c) => c.name === drift.column);
  return (
    <div className="drift">
      <h3>Drift</h3>
      <FileButton label="Check drift" accept=".csv,.tsv,.txt" disabled={busy} onFile={(file) => void checkDrift(file, file.name)} />
      {checking && <span role="status"> Comparing with the training data…</span>}
      {drift && (
        <>
          <p className={`verdict-${drift.report.summary.verdict}`} aria-label="Drift summary">
            {drift.fileName} ({drift.report.current.rows} rows) against the training data ({drift.report.reference.rows} rows):{' '}
            <strong>{drift.report.summary.verdict}</strong>. {drift.report.summary.message}
          </p>
          <div className="table-scroll">
            <table aria-label="Drift by column" className="data-table">
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">PSI</th>
                  <th scope="col">Test</th>
                  <th scope="col">p-value</th>
                  <th scope="col">Missing rate (training → new)</th>
                  <th scope="col">Unseen categories</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {columns.map((c) => (
                  <DriftRow key={c === drift.report.prediction ? '(prediction)' : c.name} column={c} isPrediction={c === drift.report.prediction} />
                ))}
              </tbody>
            </table>
          </div>
          {shown && <PlotlyChart figure={driftFigure(shown)} label={`Distribution of ${shown.name}: training data and new data`} height={280} />}
          <Thresholds thresholds={drift.report.thresholds} />
        </>
      )}
    </div>
  );
}

function DriftRow({ column, isPrediction }: { column: ColumnDrift; isPrediction: boolean }): ReactNode {
  const name = isPrediction ? '(prediction)' : column.name;
  const test = column.test;
  return (
    <tr>
      <th scope="row">
        <button type="button" className="link" onClick={() => showDriftColumn(name)} aria-label={`Show the distributions of ${name}`}>
          {name}
        </button>
      </th>
      <td className={`verdict-${column.verdict}`}>{column.verdict}</td>
      <td>{number(column.psi)}</td>
      <td>{test ? (test.name === 'ks' ? `KS D ${number(test.statistic)}` : `χ² ${number(test.statistic, 1)}`) : ''}</td>
      <td>{pValue(test?.pValue)}</td>
      <td>
        {column.absent ? 'column absent' : `${(column.reference.missingRate * 100).toFixed(1)}% → ${(column.current.missingRate * 100).toFixed(1)}%`}
      </td>
      <td>{column.unseen && column.unseen.count > 0 ? `${column.unseen.categories.join(', ')} (${(column.unseen.share * 100).toFixed(1)}%)` : ''}</td>
      <td>{column.reasons.join(' ')}</td>
    </tr>
  );
}

function Thresholds({ thresholds: t }: { thresholds: DriftThresholds }): ReactNode {
  return (
    <p className="hint" aria-label="Drift thresholds">
      Rules: PSI under {t.psiWarning} is stable, {t.psiWarning}–{t.psiDrift} a warning, {t.psiDrift} or more drift (when the
      column&apos;s test also has p &lt; {t.psiPValue}); a KS or χ² test with p &lt; {t.testPValue} and an effect of at least{' '}
      {t.effectDrift} is drift; a missing-rate change over {t.missingRateWarning} is a warning, over {t.missingRateDrift} drift;
      unseen categories over {t.unseenShareWarning * 100}% of rows are a warning, over {t.unseenShareDrift * 100}% drift.
    </p>
  );
}
