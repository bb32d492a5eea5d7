import type { ReactNode } from 'react';

export function ProgressBar({ label, fraction }: { label: string; fraction: number }): ReactNode {
  const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div className="progress">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="progress-track">
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-text">
        {label}: {percent}%
      </span>
    </div>
  );
}
