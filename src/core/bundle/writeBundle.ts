/**
 * Writes a trained model as bundle files: bundle.json (what it needs and how it was made),
 * model.json (the model's own JSON, or for neural networks a TensorFlow.js layers model with
 * weights.bin) and model-card.md. The result is read back with
 * `readBundle`, in the browser, the CLI or any other host.
 */
import { recipeFeatureNames } from '../prep/recipe';
import { inputSchema } from './inputSchema';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleFiles, type BundleInput, type BundleMeta } from './bundleTypes';
import { usesLayersFormat } from './layersFormat';
import { writeLayersModel } from './layersFormatWrite';
import { modelCard } from './modelCard';
import { driftReferenceJson } from '../monitor/driftReferenceJson';

export function writeBundle(input: BundleInput): BundleFiles {
  const { recipe, model } = input;
  const featureCount = recipeFeatureNames(recipe).length; // throws if the recipe is not fitted
  if (featureCount !== model.inputCount) {
    throw new Error(`The model takes ${model.inputCount} inputs but the recipe produces ${featureCount}.`);
  }
  if (input.task === 'classification' && input.classes?.length !== model.classCount) {
    throw new Error(`The model has ${model.classCount} classes but ${input.classes?.length ?? 0} class names were given.`);
  }
  const metrics: Record<string, number | null> = {};
  for (const [name, value] of Object.entries(input.metrics)) metrics[name] = Number.isFinite(value) ? value : null;

  const meta: BundleMeta = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: input.createdAt,
    target: input.target,
    task: input.task,
    ...(input.task === 'classification' ? { classes: input.classes } : {}),
    inputSchema: inputSchema(recipe),
    recipe,
    model: { kind: model.kind, params: input.params, metrics },
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.data ? { data: input.data } : {}),
    ...(input.profiles !== undefined ? { profiles: input.profiles } : {}),
    ...(input.drift ? { drift: input.drift } : {}),
  };
  return new Map<string, Uint8Array | string>([
    ['bundle.json', bundleJson(meta)],
    ...modelFiles(input),
    ['model-card.md', input.modelCard ?? modelCard(meta)],
  ]);
}

/** model.json: neural networks as a TensorFlow.js layers model (+ weights.bin), the rest as their own JSON. */
function modelFiles(input: BundleInput): [string, Uint8Array | string][] {
  const { model } = input;
  if (!usesLayersFormat(model.kind)) return [['model.json', JSON.stringify(model.toJSON()) + '\n']];
  const featureNames = recipeFeatureNames(input.recipe);
  const { modelJson, weights } = writeLayersModel(model, { params: input.params, classes: input.classes, featureNames });
  return [
    ['model.json', modelJson],
    ['weights.bin', weights],
  ];
}

/** bundle.json, indented; the drift reference goes last, one line per column (its number lists are long). */
function bundleJson(meta: BundleMeta): string {
  const { drift, ...rest } = meta;
  const text = JSON.stringify(rest, null, 2);
  return (drift ? `${text.slice(0, -2)},\n  "drift": ${driftReferenceJson(drift, '  ')}\n}` : text) + '\n';
}
