/**
 * `serve --model DIR [--port N] [--host 127.0.0.1] [--max-body BYTES]`: the bundle as an HTTP
 * prediction API (POST /predict, GET /health, GET /openapi.json) on node:http, until SIGINT or
 * SIGTERM. It binds to the loopback address unless told otherwise: the API has no
 * authentication, so reaching it from other machines is an explicit choice.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoadedBundle } from '../core/bundle/bundleTypes';
import { ensureTfBackend } from '../core/models/tfBackend';
import { integerOption, parseOptions, requiredOption, stringOption } from './args';
import { loadBundleFolder } from './bundleIO';
import { CliError, EXIT_OK } from './cliError';
import type { Command } from './cliIO';
import { DEFAULT_MAX_BODY_BYTES, predictionHandler, type RouteOptions } from './serveRoutes';

export interface ServeOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  /** Stops accepting connections, ends open ones and resolves once the server is closed. */
  close(): Promise<void>;
}

const DEFAULT_PORT = 8080;
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1', '[::1]'];

const usage = `Usage: npm run cli -- serve --model DIR [--port N] [--host 127.0.0.1] [--max-body BYTES]

Serves the model bundle in DIR (written by train) as an HTTP API until Ctrl+C (SIGINT) or SIGTERM:
  POST /predict       a JSON array of row objects, or {"rows": [...]}; answers
                      {"predictions": [...], "probabilities": [...] (classifiers), "notes": [...]}
  GET  /health        {"status": "ok", "model": ..., "target": ...}
  GET  /openapi.json  the OpenAPI 3.0 description of this API for this model
Bad JSON, another Content-Type than application/json or a row that does not fit the model's
inputs gets 400 with {"error": sentence}; a body over --max-body bytes (default ${DEFAULT_MAX_BODY_BYTES}) gets 413.
--host defaults to 127.0.0.1 (this machine only; the API has no authentication); --port defaults
to ${DEFAULT_PORT}, and 0 picks a free port. The address is printed as "Serving <model> on <url>".
`;

export async function startServer(bundle: LoadedBundle, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const routes: RouteOptions = {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    allowedHosts: LOOPBACK_HOSTS.includes(host.toLowerCase()) ? LOOPBACK_HOSTS : [],
  };
  const handler = predictionHandler(bundle, routes);
  const server = createServer(handler);
  // The handler itself says "100 Continue" once it has accepted the request, not Node by default.
  server.on('checkContinue', handler);
  // Slow or stuck clients cannot hold connections open for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, options.port ?? DEFAULT_PORT)));
    server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  routes.url = `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
  return {
    url: routes.url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') return new CliError(`Port ${port} on ${host} is already in use; choose another with --port (0 picks a free one).`);
  if (error.code === 'EACCES') return new CliError(`Port ${port} on ${host} needs more privileges; choose a port above 1023 with --port.`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new CliError(`The host "${host}" is not an address of this machine; give --host 127.0.0.1 or another local address.`);
  return error;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve a model bundle as an HTTP prediction API',
  usage,
  async run(argv, io) {
    const options = parseOptions('serve', argv, { values: ['model', 'port', 'host', 'max-body'], flags: ['help'], required: ['model'] });
    if (options.has('help')) {
      io.stdout(usage);
      return EXIT_OK;
    }
    const serve: ServeOptions = {
      host: stringOption(options, 'host') ?? '127.0.0.1',
      port: integerOption(options, 'port', DEFAULT_PORT, 0, 65535),
      maxBodyBytes: integerOption(options, 'max-body', DEFAULT_MAX_BODY_BYTES, 1, 1024 * 1024 * 1024),
    };
    const bundle = loadBundleFolder(requiredOption(options, 'model'));
    await ensureTfBackend();
    const server = await startServer(bundle, serve);
    if (!LOOPBACK_HOSTS.includes(serve.host!.toLowerCase())) {
      io.stderr(`Warning: the API on ${server.url} has no authentication, and anyone who can reach this address can use it.\n`);
    }
    io.stdout(`Serving ${bundle.meta.model.kind} on ${server.url}\n`);
    await untilSignal();
    await server.close();
    io.stdout('Stopped.\n');
    return EXIT_OK;
  },
};

/** Resolves at the first SIGINT or SIGTERM, which then no longer end the process by default. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
