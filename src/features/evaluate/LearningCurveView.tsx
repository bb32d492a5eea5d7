import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { computeLearningCurve, stopLearningCurve } from '../../store/actions/evaluate';
import { fitVerdict, isHigherBetter } from '../../core/evaluate/fitVerdict';
import { ProgressBar } from '../../ui/ProgressBar';
import { PlotlyChart } from '../../ui/PlotlyChart';
import { learningCurveFigure } from './evaluationFigures';

/** Score against training-set size, refitting the model on growing samples of each fold (it can be stopped). */
export function LearningCurveView(): ReactNode {
  const learning = useStudio((s) => s.evaluation.learning);
  const running = learning.status === 'running';
  const curve = learning.result;
  const last = curve?.points[curve.points.length - 1];
  const verdict =
    curve && last
      ? fitVerdict({ metric: curve.metric, higherIsBetter: isHigherBetter(curve.metric), train: last.train.mean[curve.metric] ?? null, validation: last.validation.mean[curve.metric] ?? null })
      : null;
  return (
    <div className="learning">
      <h3>Learning curve</h3>
      {running ? (
        <>
          <ProgressBar label="Refitting on growing samples" fraction={learning.total ? (learning.done ?? 0) / learning.total : 0} />
          <button type="button" onClick={stopLearningCurve}>
            Stop learning curve
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void computeLearningCurve()}>
          Compute learning curve
        </button>
      )}
      {learning.status === 'failed' && <p role="alert">The learning curve could not be computed: {learning.message}</p>}
      {curve && learning.status === 'done' && (
        <>
          <PlotlyChart figure={learningCurveFigure(curve)} label="Learning curve" height={300} />
          <p className="hint">
            {curve.folds}-fold cross-validated {curve.metric} at each training size. {verdict?.sentence} A validation score still rising at the right means more data would help.
          </p>
        </>
      )}
    </div>
  );
}
