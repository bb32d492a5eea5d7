/*
 * service-worker.js: the studio's one service worker. It has two jobs.
 *
 * 1. Offline after the first visit. "No network needed" is a promise: once the studio has been
 *    opened, it must reload, open the examples, train (module workers and the TensorFlow.js
 *    WebAssembly binaries are loaded lazily, on first use), evaluate and export with the network
 *    off. So on install it stores every file of the build (the list below, written by the build:
 *    vite.config.ts, precacheManifest) in a cache named after the build's content hash, and
 *    serves same-origin GET requests from that cache first. On activate it deletes the caches of
 *    earlier builds.
 *
 * 2. Cross-origin isolation on hosts that cannot set response headers (GitHub Pages, ...). The
 *    TensorFlow.js WASM backend needs `crossOriginIsolated` for threads, which needs the document
 *    served with COOP/COEP. Every same-origin response this worker hands out gets
 *      Cross-Origin-Opener-Policy: same-origin
 *      Cross-Origin-Embedder-Policy: require-corp
 *      Cross-Origin-Resource-Policy: same-origin (unless the response has its own)
 *    so the pages it controls are isolated from their next load on (the well-known
 *    "coi-serviceworker" technique). It never touches cross-origin requests (the studio makes
 *    none) or non-GET requests.
 *
 * The app registers it (src/app/registerServiceWorker.ts) in production builds only, and only in
 * a secure context; the dev server never does. Its scope is the folder it is served from.
 *
 * Updates: a new build's worker installs in the background but, as service workers do, waits
 * until no tab uses the old one. It does not skip waiting on purpose: an open tab still loads
 * its lazy chunks by their old names, which the old cache has and the new one may not.
 */

/** Written by the build: { version: content hash of the build, files: paths relative to this file }. */
const PRECACHE = /* PRECACHE_MANIFEST */ null;

const CACHE_PREFIX = 'studio-precache-';
const CACHE_NAME = PRECACHE ? CACHE_PREFIX + PRECACHE.version : null;
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

self.addEventListener('install', (event) => {
  // An unbuilt copy (public/ served as is) has no list: installing would promise offline use it cannot give.
  if (!PRECACHE) {
    event.waitUntil(Promise.reject(new Error('This service worker has no precache list: it is only usable from a production build.')));
    return;
  }
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name)));
      // Control the page that registered this worker at once, so it is offline-ready without a reload.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Not calling respondWith() lets the browser handle the request exactly as without a worker.
  if (request.method !== 'GET') return;
  if (new URL(request.url).origin !== self.location.origin) return;
  // Chromium throws for this combination when DevTools is open; leave it alone.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(respond(request));
});

/** The page asks (on a MessageChannel port) whether the build is stored, to tell the person it works offline. */
self.addEventListener('message', (event) => {
  const port = event.ports[0];
  if (event.data?.type !== 'precache-status' || !port) return;
  event.waitUntil(
    (async () => {
      const stored = CACHE_NAME && (await caches.has(CACHE_NAME)) ? (await (await caches.open(CACHE_NAME)).keys()).length : 0;
      port.postMessage({ version: PRECACHE?.version ?? null, files: PRECACHE?.files.length ?? 0, stored });
    })(),
  );
});

/** Stores every file of the build; any failure fails the install, so a half-filled cache is never used. */
async function precache() {
  const cache = await caches.open(CACHE_NAME);
  // `no-cache`: revalidate with the server rather than trust a copy the HTTP cache may hold from an older build.
  await cache.addAll(PRECACHE.files.map((file) => new Request(new URL(file, self.registration.scope), { cache: 'no-cache' })));
}

async function respond(request) {
  const cached = await fromCache(request);
  return withIsolationHeaders(cached ?? (await fetch(request)));
}

/**
 * The stored copy of `request`, if any. A page (navigation) is looked up without its query
 * (`?example=cars`), and the folder itself (`.../studio/`) is its index.html.
 */
async function fromCache(request) {
  if (!CACHE_NAME) return undefined;
  const cache = await caches.open(CACHE_NAME);
  const navigation = request.mode === 'navigate';
  const hit = await cache.match(request, { ignoreSearch: navigation });
  if (hit || !navigation) return hit;
  const path = new URL(request.url).pathname;
  const scope = new URL(self.registration.scope).pathname;
  return path === scope ? cache.match(new URL('index.html', self.registration.scope).href) : undefined;
}

function withIsolationHeaders(response) {
  // Opaque or error responses carry no readable headers/body to copy: pass them through untouched.
  if (response.status === 0 || response.type === 'opaque' || response.type === 'error') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  // Same-origin subresources must also be loadable under require-corp.
  if (!headers.has('Cross-Origin-Resource-Policy')) headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
