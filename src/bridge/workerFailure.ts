/**
 * Resolves with the worker's error message if its script throws outside any call: a crashed
 * worker never answers, so each client races its call against this.
 */
export function workerFailure(worker: Worker): Promise<string> {
  return new Promise((resolve) => {
    worker.onerror = (event) => {
      event.preventDefault();
      resolve(event.message || '');
    };
  });
}
