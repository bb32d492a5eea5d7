import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Cross-origin isolation lets the TensorFlow.js WASM backend use threads. Static hosts that
 * cannot set headers get the same effect from public/service-worker.js (see README).
 */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The production Content-Security-Policy: no eval, no inline scripts, no other origins
 * (`connect-src 'self'` is what keeps data on the page). Styles allow 'unsafe-inline' because
 * Plotly injects its stylesheet at run time. Workers get their own policy from response headers;
 * see the README for the headers a host that can set them should send.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Only in the build: the dev server needs an inline script for React fast refresh. */
function cspMetaTag(): Plugin {
  return {
    name: 'studio-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy }, injectTo: 'head-prepend' },
    ],
  };
}

/** The service worker (public/service-worker.js, copied to the build's root) and the placeholder it holds for the list. */
export const SERVICE_WORKER_FILE = 'service-worker.js';
const MANIFEST_PLACEHOLDER = '/* PRECACHE_MANIFEST */ null';
/** Not part of the app: the standalone predictor is built into dist/predictor/ afterwards, for other pages. */
const NOT_PRECACHED = [SERVICE_WORKER_FILE, 'predictor/'];

/**
 * Offline after the first visit: the service worker stores every file of the build on install.
 * Once the build is on disk, this lists them all (JS chunks, worker chunks, .wasm, CSS,
 * index.html, and public/ files such as the examples and the favicon), and writes the list, with a
 * hash of the build's contents as its version, into the service worker. Reading the written
 * folder rather than the bundle catches what other plugins and public/ add. A new build with
 * other contents gets another version, so browsers store it afresh and drop the old copy.
 */
function precacheManifest(): Plugin {
  let outDir = '';
  return {
    name: 'studio-precache-manifest',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = (await listFiles(outDir)).filter((file) => !NOT_PRECACHED.some((skip) => file === skip || (skip.endsWith('/') && file.startsWith(skip))));
        const hash = createHash('sha256');
        for (const file of files) hash.update(file).update('\0').update(await readFile(join(outDir, file))).update('\0');
        const workerPath = join(outDir, SERVICE_WORKER_FILE);
        const worker = await readFile(workerPath, 'utf8').catch(() => '');
        if (!worker.includes(MANIFEST_PLACEHOLDER)) this.error(`${workerPath} has no "${MANIFEST_PLACEHOLDER}" to fill with the list of files to keep offline.`);
        const manifest = JSON.stringify({ version: hash.digest('hex').slice(0, 16), files });
        await writeFile(workerPath, worker.replace(MANIFEST_PLACEHOLDER, manifest));
      },
    },
  };
}

/** Every file under `dir`, as sorted paths relative to it with forward slashes (URLs). */
async function listFiles(dir: string, root = dir): Promise<string[]> {
  // Walked by hand: `readdir(..., { recursive: true })` names the parent folder differently before Node 20.12.
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path, root)));
    else if (entry.isFile()) files.push(relative(root, path).split(sep).join('/'));
  }
  return files.sort();
}

export default defineConfig({
  // Relative asset URLs, so dist/ works from any sub-path of a static host.
  base: './',
  plugins: [react(), cspMetaTag(), precacheManifest()],
  worker: { format: 'es' },
  // Worker-only dependencies are found late by the dev server, which then reloads the page once;
  // listing them up front makes the first `npm start` visit stable.
  optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'comlink', 'fflate', 'papaparse'] },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 5000 },
  server: { headers: isolationHeaders, port: 5173 },
  preview: { headers: isolationHeaders, port: 4173 },
});
