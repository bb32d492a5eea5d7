#!/usr/bin/env node
/**
 * A tiny, dependency-free static file server for the production build (used by the end-to-end tests).
 *
 * It serves `root` under a sub-path (`/studio/` by default) to prove the build works from any sub-path of
 * a static host, and sends the cross-origin isolation headers the TensorFlow.js WASM backend needs for
 * threads. Run directly: `node scripts/serve-static.mjs dist [port]`.
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.zip': 'application/zip',
  '.bin': 'application/octet-stream',
};

export const SECURITY_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};

function normaliseBasePath(basePath) {
  let base = basePath.startsWith('/') ? basePath : `/${basePath}`;
  if (!base.endsWith('/')) base += '/';
  return base;
}

/**
 * Serves `root` under `basePath`. Resolves once listening.
 * @param {{ root: string, basePath?: string, port?: number, host?: string }} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>} `url` ends with the base path, e.g.
 *   `http://127.0.0.1:41234/studio/`.
 */
export function startStaticServer({ root, basePath = '/studio/', port = 0, host = '127.0.0.1' }) {
  const rootDir = resolve(root);
  const base = normaliseBasePath(basePath);

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        send(res, 400, 'Bad Request\n');
        return;
      }
      if (pathname === base.slice(0, -1)) {
        // `/studio` -> `/studio/` so relative asset URLs resolve against the right directory.
        res.writeHead(301, { ...SECURITY_HEADERS, Location: base + url.search });
        res.end();
        return;
      }
      if (!pathname.startsWith(base) || pathname.includes('\0')) {
        send(res, 404, 'Not Found\n');
        return;
      }
      let filePath = resolve(rootDir, `.${sep}${pathname.slice(base.length)}`);
      // Path-traversal guard: the resolved path must stay inside root.
      if (filePath !== rootDir && !filePath.startsWith(rootDir + sep)) {
        send(res, 404, 'Not Found\n');
        return;
      }
      let info = await stat(filePath).catch(() => null);
      if (info?.isDirectory()) {
        filePath = resolve(filePath, 'index.html');
        info = await stat(filePath).catch(() => null);
      }
      if (!info?.isFile()) {
        send(res, 404, 'Not Found\n');
        return;
      }
      const type = MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': type,
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = createReadStream(filePath);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
    }
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const hostForUrl = host.includes(':') ? `[${host}]` : host;
      resolvePromise({
        url: `http://${hostForUrl}:${actualPort}${base}`,
        close: () =>
          new Promise((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = 'dist', portArg = '0'] = process.argv.slice(2);
  const port = Number.parseInt(portArg, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port: ${portArg}. Usage: node scripts/serve-static.mjs [root] [port]`);
    process.exit(1);
  }
  const { url, close } = await startStaticServer({ root, port });
  console.log(url);
  const stop = () => close().finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
