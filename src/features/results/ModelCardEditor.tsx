import { useEffect, useState, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { downloadModelCard, editModelCard, generatedModelCard, resetModelCard } from '../../store/actions/modelCard';

/** The model card, generated from the run and editable; what is typed here goes into the exported bundle. */
export function ModelCardEditor(): ReactNode {
  const edited = useStudio((s) => s.modelCard);
  const run = useStudio((s) => s.run);
  const fairness = useStudio((s) => s.evaluation.fairness.result);
  const [open, setOpen] = useState(false);
  const [generated, setGenerated] = useState<string | null>(null);
  // A new model, or new metrics by group, make a new generated card.
  useEffect(() => {
    setGenerated(null);
  }, [run, fairness]);
  useEffect(() => {
    if (!open || generated !== null) return;
    let current = true;
    void generatedModelCard().then((text) => {
      if (current) setGenerated(text ?? '');
    });
    return () => {
      current = false;
    };
  }, [open, generated]);
  return (
    <details className="model-card" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Model card{edited !== null ? ' (edited)' : ''}</summary>
      {open && (
        <>
          <p className="hint">Describe the intended use and known limitations; the exported bundle carries this text as model-card.md.</p>
          <textarea
            aria-label="Model card (Markdown)"
            rows={18}
            value={edited ?? generated ?? 'Generating…'}
            disabled={edited === null && generated === null}
            onChange={(e) => editModelCard(e.currentTarget.value)}
          />
          <div className="deploy-actions">
            <button type="button" onClick={() => void downloadModelCard('markdown')}>
              Download model card (Markdown)
            </button>
            <button type="button" onClick={() => void downloadModelCard('html')}>
              Download model card (HTML)
            </button>
            {edited !== null && (
              <button type="button" onClick={resetModelCard}>
                Reset to the generated card
              </button>
            )}
          </div>
        </>
      )}
    </details>
  );
}
