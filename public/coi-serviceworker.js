/*
 * coi-serviceworker.js: cross-origin isolation for static hosts that cannot set response headers.
 *
 * Why: the TensorFlow.js WASM backend only uses threads (SharedArrayBuffer) when the page is
 * `crossOriginIsolated`, which needs the document to be served with
 *   Cross-Origin-Opener-Policy: same-origin
 *   Cross-Origin-Embedder-Policy: require-corp
 * Many static hosts (GitHub Pages, a plain file share behind nginx you cannot configure, ...) cannot add
 * them. A service worker sits between the page and the network, so it can re-serve every same-origin
 * response with those headers added: after one reload the document is isolated. This is the well-known
 * "coi-serviceworker" technique, written from scratch here: no caching, no offline logic, and it never
 * touches cross-origin requests (the studio makes none) or non-GET requests.
 *
 * Registration (done by the app, not here), expected snippet:
 *
 *   if (!window.crossOriginIsolated && window.isSecureContext && 'serviceWorker' in navigator) {
 *     navigator.serviceWorker.register(new URL('coi-serviceworker.js', document.baseURI)).then(() => {
 *       // The current document was loaded without the headers: reload once, through the worker.
 *       if (!navigator.serviceWorker.controller && !sessionStorage.getItem('coi-reloaded')) {
 *         sessionStorage.setItem('coi-reloaded', '1');
 *         navigator.serviceWorker.ready.then(() => window.location.reload());
 *       }
 *     });
 *   }
 *
 * The worker's scope is the folder it is served from (the app root, since Vite copies public/ there).
 */

// Take control at once, so the single reload above is enough (no waiting for old tabs to close).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Not calling respondWith() lets the browser handle the request exactly as without a worker.
  if (request.method !== 'GET') return;
  if (new URL(request.url).origin !== self.location.origin) return;
  // Chromium throws for this combination when DevTools is open; leave it alone.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;

  event.respondWith(
    fetch(request).then((response) => {
      // Opaque or error responses carry no readable headers/body to copy: pass them through untouched.
      if (response.status === 0 || response.type === 'opaque' || response.type === 'error') return response;
      const headers = new Headers(response.headers);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
      // Same-origin subresources must also be loadable under require-corp.
      if (!headers.has('Cross-Origin-Resource-Policy')) headers.set('Cross-Origin-Resource-Policy', 'same-origin');
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }),
  );
});
