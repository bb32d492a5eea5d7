/**
 * Local ML Studio's standalone predictor (built to dist/predictor/predictor.js by
 * vite.predictor.config.ts): load an exported model bundle and predict, in a web page or in Node
 * 20+, without the studio, React or TensorFlow.js.
 *
 *   const predictor = loadBundle(zipBytes);
 *   predictor.predict([{ bill_length_mm: 39.1, island: 'Torgersen' }]);
 *   // -> [{ prediction: 'Adelie', probabilities: [0.97, 0.02, 0.01] }]
 */
export { loadBundle, type LoadOptions, type Prediction, type Predictor } from './loadBundle';
export type { BundleFileContents, BundleSource } from './bundleSource';
export { BundleError, type BundleMeta, type InputField } from '../core/bundle/bundleTypes';
export { RowValidationError } from '../core/bundle/conformTable';
