/**
 * The prediction API's request handling (node:http only): routes, body limits, JSON in and out.
 * Every refusal is a JSON `{"error": sentence}` with a 4xx status; nothing a client sends can
 * reach an error page, a stack trace or an object keyed by its field names.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoadedBundle } from '../core/bundle/bundleTypes';
import { conformTable, findUnfillableCell, RowValidationError, rowsToTable } from '../core/bundle/conformTable';
import { openApiDocument } from '../core/bundle/openApi';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface RouteOptions {
  maxBodyBytes: number;
  /** Host names the server answers to; empty for any (a server bound to every interface). */
  allowedHosts: readonly string[];
  /** The base URL, for the OpenAPI document's "servers". */
  url?: string;
}

/** A refusal: the status and the sentence sent as `{"error": ...}`. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const ROUTES: Record<string, string> = { '/predict': 'POST', '/health': 'GET', '/openapi.json': 'GET' };

export function predictionHandler(bundle: LoadedBundle, options: RouteOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { meta } = bundle;
  const health = JSON.stringify({ status: 'ok', model: meta.model.kind, target: meta.target });
  let openApi: string | undefined;
  return (req, res) => {
    handle(req, res)
      .then((body) => send(res, 200, body))
      .catch((error: unknown) => {
        if (error instanceof HttpError) return send(res, error.status, JSON.stringify({ error: error.message }), error.headers);
        const detail = error instanceof Error ? error.message : String(error);
        send(res, 500, JSON.stringify({ error: `The server failed to answer: ${detail.replace(/\s+/g, ' ')}` }));
      });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<string> {
    checkHost(req.headers.host, options.allowedHosts);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
    if (!method) throw new HttpError(404, `There is nothing at ${JSON.stringify(path.slice(0, 100))}; the API has POST /predict, GET /health and GET /openapi.json.`);
    if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
      throw new HttpError(405, `${path} answers ${method} only, not ${req.method}.`, { Allow: method === 'GET' ? 'GET, HEAD' : method });
    }
    if (path === '/health') return health;
    if (path === '/openapi.json') return (openApi ??= JSON.stringify(openApiDocument(meta, { serverUrl: options.url, maxBodyBytes: options.maxBodyBytes })));
    return predict(await readJsonBody(req, res, options.maxBodyBytes));
  }

  function predict(body: unknown): string {
    const rows = Array.isArray(body) ? body : isObject(body) && Object.hasOwn(body, 'rows') ? (body as { rows: unknown }).rows : undefined;
    if (rows === undefined) throw new HttpError(400, 'The body must be a JSON array of row objects, or an object with a "rows" array.');
    let table;
    try {
      table = rowsToTable(meta, rows);
    } catch (error) {
      if (error instanceof RowValidationError) throw new HttpError(400, error.message);
      throw error;
    }
    if (table.rowCount > 0 && table.columns.length === 0 && meta.inputSchema.length > 0) {
      const names = meta.inputSchema.slice(0, 10).map((f) => JSON.stringify(f.name)).join(', ');
      throw new HttpError(400, `No row has any of the model's input fields (${names}${meta.inputSchema.length > 10 ? ', …' : ''}).`);
    }
    const conformed = conformTable(meta, table, { rowLabel: (r) => `rows[${r}]`, source: 'the request' });
    const unfillable = findUnfillableCell(meta, conformed.table);
    if (unfillable) {
      throw new HttpError(400, `rows[${unfillable.row}]${fieldPath(unfillable.column)} has no usable value, and the model cannot fill it in (its recipe does not impute it).`);
    }
    const classes = meta.classes && bundle.model.predictProba ? meta.classes : undefined;
    let predictions: Array<string | number | null> = [];
    let probabilities: Array<Record<string, number>> = [];
    if (conformed.table.rowCount > 0) {
      const result = bundle.predict(conformed.table);
      predictions = result.prediction.map((p) => (typeof p === 'number' && !Number.isFinite(p) ? null : p));
      const proba = result.proba;
      if (classes && proba) {
        const k = classes.length;
        // Class names are user data: fromEntries makes each an own key, "__proto__" included.
        probabilities = predictions.map((_, r) => Object.fromEntries(classes.map((c, j) => [c, proba[r * k + j]])));
      }
    }
    return JSON.stringify({ predictions, ...(classes ? { probabilities } : {}), notes: conformed.notes });
  }
}

/**
 * Reads a JSON body of at most `max` bytes. A declared length over the limit is refused before
 * anything is read (and a client that sent "Expect: 100-continue" is never asked for the body);
 * a longer chunked body is refused as soon as it passes the limit, and the rest is never buffered.
 */
function readJsonBody(req: IncomingMessage, res: ServerResponse, max: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    return Promise.reject(new HttpError(400, `POST /predict needs "Content-Type: application/json", not ${JSON.stringify(type || 'none')}.`));
  }
  const declared = Number(req.headers['content-length']);
  const tooLarge = () => new HttpError(413, `The request body is larger than ${max} bytes, the most this server reads.`, { Connection: 'close' });
  if (Number.isFinite(declared) && declared > max) return Promise.reject(tooLarge());
  if ((req.headers.expect ?? '').toLowerCase() === '100-continue') res.writeContinue();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const onData = (part: Buffer) => {
      size += part.length;
      if (size > max) {
        req.off('data', onData);
        req.pause();
        reject(tooLarge());
        return;
      }
      parts.push(part);
    };
    req.on('data', onData);
    req.on('error', reject);
    req.on('end', () => {
      if (size > max) return;
      const text = Buffer.concat(parts).toString('utf8');
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(new HttpError(400, `The body is not valid JSON: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 200)}.`));
      }
    });
  });
}

/**
 * A server on a loopback address answers only to loopback host names, so a web page cannot reach
 * it through DNS rebinding (its own name pointed at 127.0.0.1).
 */
function checkHost(header: string | undefined, allowed: readonly string[]): void {
  if (allowed.length === 0) return;
  const host = (header ?? '').replace(/:\d+$/, '').toLowerCase();
  if (!allowed.includes(host)) throw new HttpError(403, `This server answers only to ${allowed.join(', ')}, not to the host ${JSON.stringify(host.slice(0, 100))}.`);
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  // With "Connection: close" Node ends the socket once this is sent, so an oversized body is not read on.
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldPath(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}
