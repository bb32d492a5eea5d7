/**
 * Loads a bundle from its files. A bundle is untrusted input: every file is size-capped and
 * validated, the model kind must be in the registry, and shapes must agree across files. A bad
 * bundle throws a BundleError whose message names the file and the field.
 */
import { getModel } from '../models/registry';
import type { FittedModel } from '../models/types';
import { recipeFeatureNames } from '../prep/recipe';
import { BundleError, type BundleFiles, type BundleMeta, type LoadedBundle } from './bundleTypes';
import { recipePredictor } from './recipePredictor';
import { usesLayersFormat } from './layersFormat';
import { readLayersModel } from './layersFormatRead';
import { parseBundleMeta } from './parseBundleMeta';
import { asBundleError, readJsonFile } from './readJsonFile';

export function readBundle(files: BundleFiles): LoadedBundle {
  let meta: BundleMeta;
  try {
    meta = parseBundleMeta(readJsonFile(files, 'bundle.json'));
  } catch (error) {
    throw asBundleError('bundle.json', error);
  }
  const spec = getModel(meta.model.kind);
  if (!(spec.tasks as string[]).includes(meta.task)) {
    throw new BundleError('bundle.json', `bundle.json: "model.kind" is "${spec.name}", which does not do ${meta.task}.`, 'model.kind');
  }
  let model: FittedModel;
  try {
    model = usesLayersFormat(spec.name) ? readLayersModel(files, meta) : spec.fromJSON(readJsonFile(files, 'model.json'));
  } catch (error) {
    throw asBundleError('model.json', error);
  }
  const inputs = recipeFeatureNames(meta.recipe).length;
  if (model.inputCount !== inputs) {
    throw new BundleError(
      'model.json',
      `model.json: "inputs" is ${model.inputCount}, expected ${inputs} (one per column the recipe in bundle.json produces).`,
      'inputs',
    );
  }
  const classes = meta.classes;
  if (classes && model.classCount !== classes.length) {
    throw new BundleError(
      'model.json',
      `model.json: "classes" is ${model.classCount}, expected ${classes.length} (the classes listed in bundle.json).`,
      'classes',
    );
  }

  const predict = recipePredictor(meta.recipe, model, classes);
  return { meta, model, predict };
}
