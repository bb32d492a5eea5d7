import type { ReactNode } from 'react';

/** A problem the user must see: announced by screen readers, dismissible, never HTML from data. */
export function Alert({ message, details, action, onDismiss }: { message: string; details?: string[]; action?: { label: string; run: () => void }; onDismiss?: () => void }): ReactNode {
  return (
    <div role="alert" className="alert">
      <p>{message}</p>
      {details && details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
      {action && (
        <button type="button" onClick={action.run}>
          {action.label}
        </button>
      )}
      {onDismiss && (
        <button type="button" className="link" onClick={onDismiss} aria-label="Dismiss message">
          Dismiss
        </button>
      )}
    </div>
  );
}
