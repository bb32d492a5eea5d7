import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import type { Recipe } from '../../core/prep/recipe';
import { ClassificationView } from './ClassificationView';
import { RegressionView } from './RegressionView';
import { ModelComparison } from './ModelComparison';
import { ExplainView } from './ExplainView';
import { ErrorAnalysis } from './ErrorAnalysis';
import { LearningCurveView } from './LearningCurveView';
import { FairnessView } from './FairnessView';

/**
 * How good the best model is, where it fails and why: its held-out evaluation (computed with the
 * run), the comparison with other models, and analyses computed on demand in a worker.
 */
export function EvaluationPanel(): ReactNode {
  const run = useStudio((s) => s.run);
  const target = useStudio((s) => s.target);
  const columns = useStudio((s) => s.dataset?.columns);
  const evaluation = run?.evaluation;
  if (!run || !evaluation || run.clustering) return null;
  const inputs = (run.recipe as Recipe).features;
  const groupColumns = (columns ?? []).filter((c) => (c.type === 'categorical' || c.type === 'boolean') && c.name !== target).map((c) => c.name);
  return (
    <section aria-label="Evaluation" className="panel">
      <h2>Evaluation of {run.label}</h2>
      <p aria-label="Fit verdict" className={`verdict-${evaluation.fit.verdict === 'good fit' ? 'stable' : evaluation.fit.verdict === 'unclear' ? 'warning' : 'drift'}`}>
        <strong>{evaluation.fit.verdict}</strong>: {evaluation.fit.sentence}
      </p>
      {evaluation.classification && <ClassificationView evaluation={evaluation.classification} modelName={run.label} />}
      {evaluation.regression && <RegressionView evaluation={evaluation.regression} target={target ?? ''} />}
      <ModelComparison />
      <ExplainView inputs={inputs} />
      <ErrorAnalysis evaluation={evaluation} />
      <LearningCurveView />
      {groupColumns.length > 0 && <FairnessView columns={groupColumns} />}
    </section>
  );
}
