import { describe, expect, it } from 'vitest';
import type { BundleMeta } from './bundleTypes';
import { openApiDocument } from './openApi';

function meta(overrides: Partial<BundleMeta> = {}): BundleMeta {
  return {
    format: 'local-ml-studio/bundle',
    version: 1,
    createdAt: '2024-05-01T00:00:00Z',
    target: 'species',
    task: 'classification',
    classes: ['Adelie', '__proto__'],
    inputSchema: [
      { name: 'bill', type: 'numeric' },
      { name: '__proto__', type: 'categorical', categories: ['Biscoe', 'Dream'] },
      { name: 'tagged', type: 'boolean', categories: ['false', 'true'] },
      { name: 'seen', type: 'datetime' },
    ],
    recipe: { version: 1, target: 'species', features: ['bill', '__proto__', 'tagged', 'seen'], steps: [] },
    model: { kind: 'logistic_regression', params: {}, metrics: {} },
    ...overrides,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is checked as parsed JSON
function parsed(doc: unknown): any {
  return JSON.parse(JSON.stringify(doc));
}

describe('openApiDocument', () => {
  it('describes the three endpoints and their status codes', () => {
    const doc = parsed(openApiDocument(meta(), { serverUrl: 'http://127.0.0.1:8080', maxBodyBytes: 1000 }));
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.info.title).toBe('logistic_regression classification model predicting "species"');
    expect(doc.servers).toEqual([{ url: 'http://127.0.0.1:8080' }]);
    expect(Object.keys(doc.paths)).toEqual(['/predict', '/health', '/openapi.json']);
    expect(Object.keys(doc.paths['/predict'].post.responses)).toEqual(['200', '400', '413']);
    expect(doc.paths['/predict'].post.responses['413'].description).toContain('1000 bytes');
    expect(doc.paths['/predict'].post.requestBody.content['application/json'].schema.oneOf).toHaveLength(2);
  });

  it('gives each input its JSON type, nullable, with the known categories listed but not enforced', () => {
    const row = parsed(openApiDocument(meta())).components.schemas.Row;
    expect(Object.keys(row.properties)).toEqual(['bill', '__proto__', 'tagged', 'seen']);
    expect(row.properties.bill).toEqual({ type: 'number', nullable: true });
    expect(row.properties.__proto__).toEqual({ type: 'string', nullable: true, description: 'Categories seen in training: "Biscoe", "Dream".', example: 'Biscoe' });
    expect(row.properties.tagged).toEqual({ type: 'boolean', nullable: true });
    expect(row.properties.seen.type).toBe('string');
    expect(row.additionalProperties).toBe(true);
  });

  it('lists the classes for a classifier and a number for a regression', () => {
    const classifier = parsed(openApiDocument(meta())).components.schemas.Predictions;
    expect(classifier.properties.predictions.items).toEqual({ type: 'string', enum: ['Adelie', '__proto__'] });
    expect(Object.keys(classifier.properties.probabilities.items.properties)).toEqual(['Adelie', '__proto__']);
    const regression = parsed(openApiDocument(meta({ task: 'regression', classes: undefined }))).components.schemas.Predictions;
    expect(regression.properties.predictions.items.type).toBe('number');
    expect(regression.properties.probabilities).toBeUndefined();
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });
});
