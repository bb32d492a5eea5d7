import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { exportProject, importProject } from '../../store/actions/projectFile';

/** The whole project as one file: to move work to another machine, or to keep a copy when the browser cannot save. */
export function ProjectFiles(): ReactNode {
  const hasData = useStudio((s) => s.dataset !== null);
  return (
    <div className="project-files">
      <button type="button" disabled={!hasData} onClick={() => void exportProject()}>
        Export project
      </button>
      <label className="file-button">
        Import project
        <input
          type="file"
          accept=".zip,application/zip"
          aria-label="Import project"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void importProject(file, file.name);
          }}
        />
      </label>
    </div>
  );
}
