/**
 * The OpenAPI 3.0 description of a bundle's prediction API (what `cli serve` answers), built
 * from bundle.json alone so any host serving the bundle can publish the same contract.
 * Column and class names are user data: objects keyed by them are built with
 * Object.fromEntries, which makes even "__proto__" an ordinary own key.
 */
import type { BundleMeta, InputField } from './bundleTypes';

type Schema = Record<string, unknown>;

export interface OpenApiOptions {
  /** The server's base URL, e.g. "http://127.0.0.1:8080"; left out of the document when absent. */
  serverUrl?: string;
  /** The request body limit, stated in the document (default 1 MB). */
  maxBodyBytes?: number;
}

export function openApiDocument(meta: BundleMeta, options: OpenApiOptions = {}): Schema {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
  const kind = meta.model.kind;
  return {
    openapi: '3.0.3',
    info: {
      title: `${kind} ${meta.task} model` + (meta.target ? ` predicting "${meta.target}"` : ''),
      version: meta.createdAt,
      description:
        `Predictions from a model bundle (format ${meta.format} v${meta.version}). Send rows as JSON objects keyed by input ` +
        'column; a missing field or null is a missing value, which the recipe fills in as in training. Unknown fields are ' +
        'ignored, and categories the model never saw are accepted and reported in "notes". ' +
        `Request bodies over ${maxBody} bytes are refused with 413.`,
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths: {
      '/predict': {
        post: {
          operationId: 'predict',
          summary: 'Predict rows',
          requestBody: {
            required: true,
            content: json({
              oneOf: [
                { type: 'array', items: { $ref: '#/components/schemas/Row' } },
                { type: 'object', required: ['rows'], properties: { rows: { type: 'array', items: { $ref: '#/components/schemas/Row' } } } },
              ],
            }),
          },
          responses: {
            '200': { description: 'One prediction per row, in request order.', content: json({ $ref: '#/components/schemas/Predictions' }) },
            '400': error('Bad JSON, a Content-Type other than application/json, or a row that does not fit the schema.'),
            '413': error(`The body is larger than ${maxBody} bytes.`),
          },
        },
      },
      '/health': {
        get: {
          operationId: 'health',
          summary: 'Is the model loaded',
          responses: { '200': { description: 'The server is up and its model is loaded.', content: json({ $ref: '#/components/schemas/Health' }) } },
        },
      },
      '/openapi.json': {
        get: { operationId: 'openapi', summary: 'This document', responses: { '200': { description: 'The OpenAPI document.', content: json({ type: 'object' }) } } },
      },
    },
    components: {
      schemas: {
        Row: {
          type: 'object',
          description: 'One row: the model input columns (any may be left out or null).',
          properties: Object.fromEntries(meta.inputSchema.map((field) => [field.name, fieldSchema(field)])),
          additionalProperties: true,
        },
        Predictions: predictionsSchema(meta),
        Note: {
          type: 'object',
          required: ['column', 'kind', 'message'],
          properties: {
            column: { type: 'string' },
            kind: { type: 'string', enum: ['missing-column', 'extra-column', 'unseen-categories', 'wrong-type'] },
            message: { type: 'string', description: 'One sentence saying what was done about the problem.' },
            rows: { type: 'integer', description: 'How many rows it concerns.' },
          },
        },
        Health: {
          type: 'object',
          required: ['status', 'model', 'target'],
          properties: { status: { type: 'string', enum: ['ok'] }, model: { type: 'string', example: kind }, target: { type: 'string', example: meta.target } },
        },
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string', description: 'One sentence naming the row and field at fault.' } } },
      },
    },
  };
}

function json(schema: Schema): Schema {
  return { 'application/json': { schema } };
}

/** The JSON type a client sends for an input; categories are listed, not enforced (unseen ones are allowed). */
function fieldSchema(field: InputField): Schema {
  switch (field.type) {
    case 'numeric':
      return { type: 'number', nullable: true };
    case 'boolean':
      return { type: 'boolean', nullable: true };
    case 'datetime':
      return { type: 'string', nullable: true, description: 'An ISO date or date-time, e.g. "2024-05-01" or "2024-05-01T13:45:00Z".' };
    default: {
      const known = field.categories ?? [];
      const shown = known.slice(0, 50).map((c) => JSON.stringify(c)).join(', ');
      return {
        type: 'string',
        nullable: true,
        ...(known.length > 0
          ? { description: `Categories seen in training: ${shown}${known.length > 50 ? `, and ${known.length - 50} more` : ''}.`, example: known[0] }
          : {}),
      };
    }
  }
}

function predictionsSchema(meta: BundleMeta): Schema {
  const classes = meta.classes;
  const prediction: Schema = classes
    ? { type: 'string', enum: classes }
    : meta.task === 'clustering'
      ? { type: 'integer', description: 'The cluster number.' }
      : { type: 'number', nullable: true, description: 'The predicted value (null if it is not a finite number).' };
  const properties: Schema = {
    predictions: { type: 'array', items: prediction },
    notes: { type: 'array', items: { $ref: '#/components/schemas/Note' } },
  };
  if (classes) {
    properties.probabilities = {
      type: 'array',
      description: 'Classifiers that give probabilities: one object per row, class name to probability.',
      items: { type: 'object', properties: Object.fromEntries(classes.map((c) => [c, { type: 'number' }])) },
    };
  }
  return { type: 'object', required: ['predictions', 'notes'], properties };
}
