import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { cancelLoading } from '../../store/actions/loadDataset';
import { ProgressBar } from '../../ui/ProgressBar';
import { EXAMPLES } from './examples';
import { loadExample } from './loadExample';
import { loadUserFile } from './readDroppedFile';
import { FileButton } from '../../ui/FileButton';

export function FileLoader(): ReactNode {
  const ingest = useStudio((s) => s.ingest);
  return (
    <section className="loader" aria-label="Load data">
      <FileButton label="Upload CSV" accept=".csv,.tsv,.txt" onFile={(file) => void loadUserFile(file)} />
      <span className="hint">or drop a file anywhere on the page, or open</span>
      {EXAMPLES.map((example) => (
        <button type="button" key={example.id} title={example.description} onClick={() => void loadExample(example)}>
          Example: {example.title}
        </button>
      ))}
      {ingest.status === 'reading' && (
        <div className="ingest-progress">
          <ProgressBar label={`Reading ${ingest.fileName ?? 'file'}`} fraction={ingest.progress} />
          <button type="button" onClick={cancelLoading}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
