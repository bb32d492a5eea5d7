/**
 * Registers public/service-worker.js, which stores the whole build for offline use and adds the
 * cross-origin isolation headers, and tells the person once the studio works offline.
 *
 * Only in production builds: the dev server's modules change on every edit and are not in the
 * worker's list, so a worker there would serve stale code. Only in a secure context (https or
 * localhost), where browsers allow service workers at all. Registration waits for the page's
 * `load` event so that storing the build (about 13 MB) does not compete with the first visit.
 */

export type OfflineStatus =
  | { state: 'off' }
  | { state: 'installing' }
  | { state: 'ready'; version: string }
  | { state: 'failed'; message: string };

const WORKER_FILE = 'service-worker.js';
/** How long the worker may take to answer whether the build is stored. */
const ANSWER_TIMEOUT_MS = 10_000;

let status: OfflineStatus = { state: 'off' };
let started = false;
const listeners = new Set<() => void>();

export function offlineStatus(): OfflineStatus {
  return status;
}

export function subscribeOfflineStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setStatus(next: OfflineStatus): void {
  status = next;
  for (const listener of listeners) listener();
}

/** Safe to call more than once (React's StrictMode runs effects twice): only the first call registers. */
export function registerServiceWorker(): void {
  if (started) return;
  started = true;
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const start = () => void register();
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

async function register(): Promise<void> {
  setStatus({ state: 'installing' });
  try {
    const registration = await navigator.serviceWorker.register(new URL(WORKER_FILE, document.baseURI));
    // A worker becomes active only once it has stored the whole build; it then takes over this page
    // too. (A page opened with a hard reload stays uncontrolled, but the next load works offline.)
    const ready = await Promise.race([navigator.serviceWorker.ready, installFailed(registration)]);
    const answer = await askPrecacheStatus(ready.active!);
    if (answer.files > 0 && answer.stored >= answer.files && answer.version) setStatus({ state: 'ready', version: answer.version });
    else setStatus({ state: 'failed', message: `Offline use is not available: ${answer.stored} of the studio's ${answer.files} files are stored in this browser.` });
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    setStatus({ state: 'failed', message: `Offline use is not available: ${why}.` });
  }
}

/** Rejects when the new worker could not store the build (a file failed to download) and none is active. */
function installFailed(registration: ServiceWorkerRegistration): Promise<never> {
  return new Promise((_, reject) => {
    const worker = registration.installing ?? registration.waiting;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'redundant' && !registration.active) reject(new Error("the studio's files could not be stored in this browser"));
    });
  });
}

interface PrecacheAnswer {
  version: string | null;
  files: number;
  stored: number;
}

function askPrecacheStatus(worker: ServiceWorker): Promise<PrecacheAnswer> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('the offline worker did not answer')), ANSWER_TIMEOUT_MS);
    channel.port1.onmessage = (event: MessageEvent<PrecacheAnswer>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.postMessage({ type: 'precache-status' }, [channel.port2]);
  });
}
