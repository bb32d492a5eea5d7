/** The best model's fitted recipe as a Python (pandas + scikit-learn) script that reproduces its prepared columns. */
import { recipeToPython } from '../../core/prep/recipeToPython';
import type { Recipe } from '../../core/prep/recipe';
import { getStudio, setStudio } from '../useStudio';
import { downloadBaseName, downloadBlob } from './downloadBlob';

export async function downloadPythonScript(): Promise<void> {
  const { run, dataset } = getStudio();
  if (!run) return;
  try {
    const script = recipeToPython(run.recipe as Recipe);
    downloadBlob(new Blob([script], { type: 'text/x-python' }), `${downloadBaseName(dataset?.fileName ?? 'data', 'data')}-recipe.py`);
  } catch (error) {
    setStudio({ alert: { message: `The recipe could not be exported as Python: ${error instanceof Error ? error.message : String(error)}` } });
  }
}
