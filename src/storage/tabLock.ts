/**
 * One writer per project across tabs. Every tab of the studio shares one saved project, so two
 * tabs saving in turn would each overwrite the other's work with their own older copy. The first
 * tab holds a Web Lock for as long as it is open and is the only one that writes; a tab opened
 * while it is held reads the saved project, works in memory and says that it does not save.
 *
 * The lock waits a moment before giving up, so that a reloading tab is not locked out by its
 * own previous page, whose lock the browser releases as that page goes away. Browsers without
 * the Web Locks API (or outside a secure context) have nothing to coordinate with: each tab
 * writes, as before.
 */

const LOCK_NAME = 'local-ml-studio:project-writer';
/** How long a new tab waits for the lock before it takes another tab to be the writer. */
export const CLAIM_WAIT_MS = 1500;

export const READ_ONLY_MESSAGE =
  'This project is open for editing in another tab of the studio, so this tab does not save: what you change here is lost when it closes. ' +
  'Close the other tab and reload this one to edit here; "Export project" still saves a copy of what this tab shows.';
export const WRITER_GONE_MESSAGE =
  'The tab that was editing this project has closed or reloaded. Reload this tab to edit and save here (it stays read-only if that tab is still open).';

/** A write refused because another tab is the project's writer. */
export class ReadOnlyTabError extends Error {
  constructor() {
    super(READ_ONLY_MESSAGE);
    this.name = 'ReadOnlyTabError';
  }
}

/** true: this tab writes; false: another tab does. Settled once the claim is decided. */
let decision: Promise<boolean> = Promise.resolve(true);
let claimed = false;
let readOnly = false;

/**
 * Claims the writer's lock for this tab (once; later calls return the first answer).
 * `onWriterGone` is called if this tab is a reader and the writer later goes away.
 */
export function claimWriter(onWriterGone?: () => void): Promise<boolean> {
  if (claimed) return decision;
  claimed = true;
  const locks = globalThis.navigator?.locks;
  if (!locks) return decision;
  decision = new Promise<boolean>((settle) => {
    const resolve = (writer: boolean) => {
      readOnly = !writer;
      settle(writer);
    };
    const signal = AbortSignal.timeout(CLAIM_WAIT_MS);
    locks
      .request(LOCK_NAME, { signal }, () => {
        resolve(true);
        // Held until the page goes away: the browser then releases it for the next tab.
        return new Promise<never>(() => undefined);
      })
      .catch((error: unknown) => {
        const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
        // Any other failure (no lock manager here): nothing to coordinate with, so write.
        resolve(!timedOut);
        if (timedOut && onWriterGone) {
          // Waits its turn without holding anyone up, only to tell the person when the writer is gone.
          locks.request(LOCK_NAME, { mode: 'shared' }, () => onWriterGone()).catch(() => undefined);
        }
      });
  });
  return decision;
}

/** Resolves when this tab may write; rejects with ReadOnlyTabError when another tab is the writer. */
export async function writeAccess(): Promise<void> {
  if (!(await decision)) throw new ReadOnlyTabError();
}

/** Whether another tab is the writer (false until the claim is decided). */
export function isReadOnlyTab(): boolean {
  return readOnly;
}
