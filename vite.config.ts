import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Cross-origin isolation lets the TensorFlow.js WASM backend use threads. Static hosts that
 * cannot set headers get the same effect from public/coi-serviceworker.js (see README).
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

export default defineConfig({
  // Relative asset URLs, so dist/ works from any sub-path of a static host.
  base: './',
  plugins: [react(), cspMetaTag()],
  worker: { format: 'es' },
  // Worker-only dependencies are found late by the dev server, which then reloads the page once;
  // listing them up front makes the first `npm start` visit stable.
  optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'comlink', 'fflate', 'papaparse'] },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 5000 },
  server: { headers: isolationHeaders, port: 5173 },
  preview: { headers: isolationHeaders, port: 4173 },
});
