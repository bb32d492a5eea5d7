import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { exportProject, importProject } from '../../store/actions/projectFile';
import { FileButton } from '../../ui/FileButton';

/** The whole project as one file: to move work to another machine, or to keep a copy when the browser cannot save. */
export function ProjectFiles(): ReactNode {
  const hasData = useStudio((s) => s.dataset !== null);
  return (
    <div className="project-files">
      <button type="button" disabled={!hasData} onClick={() => void exportProject()}>
        Export project
      </button>
      <FileButton label="Import project" accept=".zip,application/zip" onFile={(file) => void importProject(file, file.name)} />
    </div>
  );
}
