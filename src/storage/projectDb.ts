/**
 * The one module that touches IndexedDB. A write counts as done only when its
 * transaction completes (not when the request succeeds): quota errors arrive as an
 * AbortError on the transaction, after the request itself looked fine. Only the tab that
 * holds the writer's lock (tabLock.ts) writes; in any other tab every write is refused.
 */
import { writeAccess } from './tabLock';

const DB_NAME = 'local-ml-studio';
const DB_VERSION = 2;
/** Large original file bytes, written once per dataset. */
const FILES = 'files';
/** Small serialisable project state, written on every change. */
const STATE = 'state';
/** The project's history: one record per dataset version and per trained model, by id. */
const VERSIONS = 'versions';

export const CURRENT_PROJECT = 'current';
/** The bundle .zip the person imported to predict with, kept in the files store. */
export const IMPORTED_BUNDLE = 'imported-bundle';

let dbPromise: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  if (dbPromise) return dbPromise;
  dbPromise = new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('This browser has no IndexedDB, so work cannot be saved between visits.'));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(FILES)) db.createObjectStore(FILES);
      if (!db.objectStoreNames.contains(STATE)) db.createObjectStore(STATE);
      if (!db.objectStoreNames.contains(VERSIONS)) db.createObjectStore(VERSIONS);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema must not be blocked by us.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened.'));
    request.onblocked = () => reject(new Error('Saving is blocked by another tab of the studio; close it and reload.'));
  });
  dbPromise.catch(() => {
    dbPromise = null;
  });
  return dbPromise;
}

function describeStorageError(error: unknown): Error {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError' || name === 'AbortError') {
    return new Error('The browser refused to save: its storage for this site is full. Your work is still open; export it to keep a copy.');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`Saving failed: ${message}`);
}

/** Puts every entry in one transaction: all of them land, or (on any error) none does. */
function writeAll(entries: ReadonlyArray<{ store: string; key: string; value: unknown }>): Promise<void> {
  return writeAccess()
    .then(openDb)
    .then(
      (db) =>
        new Promise<void>((resolve, reject) => {
          let tx: IDBTransaction;
          try {
            tx = db.transaction([...new Set(entries.map((e) => e.store))], 'readwrite');
            for (const { store, key, value } of entries) tx.objectStore(store).put(value, key);
          } catch (error) {
            reject(describeStorageError(error));
            return;
          }
          tx.oncomplete = () => resolve();
          tx.onabort = () => reject(describeStorageError(tx.error));
          tx.onerror = () => reject(describeStorageError(tx.error));
        }),
    );
}

function write(storeName: string, key: string, value: unknown): Promise<void> {
  return writeAll([{ store: storeName, key, value }]);
}

function read<T>(storeName: string, key: string): Promise<T | undefined> {
  return openDb().then(
    (db) =>
      new Promise<T | undefined>((resolve, reject) => {
        const tx = db.transaction(storeName, 'readonly');
        const request = tx.objectStore(storeName).get(key);
        tx.oncomplete = () => resolve(request.result as T | undefined);
        tx.onabort = () => reject(describeStorageError(tx.error));
        tx.onerror = () => reject(describeStorageError(tx.error));
      }),
  );
}

function readAll<T>(storeName: string): Promise<T[]> {
  return openDb().then(
    (db) =>
      new Promise<T[]>((resolve, reject) => {
        const tx = db.transaction(storeName, 'readonly');
        const request = tx.objectStore(storeName).getAll();
        tx.oncomplete = () => resolve(request.result as T[]);
        tx.onabort = () => reject(describeStorageError(tx.error));
        tx.onerror = () => reject(describeStorageError(tx.error));
      }),
  );
}

function remove(storeName: string, key: string): Promise<void> {
  return writeAccess().then(openDb).then(
    (db) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.transaction(storeName, 'readwrite');
        tx.objectStore(storeName).delete(key);
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(describeStorageError(tx.error));
      }),
  );
}

export interface StoredFile {
  name: string;
  /** IndexedDB stores Blobs natively, without the page copying the bytes. */
  file: Blob;
}

export const saveFile = (key: string, file: StoredFile) => write(FILES, key, file);
export const loadFile = (key: string) => read<StoredFile>(FILES, key);
export const removeFile = (key: string) => remove(FILES, key);
export const saveState = <T>(key: string, state: T) => write(STATE, key, state);
/**
 * The project's state and, when a new dataset came with it, the dataset's file, in one
 * transaction: a reload never finds a state describing a file that was not written, or the
 * reverse. Until it completes, the previous state and file stay as they were.
 */
export const saveProject = <T>(key: string, state: T, file?: StoredFile) =>
  writeAll(file ? [{ store: FILES, key, value: file }, { store: STATE, key, value: state }] : [{ store: STATE, key, value: state }]);
export const loadState = <T>(key: string) => read<T>(STATE, key);
export const saveVersion = <T>(id: string, version: T) => write(VERSIONS, id, version);
export const loadVersion = <T>(id: string) => read<T>(VERSIONS, id);
export const loadVersions = <T>() => readAll<T>(VERSIONS);
/** The key under which a dataset version's bytes are kept in the files store. */
export const datasetFileKey = (hash: string) => `dataset:${hash}`;

export const clearProject = async (key: string) => {
  await remove(STATE, key);
  await remove(FILES, key);
};

/** Ask the browser not to evict our data under storage pressure; harmless if refused. */
export function requestPersistence(): void {
  navigator.storage?.persist?.().catch(() => undefined);
}
