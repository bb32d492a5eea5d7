import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio, type Studio } from './harness';

describe('smoke', () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await openStudio();
  });

  afterAll(async () => {
    await studio?.close();
  });

  it('serves the production build from a sub-path with cross-origin isolation headers', async () => {
    expect(studio.baseUrl).toMatch(/\/studio\/$/);
    const response = await studio.page.request.get(studio.baseUrl);
    expect(response.status()).toBe(200);
    expect(response.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  });

  it('loads the studio with a title, no external requests and no page errors', async () => {
    expect((await studio.page.title()).trim()).not.toBe('');
    expect(await studio.page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(studio.externalRequests).toEqual([]);
    expect(studio.pageErrors).toEqual([]);
  });
});
