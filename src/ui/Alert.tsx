import type { ReactNode } from 'react';

/** A problem the user must see: announced by screen readers, dismissible, never HTML from data. */
export function Alert({ message, details, onDismiss }: { message: string; details?: string[]; onDismiss?: () => void }): ReactNode {
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
      {onDismiss && (
        <button type="button" className="link" onClick={onDismiss} aria-label="Dismiss message">
          Dismiss
        </button>
      )}
    </div>
  );
}
