/**
 * Vitest globalSetup for the `e2e` project: serves the production build (dist/, or $STUDIO_DIST) under
 * `/studio/` with the cross-origin isolation headers, and hands its URL to the tests as `inject('baseUrl')`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from './staticServer';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the served build, ending with the base path, e.g. `http://127.0.0.1:41234/studio/`. */
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const distDir = process.env.STUDIO_DIST
    ? resolve(process.env.STUDIO_DIST)
    : fileURLToPath(new URL('../dist/', import.meta.url));
  const indexHtml = join(distDir, 'index.html');
  if (!existsSync(indexHtml)) {
    throw new Error(`The end-to-end tests need the production build, but ${indexHtml} is missing: run \`npm run build\` first.`);
  }
  const server = await startStaticServer({ root: distDir, basePath: '/studio/' });
  project.provide('baseUrl', server.url);
  return async () => {
    await server.close();
  };
}
