import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBundle } from '../core/bundle/bundleTypes';
import { loadBundleFolder } from './bundleIO';
import { runCli } from './main';
import { startServer, type RunningServer } from './serveCommand';

const root = join(__dirname, '..', '..');
const penguins = join(root, 'public', 'examples', 'penguins.csv');
const work = mkdtempSync(join(tmpdir(), 'cli-serve-'));
const model = join(work, 'penguins-model');
let bundle: LoadedBundle;
let server: RunningServer;

/** penguins.csv as JSON rows: numbers as numbers, empty cells as null (the file has no quotes). */
function penguinRows(): Array<Record<string, string | number | null>> {
  const [header, ...lines] = readFileSync(penguins, 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((n, j) => [n, cells[j] === '' ? null : Number.isNaN(Number(cells[j])) ? cells[j] : Number(cells[j])]));
  });
}

async function post(body: unknown, path = '/predict') {
  const res = await fetch(server.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

/** A raw request, for what fetch will not send (a Host header, a false length, a chunked body). */
function raw(options: { method?: string; path?: string; headers?: Record<string, string | number>; chunks?: Buffer[] }): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: options.method ?? 'POST', path: options.path ?? '/predict', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    const chunks = options.chunks ?? [];
    const write = (i: number) => {
      if (i === chunks.length) return void req.end();
      // Later parts may be refused once the server has answered; that is the point.
      req.write(chunks[i], () => setImmediate(() => write(i + 1)));
    };
    if ((options.headers?.Expect ?? '') === '100-continue') req.on('continue', () => write(0));
    else write(0);
  });
}

