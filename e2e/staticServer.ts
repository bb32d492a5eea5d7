/**
 * Typed entry to scripts/serve-static.mjs, the dependency-free static server (plain Node ESM, so it has no
 * declaration file of its own; a non-literal import specifier keeps TypeScript from looking for one).
 */
export interface StaticServerOptions {
  /** Directory to serve. */
  root: string;
  /** URL path it is served under; default `/studio/`. */
  basePath?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
}

export interface StaticServer {
  /** e.g. `http://127.0.0.1:41234/studio/`. */
  url: string;
  close(): Promise<void>;
}

interface StaticServerModule {
  startStaticServer(options: StaticServerOptions): Promise<StaticServer>;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const moduleUrl = new URL('../scripts/serve-static.mjs', import.meta.url).href;
  const server = (await import(/* @vite-ignore */ moduleUrl)) as StaticServerModule;
  return server.startStaticServer(options);
}
