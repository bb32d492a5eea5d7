import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { computeFairness } from '../../store/actions/evaluate';

function f(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(4);
}

/** The main metrics for each value of a chosen column (e.g. sex or region), and the largest gap between them. */
export function FairnessView({ columns }: { columns: string[] }): ReactNode {
  const fairness = useStudio((s) => s.evaluation.fairness);
  const result = fairness.result;
  const metrics = result ? Object.keys(result.overall) : [];
  return (
    <div className="fairness">
      <h3>Scores by group</h3>
      <label className="inline">
        Compare the groups of
        <select aria-label="Fairness column" value={fairness.column ?? ''} onChange={(e) => e.currentTarget.value && void computeFairness(e.currentTarget.value)}>
          <option value="">(choose a column)</option>
          {columns.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {fairness.status === 'failed' && <p role="alert">Metrics by “{fairness.column}” could not be computed: {fairness.message}</p>}
      {result && fairness.status === 'done' && (
        <>
          <div className="table-scroll">
            <table aria-label="Scores by group" className="data-table">
              <thead>
                <tr>
                  <th scope="col">{fairness.column}</th>
                  <th scope="col">Rows</th>
                  {metrics.map((m) => (
                    <th scope="col" key={m}>
                      {m}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.groups.map((g) => (
                  <tr key={g.group} className={g.tooSmall ? 'muted' : undefined}>
                    <th scope="row">
                      {g.group}
                      {g.tooSmall ? ' (too few rows)' : ''}
                    </th>
                    <td>{g.rows}</td>
                    {metrics.map((m) => (
                      <td key={m}>{f(g.metrics[m])}</td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">All held-out rows</th>
                  <td>{result.groups.reduce((n, g) => n + g.rows, 0)}</td>
                  {metrics.map((m) => (
                    <td key={m}>{f(result.overall[m])}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <p aria-label="Largest gap">
            {result.largestGap
              ? `The largest ${result.largestGap.metric} gap is ${f(result.largestGap.gap)}: ${result.largestGap.highest.group} ${f(result.largestGap.highest.value)} against ${result.largestGap.lowest.group} ${f(result.largestGap.lowest.value)}.`
              : `Fewer than two groups have at least ${result.minRows} held-out rows, so there is no gap to report.`}
          </p>
        </>
      )}
    </div>
  );
}