beforeAll(async () => {
  const trained = await runCli(['train', '--data', penguins, '--target', 'Species', '--out', model, '--models', 'decision_tree', '--folds', '0', '--seed', '0'], {
    stdout: () => {},
    stderr: () => {},
  });
  expect(trained).toBe(0);
  bundle = loadBundleFolder(model);
  server = await startServer(bundle, { port: 0 });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('serve: the prediction API', () => {
  it('binds to 127.0.0.1 on a free port and answers /health', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(server.url + '/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ status: 'ok', model: 'decision_tree', target: 'Species' });
  });

  it('publishes an OpenAPI document for the model', async () => {
    const doc = await (await fetch(server.url + '/openapi.json')).json();
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.servers).toEqual([{ url: server.url }]);
    expect(Object.keys(doc.components.schemas.Row.properties)).toEqual(bundle.meta.inputSchema.map((f) => f.name));
    expect(doc.components.schemas.Predictions.properties.predictions.items.enum).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
  });

  it('gives the same predictions as the predict command for the same rows', async () => {
    const out = join(work, 'predictions.csv');
    expect(await runCli(['predict', '--model', model, '--data', penguins, '--out', out], { stdout: () => {}, stderr: () => {} })).toBe(0);
    const [header, ...lines] = readFileSync(out, 'utf8').trimEnd().split('\n');
    const classes = header.split(',').slice(1).map((h) => h.slice('proba_'.length));
    const { status, json } = await post({ rows: penguinRows() });
    expect(status).toBe(200);
    expect(json.notes).toEqual([]);
    expect(json.predictions).toEqual(lines.map((l) => l.split(',')[0]));
    expect(json.probabilities).toEqual(lines.map((l) => Object.fromEntries(l.split(',').slice(1).map((v, j) => [classes[j], Number(v)]))));
  });

  it('answers 20 parallel requests, each with its own rows', async () => {
    const rows = penguinRows();
    const expected = (await post(rows)).json.predictions as string[];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(rows.slice(i * 17, i * 17 + 17 + i))));
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(200);
      expect(answer.json.predictions).toEqual(expected.slice(i * 17, i * 17 + 17 + i));
    });
  });

  it('accepts unseen categories and missing fields, with notes', async () => {
    const { status, json } = await post([{ Island: 'Atlantis', 'Beak Length (mm)': 50, extra: 1 }, { Island: 'Dream', 'Beak Length (mm)': null }]);
    expect(status).toBe(200);
    expect(json.predictions).toHaveLength(2);
    expect(json.notes.map((n: { kind: string; column: string }) => `${n.kind} ${n.column}`)).toEqual([
      'unseen-categories Island',
      'missing-column Beak Depth (mm)',
      'missing-column Flipper Length (mm)',
      'missing-column Body Mass (g)',
      'missing-column Sex',
    ]);
    expect(json.notes[1].message).toBe('Column "Beak Depth (mm)" is missing from the request; every row is treated as missing there (the recipe imputes it).');
    expect(await post([])).toEqual({ status: 200, json: { predictions: [], probabilities: [], notes: [] } });
  });

  it('refuses bad requests with 400 and a sentence naming the field', async () => {
    expect(await post([{ Island: 'Dream' }, { 'Beak Length (mm)': 'long' }])).toEqual({
      status: 400,
      json: { error: 'rows[1]["Beak Length (mm)"] must be a number or null, got "long".' },
    });
    expect(await post({ data: [] })).toEqual({ status: 400, json: { error: 'The body must be a JSON array of row objects, or an object with a "rows" array.' } });
    expect(await post([{ a: 1 }])).toMatchObject({ status: 400, json: { error: expect.stringMatching(/^No row has any of the model's input fields \("Island", /) } });
    const badJson = await raw({ headers: { 'Content-Type': 'application/json' }, chunks: [Buffer.from('[{"Island": ')] });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error).toMatch(/^The body is not valid JSON: /);
    const text = await raw({ headers: { 'Content-Type': 'text/plain' }, chunks: [Buffer.from('[]')] });
    expect(text).toEqual({ status: 400, body: JSON.stringify({ error: 'POST /predict needs "Content-Type: application/json", not "text/plain".' }) });
  });

  it('answers 404 for an unknown path, 405 for a wrong method and 403 for a foreign Host', async () => {
    expect(await raw({ method: 'GET', path: '/nope?x=1' })).toMatchObject({ status: 404 });
    const wrong = await fetch(server.url + '/predict');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect((await post({}, '/health')).status).toBe(405);
    const rebound = await raw({ method: 'GET', path: '/health', headers: { Host: 'attacker.example:80' } });
    expect(rebound.status).toBe(403);
    expect((await raw({ method: 'GET', path: '/health', headers: { Host: `localhost:${new URL(server.url).port}` } })).status).toBe(200);
  });

  it('refuses a body over the limit with 413, declared or not, without reading it all', async () => {
    const small = await startServer(bundle, { port: 0, maxBodyBytes: 1000 });
    const previous = server;
    server = small;
    try {
      const big = Buffer.from(JSON.stringify(Array.from({ length: 100 }, () => ({ Island: 'Dream' }))));
      const expected = { status: 413, body: JSON.stringify({ error: 'The request body is larger than 1000 bytes, the most this server reads.' }) };
      expect(await raw({ headers: { 'Content-Type': 'application/json', 'Content-Length': big.length, Expect: '100-continue' }, chunks: [big] })).toEqual(expected);
      expect(await raw({ headers: { 'Content-Type': 'application/json', 'Content-Length': big.length }, chunks: [] })).toEqual(expected);
      const viaFetch = await fetch(small.url + '/predict', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: big });
      expect({ status: viaFetch.status, body: await viaFetch.text() }).toEqual(expected);
      const parts = Array.from({ length: 4 }, (_, i) => big.subarray(i * 600, i * 600 + 600));
      expect(await raw({ headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, chunks: parts })).toEqual(expected);
      expect((await post([{ Island: 'Dream' }])).status).toBe(200);
    } finally {
      server = previous;
      await small.close();
    }
  });
});

describe('serve command', () => {
  it('prints its address, serves until SIGTERM, then closes cleanly', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'serve', '--model', model, '--port', '0'], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const match = /^Serving decision_tree on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (match) resolve(match[1]);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    expect(await (await fetch(url + '/health')).json()).toMatchObject({ status: 'ok' });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stdout).toMatch(/Stopped\.\n$/);
    expect(stderr).toBe('');
  }, 60_000);

  it('refuses a bad port with exit 2', async () => {
    let stderr = '';
    const code = await runCli(['serve', '--model', model, '--port', '70000'], { stdout: () => {}, stderr: (t) => void (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toBe('The option --port must be a whole number from 0 to 65535, not "70000".\n');
  });
});
