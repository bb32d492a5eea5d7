import type { ReactNode } from 'react';
import { useStudio } from '../store/useStudio';

export function SaveStatus(): ReactNode {
  const save = useStudio((s) => s.save);
  const text = { idle: '', saving: 'Saving…', saved: 'All changes saved in this browser', failed: 'Not saved', readonly: 'Not saved: open in another tab' }[save.status];
  return (
    <>
      <span role="status" className={`save-status save-${save.status}`}>
        {text}
      </span>
      {save.status === 'readonly' && save.message && (
        <p role="alert" className="alert read-only-tab">
          {save.message}
        </p>
      )}
    </>
  );
}
