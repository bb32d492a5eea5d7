import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { describeRecipeText } from '../../core/prep/describeRecipe';
import type { Recipe } from '../../core/prep/recipe';
import { downloadPythonScript } from '../../store/actions/recipeExport';

/** The recipe as the best model was fitted with it: in words, and as a Python script that reproduces its columns. */
export function RecipeExport(): ReactNode {
  const run = useStudio((s) => s.run);
  if (!run || run.clustering) return null;
  const recipe = run.recipe as Recipe;
  const sentences = describeRecipeText(recipe, { trainRows: run.trainRows });
  return (
    <div className="recipe-export">
      <h3>As fitted for {run.label}</h3>
      <ol aria-label="Fitted recipe">
        {sentences.map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </ol>
      <button type="button" onClick={() => void downloadPythonScript()}>
        Download Python script
      </button>
    </div>
  );
}
