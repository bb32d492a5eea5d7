/**
 * The model card: generated from the bundle the current model exports as, editable by the person
 * (the edited text is saved with the project and goes into the exported bundle), and downloadable
 * as Markdown or as a standalone HTML page.
 */
import { predictWorker } from '../../bridge/predictClient';
import { modelCardHtml } from '../../core/bundle/modelCardHtml';
import { getStudio, setStudio } from '../useStudio';
import { ensureModel } from './deploy';
import { downloadBaseName, downloadBlob } from './downloadBlob';

/** The card as generated for the model that predicts now; null when there is none. */
export async function generatedModelCard(): Promise<string | null> {
  if (!(await ensureModel())) return null;
  try {
    const { fairness } = getStudio().evaluation;
    const groups = fairness.status === 'done' && fairness.result && fairness.column ? { column: fairness.column, ...fairness.result } : undefined;
    return await predictWorker().generatedModelCard(groups);
  } catch (error) {
    setStudio({ alert: { message: `The model card could not be generated: ${error instanceof Error ? error.message : String(error)}` } });
    return null;
  }
}

export function editModelCard(text: string): void {
  setStudio({ modelCard: text });
}

export function resetModelCard(): void {
  setStudio({ modelCard: null });
}

export async function downloadModelCard(format: 'markdown' | 'html'): Promise<void> {
  const text = getStudio().modelCard ?? (await generatedModelCard());
  if (text === null) return;
  const base = `${downloadBaseName(getStudio().dataset?.fileName ?? 'model', 'model')}-model-card`;
  if (format === 'markdown') downloadBlob(new Blob([text], { type: 'text/markdown' }), `${base}.md`);
  else downloadBlob(new Blob([modelCardHtml(text, 'Model card')], { type: 'text/html' }), `${base}.html`);
}
