import type { ReactNode } from 'react';

/**
 * A button-styled file input named `label` (its accessible name too). The input is cleared after
 * each pick, so choosing the same file again is a new pick.
 */
export function FileButton({ label, accept, disabled, onFile }: { label: string; accept: string; disabled?: boolean; onFile: (file: File) => void }): ReactNode {
  return (
    <label className="file-button">
      {label}
      <input
        type="file"
        accept={accept}
        aria-label={label}
        disabled={disabled}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
