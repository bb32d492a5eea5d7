import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { offlineStatus, registerServiceWorker, subscribeOfflineStatus } from './registerServiceWorker';

/**
 * "Available offline" once the service worker has stored the whole build, or the sentence saying
 * why offline use is not available. Nothing while it is being stored, or where no worker is used
 * (the dev server, a page that is not a secure context).
 */
export function OfflineReadiness(): ReactNode {
  useEffect(registerServiceWorker, []);
  const status = useSyncExternalStore(subscribeOfflineStatus, offlineStatus);
  const text = status.state === 'ready' ? 'Available offline' : status.state === 'failed' ? status.message : '';
  return (
    <span role="status" aria-label="Offline availability" className={`save-status offline-status offline-${status.state}`}>
      {text}
    </span>
  );
}
